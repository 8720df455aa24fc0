using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Graph.Api.Data.Seed;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Security;

/// <summary>
/// What a hostile or broken client may send to the running server (Kestrel on a real port, not the in-memory test
/// host): deep nesting, alias flooding, huge strings, malformed JSON, wrong content types, oversized bodies and
/// injection attempts in filter values. Each gets a clear error with a code, never a 500, and the database is the same
/// afterwards (every table's rows compared).
/// </summary>
public sealed class HostileInputTests(HostileInputTests.Server server) : IClassFixture<HostileInputTests.Server>
{
    /// <summary>The seeded server on a real port, shared by the tests of this class.</summary>
    public sealed class Server : IAsyncLifetime
    {
        private readonly DatabaseFixture _database = new();
        private GraphApiFactory? _factory;

        public HttpClient Client { get; private set; } = null!;

        public Uri Address { get; private set; } = null!;

        public string ConnectionString => _database.ConnectionString;

        public async Task InitializeAsync()
        {
            await _database.InitializeAsync();
            await using (var db = _database.CreateContext())
            {
                await DemoSeeder.SeedAsync(db, TimeProvider.System);
            }
            _factory = new GraphApiFactory(_database.ConnectionString);
            _factory.UseKestrel(0);
            _factory.StartServer();
            Client = _factory.CreateClient().AsAdmin(_factory.Services);
            Address = Client.BaseAddress!;
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            if (_factory is not null)
            {
                await _factory.DisposeAsync();
            }
            await _database.DisposeAsync();
        }
    }

