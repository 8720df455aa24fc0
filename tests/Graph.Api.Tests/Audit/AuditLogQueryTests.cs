using System.Net;
using System.Text.Json;
using Graph.Api.Audit;
using Graph.Api.Tests.GraphQL;
using Graph.Api.Tests.Infrastructure;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Audit;

/// <summary>auditLog: a connection over the log, newest first, paged, filtered and ordered in SQL; entries are nodes.</summary>
public sealed class AuditLogQueryTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly DateTime Start = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Awa = Guid.Parse("0192f0a1-0000-7000-8000-000000000001");
    private static readonly Guid Kofi = Guid.Parse("0192f0a1-0000-7000-8000-000000000002");
    private static readonly string BookA = Guid.Parse("0192f0a1-0000-7000-8000-0000000000a1").ToString();
    private static readonly string BookB = Guid.Parse("0192f0a1-0000-7000-8000-0000000000b2").ToString();

    private GraphApiFactory _factory = null!;
    private HttpClient _client = null!;
    private readonly List<AuditEntry> _entries = [];

    public async Task InitializeAsync()
    {
        // Oldest first: minute i.
        (Guid? Actor, string Name, string Action, string Type, string? Id)[] rows =
        [
            (Awa, "Awa Traoré", AuditActions.Created, "Book", BookA),
            (Kofi, "Kofi Mensah", AuditActions.Created, "Book", BookB),
            (Awa, "Awa Traoré", AuditActions.Updated, "Book", BookA),
            (null, AuditEntry.AnonymousActor, AuditActions.LoginFailed, "User", null),
            (Kofi, "Kofi Mensah", AuditActions.Deleted, "Book", BookB),
        ];
        for (var i = 0; i < rows.Length; i++)
        {
            var at = Start.AddMinutes(i);
            var entry = new AuditEntry
            {
                Id = Guid.Parse($"0192f0a2-0000-7000-8000-00000000000{i}"),
                OccurredAt = at,
                ActorUserId = rows[i].Actor,
                ActorName = rows[i].Name,
                ClientIp = "198.51.100." + i,
                Operation = "addBook",
                Action = rows[i].Action,
                EntityType = rows[i].Type,
                EntityId = rows[i].Id,
                Changes = JsonDocument.Parse($$$"""{"title": {"before": null, "after": "Titre {{{i}}}"}}"""),
                RequestId = "request-" + i,
            };
            _entries.Add(entry);
        }
        // The database is the class's; its first test writes the entries (the same ones every time).
        await using var db = database.CreateContext();
        if (!await db.AuditEntries.AnyAsync())
        {
            db.AuditEntries.AddRange(_entries);
            await db.SaveChangesAsync();
        }
        _factory = new GraphApiFactory(database.ConnectionString);
        _client = _factory.CreateClient().AsAdmin(_factory.Services);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    private async Task<JsonElement> AuditLogAsync(string arguments, string selection = "nodes { requestId }")
    {
        var response = await _client.SendGraphQLAsync(GraphQLHttp.PostQuery($"{{ auditLog{arguments} {{ {selection} }} }}"));
        response.Is(HttpStatusCode.OK, GraphQLHttp.ResponseJson);
        Assert.False(response.HasErrors, response.Text);
        return response.Body.GetProperty("data").GetProperty("auditLog");
    }

    private static string[] RequestIds(JsonElement connection) =>
        [.. connection.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("requestId").GetString()!)];

    [Fact]
    public async Task The_log_is_newest_first_and_pages_with_cursors()
    {
        var first = await AuditLogAsync("(first: 2)", "nodes { requestId } pageInfo { hasNextPage endCursor } totalCount");
        Assert.Equal(["request-4", "request-3"], RequestIds(first));
        Assert.Equal(5, first.GetProperty("totalCount").GetInt32());
        Assert.True(first.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());

        var cursor = first.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        var second = await AuditLogAsync($"(first: 2, after: \"{cursor}\")", "nodes { requestId } pageInfo { hasNextPage endCursor }");
        Assert.Equal(["request-2", "request-1"], RequestIds(second));

        var last = await AuditLogAsync($"(first: 2, after: \"{second.GetProperty("pageInfo").GetProperty("endCursor").GetString()}\")", "nodes { requestId } pageInfo { hasNextPage }");
        Assert.Equal(["request-0"], RequestIds(last));
        Assert.False(last.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
    }

    [Fact]
    public async Task An_entry_shows_every_field_and_its_changes_as_JSON()
    {
        var log = await AuditLogAsync("(first: 1)",
            "nodes { id occurredAt actorUserId actorName clientIp userAgent operation action entityType entityId changes requestId }");

        var node = Assert.Single(log.GetProperty("nodes").EnumerateArray());
        var newest = _entries[^1];
        Assert.Equal(new DefaultNodeIdSerializer().Format("AuditEntry", newest.Id), node.GetProperty("id").GetString());
        Assert.Equal(Start.AddMinutes(4), node.GetProperty("occurredAt").GetDateTime().ToUniversalTime());
        Assert.Equal(Kofi.ToString(), node.GetProperty("actorUserId").GetString());
        Assert.Equal("Kofi Mensah", node.GetProperty("actorName").GetString());
        Assert.Equal("198.51.100.4", node.GetProperty("clientIp").GetString());
        Assert.Equal(JsonValueKind.Null, node.GetProperty("userAgent").ValueKind);
        Assert.Equal("addBook", node.GetProperty("operation").GetString());
        Assert.Equal("DELETED", node.GetProperty("action").GetString());
        Assert.Equal("Book", node.GetProperty("entityType").GetString());
        Assert.Equal(BookB, node.GetProperty("entityId").GetString());
        // jsonb orders an object's keys (shorter first).
        Assert.Equal("""{"title":{"after":"Titre 4","before":null}}""", node.GetProperty("changes").GetRawText());
    }

    [Theory]
    [InlineData("""(where: { action: { eq: "CREATED" } })""", new[] { "request-1", "request-0" })]
    [InlineData("""(where: { actorUserId: { eq: "0192f0a1-0000-7000-8000-000000000001" } })""", new[] { "request-2", "request-0" })]
    [InlineData("""(where: { actorName: { eq: "anonymous" } })""", new[] { "request-3" })]
    [InlineData("""(where: { entityType: { eq: "Book" }, entityId: { eq: "0192f0a1-0000-7000-8000-0000000000b2" } })""", new[] { "request-4", "request-1" })]
    [InlineData("""(where: { occurredAt: { gte: "2026-03-01T08:02:00Z", lt: "2026-03-01T08:04:00Z" } })""", new[] { "request-3", "request-2" })]
    [InlineData("""(where: { or: [{ action: { eq: "LOGIN_FAILED" } }, { action: { eq: "DELETED" } }] })""", new[] { "request-4", "request-3" })]
    [InlineData("""(where: { entityId: { eq: null } })""", new[] { "request-3" })]
    [InlineData("""(order: [{ occurredAt: ASC }], first: 3)""", new[] { "request-0", "request-1", "request-2" })]
    [InlineData("""(order: [{ action: ASC }, { occurredAt: DESC }])""", new[] { "request-1", "request-0", "request-4", "request-3", "request-2" })]
    public async Task The_log_filters_and_orders(string arguments, string[] expected)
    {
        Assert.Equal(expected, RequestIds(await AuditLogAsync(arguments)));
    }

    [Fact]
    public async Task The_changes_are_neither_filterable_nor_sortable()
    {
        var response = await _client.SendGraphQLAsync(GraphQLHttp.PostQuery("""{ auditLog(where: { changes: { eq: "x" } }) { totalCount } }"""));

        response.IsRequestError(HttpStatusCode.BadRequest, GraphQLHttp.ResponseJson, "GRAPHQL_VALIDATION_FAILED");
    }

    [Fact]
    public async Task An_entry_is_a_node()
    {
        var entry = _entries[2];
        var id = new DefaultNodeIdSerializer().Format("AuditEntry", entry.Id);

        var response = await _client.SendGraphQLAsync(GraphQLHttp.PostQuery(
            "query($id: ID!) { node(id: $id) { __typename ... on AuditEntry { action requestId } } }", new Dictionary<string, object?> { ["id"] = id }));

        Assert.False(response.HasErrors, response.Text);
        var node = response.Body.GetProperty("data").GetProperty("node");
        Assert.Equal("AuditEntry", node.GetProperty("__typename").GetString());
        Assert.Equal("UPDATED", node.GetProperty("action").GetString());
        Assert.Equal("request-2", node.GetProperty("requestId").GetString());
    }
}
