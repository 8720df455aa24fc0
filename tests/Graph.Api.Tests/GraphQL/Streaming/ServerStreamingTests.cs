using System.Net;
using System.Text;
using System.Text.Json;
using Graph.Api.Data.Seed;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.GraphQL.Streaming;

/// <summary>The streaming transports on the real server (its pipeline, its schema, PostgreSQL behind it).</summary>
public sealed class ServerStreamingTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private GraphApiFactory _factory = null!;

    public async Task InitializeAsync()
    {
        await using (var db = database.CreateContext())
        {
            await DemoSeeder.SeedAsync(db, TimeProvider.System);
        }
        _factory = new GraphApiFactory(database.ConnectionString);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<string> CabossesAsync()
    {
        await using var db = database.CreateContext();
        return GlobalIds.Book((await db.Books.SingleAsync(b => b.Isbn == "9782000000035")).Id);
    }

    [Fact]
    public async Task Queries_run_over_graphql_transport_ws_each_in_its_own_database_scope()
    {
        var book = await CabossesAsync();
        var client = _factory.Server.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        await using var socket = TestSocket.Wrap(await client.ConnectAsync(new Uri(_factory.Server.BaseAddress, "graphql"), CancellationToken.None));

        await socket.InitializeAsync();
        // Two operations at once: each gets its own DbContext (one context cannot serve two queries at a time).
        const string query = "query($id: ID!) { book(id: $id) { title author { name books { title } } } }";
        await socket.SubscribeAsync("a", query, new { id = book });
        await socket.SubscribeAsync("b", query, new { id = book });
        var results = new Dictionary<string, string>();
        while (results.Count < 2)
        {
            var message = await socket.ReceiveAsync();
            if (message.GetProperty("type").GetString() == "next")
            {
                results[message.GetProperty("id").GetString()!] = message.GetProperty("payload").GetRawText();
            }
        }

        Assert.Equal("graphql-transport-ws", socket.SubProtocol);
        foreach (var payload in results.Values)
        {
            var data = JsonDocument.Parse(payload).RootElement;
            Assert.False(data.TryGetProperty("errors", out _), payload);
            Assert.Equal("Cabosses", data.GetProperty("data").GetProperty("book").GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task A_query_is_answered_as_server_sent_events()
    {
        var book = await CabossesAsync();
        using var client = _factory.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query = "query($id: ID!) { book(id: $id) { title } }", variables = new { id = book } }),
                Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Accept", "text/event-stream");

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        var next = await events.ReadEventAsync("next");
        await events.ReadEventAsync("complete");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"data":{"book":{"title":"Cabosses"}}}""", next.Data);
    }
}