    private const string ResponseJson = "application/graphql-response+json";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public static TheoryData<string, string> HostileDocuments() => new()
    {
        // Deep nesting: selections, list values, input objects.
        { "nested selections", "{ " + string.Concat(Enumerable.Repeat("books { nodes { author { ", 40)) + "name" + new string('}', 120) + " }" },
        { "nested list literal", "{ books(where: { title: { in: " + new string('[', 5_000) + new string(']', 5_000) + " } }) { totalCount } }" },
        { "nested input object", "{ books(where: " + string.Concat(Enumerable.Repeat("{ and: [", 3_000)) + "{}" + string.Concat(Enumerable.Repeat("] }", 3_000)) + ") { totalCount } }" },
        { "nested fragments", "{ ...F0 } " + string.Concat(Enumerable.Range(0, 500).Select(i => $"fragment F{i} on Query {{ ...F{i + 1} }} ")) + "fragment F500 on Query { __typename }" },
        { "fragment cycle", "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }" },
        // Alias flooding: many copies of an expensive field, and many copies of a cheap one.
        { "aliased connections", "{ " + string.Concat(Enumerable.Range(0, 300).Select(i => $"a{i}: books(first: 50) {{ nodes {{ title author {{ name }} }} }} ")) + "}" },
        { "aliased typename", "{ " + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"a{i}: __typename ")) + "}" },
        { "repeated field", "{ " + string.Concat(Enumerable.Repeat("__typename ", 30_000)) + "}" },
        { "directive flood", "{ __typename " + string.Concat(Enumerable.Repeat("@include(if: true) ", 5_000)) + "}" },
        { "operation flood", string.Concat(Enumerable.Range(0, 3_000).Select(i => $"query Q{i} {{ __typename }} ")) },
        // Huge values.
        { "huge string literal", "{ books(where: { title: { contains: \"" + new string('x', 900_000) + "\" } }) { totalCount } }" },
        { "huge number", "{ books(first: " + new string('9', 5_000) + ") { totalCount } }" },
        { "huge name", "{ " + new string('a', 200_000) + " }" },
        // Broken syntax.
        { "unterminated string", "{ books(where: { title: { eq: \"abc } }) { totalCount } }" },
        { "lone brace", "{" },
        { "binary noise", "\u0001\u0002\u0003\uFFFE\u0000" },
    };

    [Theory]
    [MemberData(nameof(HostileDocuments))]
    public async Task A_hostile_document_gets_a_coded_error_and_changes_nothing(string name, string document)
    {
        var before = await RowCountsAsync();

        var response = await PostAsync(JsonSerializer.Serialize(new { query = document }));

        AssertCodedRefusal(response, name);
        Assert.Equal(before, await RowCountsAsync());
    }

    private const string AddBookWithTitle =
        "mutation($t: String!) { addBook(input: { title: $t, authorId: \"QXV0aG9yOjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMA==\", language: \"fr\", price: { amount: 10, currency: XOF } }) { book { id } errors { __typename } } }";

    /// <summary>Mutations whose input is huge or shaped to smuggle SQL: refused, never run. The third value, when set, is
    /// the title sent as the variable <c>$t</c> (no escaping of ours between it and the server).</summary>
    public static TheoryData<string, string, string?> HostileMutations() => new()
    {
        { "huge title", AddBookWithTitle, new string('x', 500_000) },
        { "title with NUL", AddBookWithTitle, "Le Livre\u0000; DROP TABLE books; --" },
        { "title with SQL", AddBookWithTitle, "'); DELETE FROM books; --" },
        { "price overflow", """mutation { addBook(input: { title: "T", authorId: "QXV0aG9yOjA=", language: "fr", price: { amount: 1e400, currency: XOF } }) { book { id } } }""", null },
        { "unknown currency", """mutation { addBook(input: { title: "T", authorId: "QXV0aG9yOjA=", language: "fr", price: { amount: 10, currency: BTC } }) { book { id } } }""", null },
        { "forged id", """mutation { addBook(input: { title: "T", authorId: "' OR 1=1 --", language: "fr", price: { amount: 10, currency: XOF } }) { book { id } } }""", null },
    };

    [Theory]
    [MemberData(nameof(HostileMutations))]
    public async Task A_hostile_mutation_is_refused_and_changes_nothing(string name, string document, string? title)
    {
        var before = await RowCountsAsync();
        object body = title is null ? new { query = document } : new { query = document, variables = new { t = title } };

        var response = await PostAsync(JsonSerializer.Serialize(body));

        Assert.True(response.Status != HttpStatusCode.InternalServerError, $"{name}: {response.Text}");
        using var json = JsonDocument.Parse(response.Text);
        var refused = json.RootElement.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0
            || json.RootElement.GetProperty("data").GetProperty("addBook").GetProperty("errors").ValueKind == JsonValueKind.Array;
        Assert.True(refused, $"{name}: {response.Text}");
        if (json.RootElement.TryGetProperty("errors", out errors))
        {
            foreach (var error in errors.EnumerateArray())
            {
                Assert.True(error.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("code", out _), $"{name}: an error without a code: {error}");
            }
        }
        Assert.Equal(before, await RowCountsAsync());
    }

    public static TheoryData<string, string, string> InjectionFilters() => new()
    {
        // Filter values reach SQL as parameters: quotes, comments, wildcards and backslashes are text, never syntax.
        { "quote and comment", "contains", "'; DROP TABLE books; --" },
        { "union select", "eq", "x' UNION SELECT password_hash FROM users --" },
        { "like wildcard percent", "contains", "%" },
        { "like wildcard underscore", "startsWith", "_" },
        { "backslash", "contains", "\\" },
        { "regex metacharacters", "contains", ".*" },
    };

    [Theory]
    [MemberData(nameof(InjectionFilters))]
    public async Task An_injection_attempt_in_a_filter_value_matches_nothing_and_changes_nothing(string name, string operation, string value)
    {
        var before = await RowCountsAsync();
        var query = $$"""query($v: String!) { books(where: { title: { {{operation}}: $v } }) { totalCount nodes { title } } }""";

        var response = await PostAsync(JsonSerializer.Serialize(new { query, variables = new { v = value } }));

        Assert.True(response.Status == HttpStatusCode.OK, $"{name}: {(int)response.Status} {response.Text}");
        using var json = JsonDocument.Parse(response.Text);
        Assert.False(json.RootElement.TryGetProperty("errors", out _), response.Text);
        // No seeded title contains any of these characters, so a value taken as text matches no book.
        Assert.Equal(0, json.RootElement.GetProperty("data").GetProperty("books").GetProperty("totalCount").GetInt32());
        Assert.Equal(before, await RowCountsAsync());
    }

    [Fact]
    public async Task A_NUL_character_in_a_filter_value_gets_a_coded_error_not_a_database_failure()
    {
        var query = """query($v: String!) { books(where: { title: { eq: $v } }) { totalCount } }""";

        var response = await PostAsync(JsonSerializer.Serialize(new { query, variables = new { v = "abc\u0000def" } }));

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.Status);
        using var json = JsonDocument.Parse(response.Text);
        var error = Assert.Single(json.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("BAD_USER_INPUT", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("U+0000", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", response.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", response.Text, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> MalformedBodies() => new()
    {
        { "truncated JSON", """{"query": "{ __typename }" """ },
        { "not an object", """["{ __typename }"]""" },
        { "query is a number", """{"query": 42}""" },
        { "variables is a string", """{"query": "{ __typename }", "variables": "{}"}""" },
        { "extensions is a list", """{"query": "{ __typename }", "extensions": []}""" },
        { "duplicate query", """{"query": "{ __typename }", "query": "mutation { __typename }"}""" },
        { "comments", """{"query": /* hello */ "{ __typename }"}""" },
        { "trailing garbage", """{"query": "{ __typename }"} {"query": "{ __typename }"}""" },
        { "deep variables", """{"query": "query($v: JSON) { __typename }", "variables": {"v": """ + new string('[', 10_000) + new string(']', 10_000) + "}}" },
        { "empty body", "" },
        { "only whitespace", "   \n  " },
        { "lone surrogate escape", """{"query": "{ books(where: { title: { eq: \"\uD800\" } }) { totalCount } }"}""" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task A_malformed_body_gets_400_with_a_code(string name, string body)
    {
        var before = await RowCountsAsync();

        var response = await PostAsync(body);

        AssertCodedRefusal(response, name, expectRequestError: true);
        Assert.Equal(before, await RowCountsAsync());
    }

    [Fact]
    public async Task Invalid_UTF8_bytes_get_400_with_a_code()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"query": "{ __typename }", "operationName": "X"}""").ToList();
        bytes.InsertRange(bytes.IndexOf((byte)'X'), [0xC3, 0x28, 0xFF]);

        var response = await SendAsync(new ByteArrayContent([.. bytes]), "application/json");

        AssertCodedRefusal(response, "invalid UTF-8", expectRequestError: true);
    }

    public static TheoryData<string?> WrongContentTypes() => new()
    {
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/xml",
        "application/graphql",
        "application/json; charset=latin1",
        "garbage",
        null,
    };

    [Theory]
    [MemberData(nameof(WrongContentTypes))]
    public async Task A_wrong_content_type_is_refused_with_a_code(string? contentType)
    {
        var before = await RowCountsAsync();

        var response = await SendAsync(new StringContent("""{"query": "mutation { __typename }"}"""), contentType);

        Assert.True(response.Status is HttpStatusCode.UnsupportedMediaType or HttpStatusCode.BadRequest, $"{contentType}: {(int)response.Status} {response.Text}");
        AssertCodedRefusal(response, contentType ?? "no content type", expectRequestError: true);
        Assert.Equal(before, await RowCountsAsync());
    }

    [Fact]
    public async Task An_oversized_body_gets_413_with_a_code()
    {
        var body = JsonSerializer.Serialize(new { query = "{ __typename }", variables = new { pad = new string('x', 2 * 1024 * 1024) } });

        var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        AssertCodedRefusal(response, "oversized body", expectRequestError: true);
    }

    [Fact]
    public async Task An_oversized_chunked_body_without_length_gets_413_with_a_code()
    {
        var content = new StreamContent(new RepeatingStream(Encoding.UTF8.GetBytes("{\"query\": \"{ __typename }\", \"variables\": {\"pad\": \""), 3 * 1024 * 1024));
        content.Headers.ContentLength = null;

        var response = await SendAsync(content, "application/json", chunked: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        AssertCodedRefusal(response, "oversized chunked body", expectRequestError: true);
    }

    [Fact]
    public async Task A_body_shorter_than_its_content_length_does_not_hang_or_fail_the_server()
    {
        // The client promises 1,000 bytes, sends 20 and closes: the server gives up on the request and keeps serving.
        using (var socket = new TcpClient())
        {
            await socket.ConnectAsync(server.Address.Host, server.Address.Port);
            var stream = socket.GetStream();
            var head = $"POST /graphql HTTP/1.1\r\nHost: {server.Address.Authority}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{\"query\": \"{{ __typ";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.FlushAsync();
        }

        var response = await PostAsync("""{"query": "{ __typename }"}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task A_huge_query_string_is_refused_without_a_500()
    {
        var query = "{ " + new string('a', 100_000) + " }";

        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString(query));
        request.Headers.TryAddWithoutValidation("Accept", ResponseJson);
        using var cancel = new CancellationTokenSource(Patience);
        using var response = await server.Client.SendAsync(request, cancel.Token);

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode}");
    }

    [Fact]
    public async Task A_flood_of_headers_is_refused_without_a_500()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query": "{ __typename }"}""", Encoding.UTF8, "application/json"),
        };
        for (var i = 0; i < 500; i++)
        {
            request.Headers.TryAddWithoutValidation($"X-Flood-{i}", new string('v', 200));
        }
        using var cancel = new CancellationTokenSource(Patience);
        using var response = await server.Client.SendAsync(request, cancel.Token);

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode}");
    }

    [Fact]
    public async Task The_server_still_answers_after_the_hostile_requests()
    {
        await A_hostile_document_gets_a_coded_error_and_changes_nothing("aliased typename", HostileDocuments().Select(d => (string)d[1]).ElementAt(6));

        var response = await PostAsync("""{"query": "{ books(first: 1) { totalCount } }"}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains("\"totalCount\":", response.Text, StringComparison.Ordinal);
    }

    /// <summary>
    /// A refusal as the GraphQL-over-HTTP spec wants it: not a 500, JSON with errors that all carry a code, and, for a
    /// request error, no data. A hostile document that still executes (a flood of cheap aliases) may answer 200 with data.
    /// </summary>
    private static void AssertCodedRefusal(Reply response, string name, bool expectRequestError = false)
    {
        Assert.True(response.Status != HttpStatusCode.InternalServerError, $"{name}: 500 {response.Text}");
        Assert.True((int)response.Status < 500, $"{name}: {(int)response.Status} {response.Text}");
        Assert.DoesNotContain("   at ", response.Text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(response.Text);
        if (response.Status == HttpStatusCode.OK && !expectRequestError && !json.RootElement.TryGetProperty("errors", out _))
        {
            // Executed: only the cheap floods may get here.
            Assert.True(json.RootElement.TryGetProperty("data", out _), $"{name}: {response.Text}");
            return;
        }
        var errors = json.RootElement.GetProperty("errors");
        Assert.True(errors.GetArrayLength() > 0, $"{name}: {response.Text}");
        foreach (var error in errors.EnumerateArray())
        {
            Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()), $"{name}: {error}");
            Assert.True(error.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("code", out var code)
                && code.GetString() is { Length: > 0 }, $"{name}: an error without a code: {error}");
        }
        if (expectRequestError)
        {
            Assert.True((int)response.Status is >= 400 and < 500, $"{name}: {(int)response.Status} {response.Text}");
            Assert.False(json.RootElement.TryGetProperty("data", out _), $"{name}: {response.Text}");
        }
    }

    private Task<Reply> PostAsync(string body) =>
        SendAsync(new ByteArrayContent(Encoding.UTF8.GetBytes(body)), "application/json");

    private async Task<Reply> SendAsync(HttpContent content, string? contentType, bool chunked = false)
    {
        if (contentType is not null)
        {
            content.Headers.Remove("Content-Type");
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        else
        {
            content.Headers.ContentType = null;
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        request.Headers.TryAddWithoutValidation("Accept", ResponseJson);
        request.Headers.TransferEncodingChunked = chunked ? true : null;
        using var cancel = new CancellationTokenSource(Patience);
        using var response = await server.Client.SendAsync(request, cancel.Token);
        return new Reply(response.StatusCode, await response.Content.ReadAsStringAsync(cancel.Token));
    }

    /// <summary>The number of rows of every table of the database, by table name.</summary>
    private Task<string> RowCountsAsync() => TableRows.CountAsync(server.ConnectionString);

    private sealed record Reply(HttpStatusCode Status, string Text);

    /// <summary>A body of <paramref name="length"/> bytes: <paramref name="prefix"/>, then the letter x.</summary>
    private sealed class RepeatingStream(byte[] prefix, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++)
            {
                var at = _position + i;
                buffer[offset + i] = at < prefix.Length ? prefix[at] : (byte)'x';
            }
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
