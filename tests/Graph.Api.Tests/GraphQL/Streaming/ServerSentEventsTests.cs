using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.GraphQL.Streaming;

/// <summary>Server-Sent Events (graphql-sse, distinct connections mode) on /graphql, over a real socket.</summary>
public sealed class ServerSentEventsTests : IAsyncLifetime
{
    private const string EventStream = "text/event-stream";
    private const string MessageAdded = "subscription { messageAdded(room: \"lobby\") { text upper } }";

    private StreamingHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await StreamingHost.StartAsync();
        _client = _host.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    private static HttpRequestMessage Post(string query, string accept = EventStream)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query }), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return request;
    }

    private async Task<HttpResponseMessage> OpenAsync(HttpRequestMessage request, HttpClient? client = null)
    {
        var response = await (client ?? _client).SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(EventStream, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        return response;
    }

    [Fact]
    public async Task A_subscription_streams_next_events_then_complete_when_the_source_ends()
    {
        using var response = await OpenAsync(Post(MessageAdded));
        using var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        var feed = await _host.Bus.NextFeedAsync();

        feed.Publish("hi");
        var first = await events.ReadEventAsync("next");
        feed.Publish("boom");
        var second = await events.ReadEventAsync("next");
        feed.Complete();
        var complete = await events.ReadEventAsync("complete");

        Assert.Equal("""{"data":{"messageAdded":{"text":"hi","upper":"HI"}}}""", first.Data);
        Assert.Equal("INTERNAL_SERVER_ERROR", second.Json.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.DoesNotContain("secret", second.Data);
        Assert.Equal(string.Empty, complete.Data);
        Assert.Null(await events.ReadAsync());
        Assert.Contains("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_client_that_disconnects_cancels_and_disposes_the_source()
    {
        var response = await OpenAsync(Post(MessageAdded));
        var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        var feed = await _host.Bus.NextFeedAsync();
        feed.Publish("hi");
        await events.ReadEventAsync("next");

        events.Dispose();
        response.Dispose();

        await feed.WaitDisposedAsync();
    }

    [Theory]
    [InlineData("{ hello }", """{"data":{"hello":"world"}}""")]
    [InlineData("mutation { bump }", """{"data":{"bump":1}}""")]
    public async Task Queries_and_mutations_send_one_next_then_complete(string query, string expected)
    {
        using var response = await OpenAsync(Post(query));
        using var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());

        var next = await events.ReadEventAsync("next");
        await events.ReadEventAsync("complete");

        Assert.Equal(expected, next.Data);
        Assert.Null(await events.ReadAsync());
    }

    [Theory]
    [InlineData("subscription { nope }", "GRAPHQL_VALIDATION_FAILED")]
    [InlineData("{", "GRAPHQL_PARSE_FAILED")]
    [InlineData("subscription { failing }", "DENIED")]
    public async Task Request_errors_are_streamed_as_a_next_event_with_status_200(string query, string code)
    {
        using var response = await OpenAsync(Post(query));
        using var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());

        var next = await events.ReadEventAsync("next");
        await events.ReadEventAsync("complete");

        Assert.False(next.Json.TryGetProperty("data", out _));
        Assert.Equal(code, next.Json.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_GET_subscription_streams_for_EventSource_clients()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString(MessageAdded));
        request.Headers.TryAddWithoutValidation("Accept", EventStream);

        using var response = await OpenAsync(request);
        using var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        var feed = await _host.Bus.NextFeedAsync();
        feed.Publish("hi");
        var next = await events.ReadEventAsync("next");

        Assert.Equal("hi", next.Json.GetProperty("data").GetProperty("messageAdded").GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_GET_mutation_is_still_405_when_the_client_accepts_events()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("mutation { bump }"));
        request.Headers.TryAddWithoutValidation("Accept", EventStream);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(0, _host.Counter.Value);
    }

    [Fact]
    public async Task A_client_accepting_JSON_and_events_gets_JSON_for_queries_and_events_for_subscriptions()
    {
        const string both = "application/graphql-response+json, text/event-stream";

        using var query = await _client.SendAsync(Post("{ hello }", both));
        using var subscription = await OpenAsync(Post(MessageAdded, both));
        using var events = new EventStreamReader(await subscription.Content.ReadAsStreamAsync());
        var feed = await _host.Bus.NextFeedAsync();
        feed.Publish("hi");

        Assert.Equal("application/graphql-response+json", query.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"data":{"hello":"world"}}""", await query.Content.ReadAsStringAsync());
        await events.ReadEventAsync("next");
    }

    [Fact]
    public async Task A_subscription_that_accepts_only_JSON_is_still_406()
    {
        using var response = await _client.SendAsync(Post(MessageAdded, "application/json"));

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Contains("STREAMING_TRANSPORT_REQUIRED", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_request_that_is_not_GraphQL_keeps_its_HTTP_error()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("{not json", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", EventStream);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("BAD_REQUEST", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task With_events_off_a_client_accepting_only_events_gets_406()
    {
        await using var host = await StreamingHost.StartAsync(o => o.EnableServerSentEvents = false);
        using var client = host.CreateClient();

        using var response = await client.SendAsync(Post("{ hello }"));

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Contains("NOT_ACCEPTABLE", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Quiet_streams_get_keep_alive_comments()
    {
        await using var host = await StreamingHost.StartAsync(o => o.ServerSentEvents.KeepAliveInterval = TimeSpan.FromMilliseconds(50));
        using var client = host.CreateClient();
        using var response = await OpenAsync(Post(MessageAdded), client);
        using var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());

        // The first comment comes with the headers, the next ones on the interval.
        Assert.True((await events.ReadAsync())!.IsComment);
        Assert.True((await events.ReadAsync())!.IsComment);
        Assert.True((await events.ReadAsync())!.IsComment);
        var feed = await host.Bus.NextFeedAsync();
        feed.Publish("hi");
        await events.ReadEventAsync("next");
    }

    [Fact]
    public async Task Response_compression_does_not_buffer_the_stream()
    {
        await using var host = await StreamingHost.StartAsync(
            services: (services, _) => services.AddResponseCompression(o =>
            {
                o.Providers.Add<GzipCompressionProvider>();
                o.MimeTypes = [EventStream, "application/json"];
            }),
            middleware: app => app.UseResponseCompression());
        using var client = host.CreateClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None });
        var request = Post(MessageAdded);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        using var response = await OpenAsync(request, client);
        using var events = new EventStreamReader(new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress));
        var feed = await host.Bus.NextFeedAsync();
        feed.Publish("hi");

        // Compressed, and still each event arrives while the stream is open: every event is flushed through.
        Assert.Contains("gzip", response.Content.Headers.ContentEncoding);
        var next = await events.ReadEventAsync("next");
        Assert.Equal("hi", next.Json.GetProperty("data").GetProperty("messageAdded").GetProperty("text").GetString());
        feed.Publish("again");
        await events.ReadEventAsync("next");
    }
}
