using System.IO.Compression;
using System.Net;
using System.Text;
using Graph.Api.Data.Seed;
using Graph.Api.Hosting;
using Graph.Api.Tests.Infrastructure;
using Graph.GraphQL;
using Microsoft.EntityFrameworkCore;
using static Graph.Api.Tests.GraphQL.GraphQLHttp;

namespace Graph.Api.Tests.GraphQL;

/// <summary>GraphQL over HTTP on /graphql, through the real pipeline and the catalog graph on PostgreSQL.</summary>
public sealed class HttpTransportTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private GraphApiFactory _factory = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        await using (var db = database.CreateContext())
        {
            await DemoSeeder.SeedAsync(db, TimeProvider.System);
        }
        _factory = new GraphApiFactory(database.ConnectionString);
        _client = _factory.CreateClient();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<(string Book, string Author)> CabossesAsync()
    {
        await using var db = database.CreateContext();
        var book = await db.Books.SingleAsync(b => b.Isbn == "9782000000035");
        return (GlobalIds.Book(book.Id), GlobalIds.Author(book.AuthorId));
    }

    [Fact]
    public async Task A_POST_query_with_variables_returns_the_book()
    {
        var (book, _) = await CabossesAsync();

        var response = await _client.SendGraphQLAsync(PostQuery(
            "query Book($id: ID!) { book(id: $id) { title price { amount currency } author { name } } }",
            new { id = book }));

        response.Is(HttpStatusCode.OK, ResponseJson);
        Assert.False(response.HasErrors, response.Text);
        var data = response.Body.GetProperty("data").GetProperty("book");
        Assert.Equal("Cabosses", data.GetProperty("title").GetString());
        Assert.Equal(4000m, data.GetProperty("price").GetProperty("amount").GetDecimal());
        Assert.Equal("Kouadio Yao", data.GetProperty("author").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_GET_query_with_variables_and_an_operation_name_returns_the_author()
    {
        var (_, author) = await CabossesAsync();

        var response = await _client.SendGraphQLAsync(Get([
            new("query", "query Other { __typename } query Author($id: ID!) { author(id: $id) { name books { title } } }"),
            new("operationName", "Author"),
            new("variables", $$"""{"id":"{{author}}"}"""),
            new("extensions", """{"some":"value"}"""),
        ]));

        response.Is(HttpStatusCode.OK, ResponseJson);
        var data = response.Body.GetProperty("data").GetProperty("author");
        Assert.Equal("Kouadio Yao", data.GetProperty("name").GetString());
        Assert.Equal(["Cabosses", "Harvest Season"], data.GetProperty("books").EnumerateArray().Select(b => b.GetProperty("title").GetString()));
    }

    [Theory]
    [InlineData(null, Json)]
    [InlineData("*/*", Json)]
    [InlineData("application/*", Json)]
    [InlineData("application/json", Json)]
    [InlineData("application/graphql-response+json", ResponseJson)]
    [InlineData("application/graphql-response+json; charset=utf-8, application/json; charset=utf-8", ResponseJson)]
    [InlineData("application/json, application/graphql-response+json", ResponseJson)]
    [InlineData("application/json;q=0.9, application/graphql-response+json;q=0.8", Json)]
    [InlineData("application/graphql-response+json, */*;q=0.1", ResponseJson)]
    [InlineData("application/json, */*", Json)]
    [InlineData("text/html, application/graphql-response+json;q=0.9", ResponseJson)]
    [InlineData("*/*, application/graphql-response+json;q=0", Json)]
    public async Task The_response_media_type_follows_the_Accept_header(string? accept, string expected)
    {
        var response = await _client.SendGraphQLAsync(PostQuery("{ __typename }", accept: accept));

        response.Is(HttpStatusCode.OK, expected);
        Assert.Equal("Query", response.Body.GetProperty("data").GetProperty("__typename").GetString());
        Assert.Contains("Accept", response.Headers.Vary);
    }

    [Theory]
    [InlineData("text/xml")]
    [InlineData("application/graphql-response+json;q=0, application/json;q=0")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task An_Accept_header_without_a_GraphQL_media_type_is_406(string accept)
    {
        var response = await _client.SendGraphQLAsync(PostQuery("{ __typename }", accept: accept));

        response.IsRequestError(HttpStatusCode.NotAcceptable, Json, "NOT_ACCEPTABLE");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task A_POST_body_that_is_not_UTF8_JSON_is_415(string? contentType)
    {
        var response = await _client.SendGraphQLAsync(Post("""{"query":"{ __typename }"}""", contentType: contentType));

        response.IsRequestError(HttpStatusCode.UnsupportedMediaType, ResponseJson, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Fact]
    public async Task Content_type_parameters_and_case_are_accepted()
    {
        var response = await _client.SendGraphQLAsync(Post("""{"query":"{ __typename }"}""", contentType: "Application/JSON; charset=UTF-8"));

        response.Is(HttpStatusCode.OK, ResponseJson);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("{ \"not a JSON", "not valid JSON")]
    [InlineData("""{"query":"{ __typename }"} {}""", "not valid JSON")]
    [InlineData("null", "must be a JSON object")]
    [InlineData("\"{ __typename }\"", "must be a JSON object")]
    [InlineData("""[{"query":"{ __typename }"}]""", "Batched")]
    [InlineData("""{"notquery":"{ __typename }"}""", "no \"query\"")]
    [InlineData("""{"query":null}""", "no \"query\"")]
    [InlineData("""{"query":{"obj":"ect"}}""", "\"query\" parameter must be a string")]
    [InlineData("""{"query":0}""", "\"query\" parameter must be a string")]
    [InlineData("""{"query":"{ __typename }","operationName":false}""", "\"operationName\" parameter must be a string")]
    [InlineData("""{"query":"{ __typename }","variables":"string"}""", "\"variables\" parameter must be a JSON object")]
    [InlineData("""{"query":"{ __typename }","variables":[7]}""", "\"variables\" parameter must be a JSON object")]
    [InlineData("""{"query":"{ __typename }","extensions":0}""", "\"extensions\" parameter must be a JSON object")]
    public async Task A_request_that_is_not_well_formed_is_400_whatever_the_media_type(string body, string message)
    {
        foreach (var accept in new[] { ResponseJson, Json })
        {
            var response = await _client.SendGraphQLAsync(Post(body, accept));

            response.IsRequestError(HttpStatusCode.BadRequest, accept, "BAD_REQUEST");
            Assert.Contains(message, response.Body.GetProperty("errors")[0].GetProperty("message").GetString());
        }
    }

    [Theory]
    [InlineData("""{"query":"{ __typename }","operationName":null,"variables":null,"extensions":null}""")]
    [InlineData("""{"query":"{ __typename }","operationName":"","variables":{},"extensions":{"persistedQuery":{"version":1}},"future":[1,{"a":2}]}""")]
    [InlineData("\uFEFF{\"query\":\"{ __typename }\"}")]
    public async Task Null_empty_and_unknown_parameters_are_ignored(string body)
    {
        var response = await _client.SendGraphQLAsync(Post(body));

        response.Is(HttpStatusCode.OK, ResponseJson);
        Assert.False(response.HasErrors, response.Text);
    }

    [Theory]
    [InlineData("{", ErrorCodes.ParseFailed)]
    [InlineData("", ErrorCodes.ParseFailed)]
    [InlineData("{ doesNotExist }", ErrorCodes.ValidationFailed)]
    [InlineData("query A { __typename } query B { __typename }", ErrorCodes.OperationNotFound)]
    public async Task Request_errors_are_400_with_graphql_response_json_and_200_with_json(string query, string code)
    {
        var modern = await _client.SendGraphQLAsync(PostQuery(query, accept: ResponseJson));
        var legacy = await _client.SendGraphQLAsync(PostQuery(query, accept: Json));

        modern.IsRequestError(HttpStatusCode.BadRequest, ResponseJson, code);
        legacy.IsRequestError(HttpStatusCode.OK, Json, code);
        Assert.Equal(modern.Text, legacy.Text);
    }

    [Fact]
    public async Task A_variable_coercion_error_is_400_BAD_USER_INPUT()
    {
        var response = await _client.SendGraphQLAsync(PostQuery("query($id: ID!) { book(id: $id) { title } }", new { id = true }));

        response.IsRequestError(HttpStatusCode.BadRequest, ResponseJson, "BAD_USER_INPUT");
    }

    [Fact]
    public async Task A_mutation_over_GET_is_405_with_Allow_POST_whatever_the_media_type()
    {
        foreach (var accept in new[] { ResponseJson, Json })
        {
            var response = await _client.SendGraphQLAsync(Get([new("query", "mutation { __typename }")], accept));

            response.IsRequestError(HttpStatusCode.MethodNotAllowed, accept, "METHOD_NOT_ALLOWED");
            Assert.Equal(["POST"], response.ContentHeaders.Allow);
        }
    }

    [Fact]
    public async Task A_GET_without_query_or_with_bad_parameters_is_400()
    {
        (await _client.SendGraphQLAsync(Get([]))).IsRequestError(HttpStatusCode.BadRequest, ResponseJson, "BAD_REQUEST");
        (await _client.SendGraphQLAsync(Get([new("query", "{ __typename }"), new("variables", "[1]")])))
            .IsRequestError(HttpStatusCode.BadRequest, ResponseJson, "BAD_REQUEST");
        (await _client.SendGraphQLAsync(Get([new("query", "{ __typename }"), new("variables", "{nope")])))
            .IsRequestError(HttpStatusCode.BadRequest, ResponseJson, "BAD_REQUEST");
        (await _client.SendGraphQLAsync(Get([new("query", "{ __typename }"), new("query", "{ __typename }")])))
            .IsRequestError(HttpStatusCode.BadRequest, ResponseJson, "BAD_REQUEST");
    }

    [Fact]
    public async Task Other_methods_are_405_from_routing()
    {
        using var response = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/graphql"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        // CONNECT: WebSockets over HTTP/2 open with it.
        Assert.Equal(["CONNECT", "GET", "POST"], response.Content.Headers.Allow.Order());
    }

    [Fact]
    public async Task A_body_over_one_MiB_is_413_with_a_GraphQL_error()
    {
        var padding = new string(' ', 1024 * 1024);
        var body = "{\"query\":\"{ __typename }\"" + padding + "}";

        var response = await _client.SendGraphQLAsync(Post(body));

        response.IsRequestError(HttpStatusCode.RequestEntityTooLarge, ResponseJson, "REQUEST_TOO_LARGE");
    }

    [Fact]
    public async Task A_chunked_body_over_one_MiB_is_413_too()
    {
        var body = Encoding.UTF8.GetBytes("{\"query\":\"{ __typename }\"" + new string(' ', 1024 * 1024) + "}");
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StreamContent(new UnknownLengthStream(body)) };
        request.Content.Headers.ContentType = new("application/json");

        var response = await _client.SendGraphQLAsync(request);

        response.IsRequestError(HttpStatusCode.RequestEntityTooLarge, Json, "REQUEST_TOO_LARGE");
    }

    [Fact]
    public async Task A_body_just_under_the_limit_is_served()
    {
        var body = "{\"query\":\"{ __typename }\"" + new string(' ', 1024 * 1024 - 40) + "}";

        var response = await _client.SendGraphQLAsync(Post(body));

        response.Is(HttpStatusCode.OK, ResponseJson);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Responses_are_compressed_when_the_client_asks(string encoding)
    {
        var (_, author) = await CabossesAsync();
        var request = PostQuery("query($id: ID!) { author(id: $id) { name biography books { title isbn language } } }", new { id = author });
        request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        Assert.Equal(ResponseJson, response.Content.Headers.ContentType?.MediaType);
        await using var compressed = await response.Content.ReadAsStreamAsync();
        await using Stream plain = encoding == "br" ? new BrotliStream(compressed, CompressionMode.Decompress) : new GZipStream(compressed, CompressionMode.Decompress);
        var text = await new StreamReader(plain).ReadToEndAsync();
        Assert.Contains("\"name\":\"Kouadio Yao\"", text);
    }

    [Theory]
    [InlineData("/graphql?sdl")]
    [InlineData("/graphql/schema.graphql")]
    public async Task The_schema_download_is_the_checked_in_schema_file(string url)
    {
        using var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var checkedIn = await File.ReadAllTextAsync(SchemaFile.DefaultPath(AppContext.BaseDirectory));
        Assert.Equal(checkedIn, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Concurrent_requests_each_get_their_own_answer()
    {
        await using var db = database.CreateContext();
        var books = await db.Books.Select(b => new { b.Id, b.Title }).ToListAsync();

        var responses = await Task.WhenAll(books.Select(b => _client.SendGraphQLAsync(PostQuery("query($id: ID!) { book(id: $id) { title } }", new { id = GlobalIds.Book(b.Id) }))));

        Assert.Equal(
            books.Select(b => b.Title),
            responses.Select(r => r.Is(HttpStatusCode.OK, ResponseJson).Body.GetProperty("data").GetProperty("book").GetProperty("title").GetString()));
    }

    /// <summary>A stream whose length is unknown, so that the client sends the body chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
