using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Graph.Api.Tests.Payments.Providers;

/// <summary>
/// A provider's API in memory, as an <see cref="HttpMessageHandler"/>: it records every request (method, path, headers,
/// body) and answers with the canned response of its route (the last one set for a method and path wins); other requests
/// get 404. No network.
/// </summary>
internal sealed class FakeProviderServer : HttpMessageHandler
{
    private readonly ConcurrentDictionary<(HttpMethod Method, string Path), Func<Received, CancellationToken, Task<HttpResponseMessage>>> _routes = new();

    /// <summary>A request as the provider received it.</summary>
    public sealed record Received(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public string Path => Uri.AbsolutePath;

        /// <summary>The body as JSON.</summary>
        public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

        public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : throw new Xunit.Sdk.XunitException($"No {name} header on {Method} {Path}.");
    }

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> with <paramref name="status"/> and a JSON body.</summary>
    public FakeProviderServer On(HttpMethod method, string path, HttpStatusCode status, string? json = null) =>
        On(method, path, (_, _) => Task.FromResult(Answer(status, json)));

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> as <paramref name="answer"/> decides.</summary>
    public FakeProviderServer On(HttpMethod method, string path, Func<Received, CancellationToken, Task<HttpResponseMessage>> answer)
    {
        _routes[(method, path)] = answer;
        return this;
    }

    /// <summary>Never answers <paramref name="method"/> <paramref name="path"/> (until the client gives up).</summary>
    public FakeProviderServer Hang(HttpMethod method, string path) => On(method, path, async (_, cancellationToken) =>
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    });

    /// <summary>A client of this server (a new one each time, as the factory gives).</summary>
    public HttpClient Client(TimeSpan? timeout = null) => new(this, disposeHandler: false) { Timeout = timeout ?? TimeSpan.FromSeconds(30) };

    /// <summary>The requests received on <paramref name="path"/>.</summary>
    public List<Received> RequestsTo(string path) => [.. Requests.Where(r => r.Path == path)];

    public static HttpResponseMessage Answer(HttpStatusCode status, string? json) => new(status)
    {
        Content = json is null ? new ByteArrayContent([]) : new StringContent(json, Encoding.UTF8, "application/json"),
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = string.Join(",", values);
        }
        if (request.Content is not null)
        {
            foreach (var (name, values) in request.Content.Headers)
            {
                headers[name] = string.Join(",", values);
            }
        }
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var received = new Received(request.Method, request.RequestUri!, headers, body);
        Requests.Enqueue(received);
        return _routes.TryGetValue((request.Method, received.Path), out var answer)
            ? await answer(received, cancellationToken)
            : Answer(HttpStatusCode.NotFound, """{"code":"RESOURCE_NOT_FOUND","message":"Not found."}""");
    }
}
