using System.Net;
using System.Text;
using System.Text.Json;
using Graph.Api.Audit;
using Graph.Api.Data;
using Graph.Api.Data.Seed;
using Graph.Api.Notifications;
using Graph.Api.Tests.GraphQL;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tontines;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Notifications;

/// <summary>
/// The outbox seen from the business changes (written in their transaction or not at all) and from the staff (query,
/// counts, retry), and the dispatcher of the server itself sending what a mutation wrote.
/// </summary>
public sealed class NotificationOutboxTests : IAsyncLifetime
{
    private string _database = "";
    private OutboxTestHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync();
        await using (var db = TestPostgres.CreateContext(_database))
        {
            // With the demo accounts (and so the demo tontine).
            await DemoSeeder.SeedAsync(db, TimeProvider.System, new DemoAccounts(DemoAccounts.DefaultPassword, new Microsoft.AspNetCore.Identity.PasswordHasher<Graph.Api.Identity.User>()));
        }
        _host = OutboxTestHost.Start(TestPostgres.ConnectionStringFor(_database));
        _client = _host.Factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(_database);
    }

    private Task<GraphQLHttpResponse> AsAdminAsync(string query, object? variables = null) =>
        _client.SendGraphQLAsync(GraphQLHttp.PostQuery(query, variables).As(Guid.CreateVersion7(), "Awa Traoré", "ADMIN"));

    private string GlobalId(string type, Guid id) => _host.Factory.Services.GetRequiredService<INodeIdSerializer>().Format(type, id);

    private async Task<(int Outbox, int Notifications)> CountAsync()
    {
        await using var db = _host.Context();
        return (await db.OutboxMessages.CountAsync(), await db.Notifications.CountAsync());
    }

    [Fact]
    public async Task A_rolled_back_change_leaves_no_message_and_wakes_nobody()
    {
        var notifier = _host.Factory.Services.GetRequiredService<Notifier>();
        var before = await CountAsync();
        await using (var db = _host.Context())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var reader = await db.Users.SingleAsync(u => u.Email == "reader@graph.local");
            var tontine = new Tontine { Name = "Tontine annulée", CreatedAt = DateTime.UtcNow };
            db.Tontines.Add(tontine);
            tontine.Members.Add(new TontineMember { TontineId = tontine.Id, UserId = reader.Id, Role = TontineRole.President, JoinedAt = DateTime.UtcNow });
            var written = await notifier.NotifyAsync(db, reader, NotificationTemplates.TontineMemberAdded,
                new Dictionary<string, string> { ["tontine"] = tontine.Name, ["role"] = "PRESIDENT" });
            Assert.NotNull(written.InApp);
            // The account's own category: by email too (the reader has an address).
            written = await notifier.NotifyAsync(db, reader, NotificationTemplates.PasswordChanged, new Dictionary<string, string>());
            Assert.NotNull(written.InApp);
            Assert.NotEmpty(written.Messages);
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }
        Assert.Equal(before, await CountAsync());
        Assert.Equal(0, (await _host.Dispatcher.RunOnceAsync()).Claimed);
    }

    [Fact]
    public async Task A_failed_save_leaves_no_message()
    {
        var notifier = _host.Factory.Services.GetRequiredService<Notifier>();
        var before = await CountAsync();
        await using (var db = _host.Context())
        {
            var reader = await db.Users.SingleAsync(u => u.Email == "reader@graph.local");
            await notifier.NotifyAsync(db, reader, NotificationTemplates.PasswordChanged, new Dictionary<string, string>());
            // The business change breaks a rule of the database: nothing of the save is kept.
            db.TontineMembers.Add(new TontineMember { TontineId = Guid.NewGuid(), UserId = reader.Id, Role = TontineRole.Member, JoinedAt = DateTime.UtcNow });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Adding_a_tontine_member_writes_their_notification_and_messages_in_the_same_transaction()
    {
        await using var db = _host.Context();
        var analyst = await db.Users.SingleAsync(u => u.Email == "analyst@graph.local");
        // Members join a tontine while it is a DRAFT: a demo draft the analyst is not in, with room.
        var tontine = await db.Tontines.Where(t => t.Status == Graph.Api.Tontines.TontineStatus.Draft
                && !db.TontineMembers.Any(m => m.TontineId == t.Id && m.UserId == analyst.Id)
                && db.TontineMembers.Count(m => m.TontineId == t.Id) < t.MemberLimit)
            .OrderBy(t => t.Name).FirstAsync();

        var response = await AsAdminAsync("mutation($input: AddTontineMemberInput!) { addTontineMember(input: $input) { errors { __typename } } }",
            new { input = new { tontineId = GlobalId("Tontine", tontine.Id), userId = GlobalId("User", analyst.Id), role = "TREASURER" } });

        Assert.False(response.HasErrors, response.Text);
        Assert.Equal(JsonValueKind.Null, response.Body.GetProperty("data").GetProperty("addTontineMember").GetProperty("errors").ValueKind);
        var notification = await db.Notifications.AsNoTracking().SingleAsync(n => n.UserId == analyst.Id);
        Assert.Equal((NotificationCategory.Tontines, NotificationTemplates.TontineMemberAdded), (notification.Category, notification.Template));
        // In the analyst's language, the role in words.
        var expected = NotificationTemplates.Get(NotificationTemplates.TontineMemberAdded)
            .Render(Graph.Api.Identity.PreferredLanguages.ToCode(analyst.PreferredLanguage), new Dictionary<string, string> { ["tontine"] = tontine.Name, ["role"] = "TREASURER" });
        Assert.Equal((expected.Title, expected.Body), (notification.Title, notification.Body));
        Assert.Contains(tontine.Name, notification.Body);
        Assert.DoesNotContain("TREASURER", notification.Body);
        Assert.Equal(GlobalId("Tontine", tontine.Id), notification.Data!.RootElement.GetProperty("tontineId").GetString());
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => m.UserId == analyst.Id).ToListAsync();
        // The category's default channels: SMS (to the phone, when the account has one) and PUSH (no device registered).
        Assert.All(messages, m => Assert.Equal(NotificationChannel.Sms, m.Channel));
        Assert.Equal(analyst.Phone is null ? 0 : 1, messages.Count);
        Assert.All(messages, m => Assert.Equal((OutboxStatus.Pending, NotificationPriority.Normal, "tontine.member-added"), (m.Status, m.Priority, m.Template)));
    }

    [Fact]
    public async Task Staff_read_the_outbox_by_status_and_count_it_by_status_and_priority()
    {
        _host.Sms.Answer = m => m.Priority == NotificationPriority.Low ? SendResult.Rejected("Unknown number.") : SendResult.Sent("ok-1");
        await _host.EnqueueAsync(3, NotificationPriority.Low);
        await _host.EnqueueAsync(2, NotificationPriority.Urgent);
        await _host.EnqueueAsync(1, NotificationPriority.High, NotificationChannel.Email);
        await _host.Dispatcher.RunOnceAsync();
        await _host.EnqueueAsync(4, NotificationPriority.Normal);

        var dead = await AsAdminAsync("""
            { notificationOutbox(first: 10, where: { status: { eq: DEAD } }, order: [{ createdAt: ASC }]) {
                totalCount nodes { id channel priority status attempts lastError recipient template language parameters user { id } } } }
            """);
        Assert.False(dead.HasErrors, dead.Text);
        var page = dead.Body.GetProperty("data").GetProperty("notificationOutbox");
        Assert.Equal(3, page.GetProperty("totalCount").GetInt32());
        foreach (var node in page.GetProperty("nodes").EnumerateArray())
        {
            Assert.Equal(("SMS", "LOW", "DEAD", 1, "Unknown number."), (node.GetProperty("channel").GetString(), node.GetProperty("priority").GetString(),
                node.GetProperty("status").GetString(), node.GetProperty("attempts").GetInt32(), node.GetProperty("lastError").GetString()));
            Assert.Equal(JsonValueKind.Null, node.GetProperty("user").ValueKind);
        }

        var counts = await AsAdminAsync("{ notificationOutboxCounts { status priority count } }");
        Assert.False(counts.HasErrors, counts.Text);
        var table = counts.Body.GetProperty("data").GetProperty("notificationOutboxCounts").EnumerateArray()
            .ToDictionary(c => (c.GetProperty("status").GetString(), c.GetProperty("priority").GetString()), c => c.GetProperty("count").GetInt64());
        Assert.Equal(16, table.Count);
        Assert.Equal(3, table[("DEAD", "LOW")]);
        Assert.Equal(2, table[("SENT", "URGENT")]);
        Assert.Equal(1, table[("SENT", "HIGH")]);
        Assert.Equal(4, table[("PENDING", "NORMAL")]);
        Assert.Equal(10, table.Values.Sum());
    }

    [Fact]
    public async Task A_dead_message_is_sent_again_by_an_admin_and_the_retry_is_audited()
    {
        _host.Sms.Answer = _ => SendResult.Rejected("Gateway refused the sender name.");
        var id = Assert.Single(await _host.EnqueueAsync(1, NotificationPriority.High));
        var sent = Assert.Single(await _host.EnqueueAsync(1, NotificationPriority.High, NotificationChannel.Email));
        var reset = Assert.Single(await _host.EnqueueAsync(1, NotificationPriority.Urgent, template: NotificationTemplates.PasswordReset));
        await _host.Dispatcher.RunOnceAsync();
        const string retry = "mutation($id: ID!) { retryNotification(input: { messageId: $id }) { message { status attempts } errors { __typename ... on Error { code message } } } }";

        var response = await AsAdminAsync(retry, new { id = GlobalId("OutboxMessage", id) });
        Assert.False(response.HasErrors, response.Text);
        var message = response.Body.GetProperty("data").GetProperty("retryNotification").GetProperty("message");
        Assert.Equal(("PENDING", 0), (message.GetProperty("status").GetString(), message.GetProperty("attempts").GetInt32()));
        await using (var db = _host.Context())
        {
            var entry = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditActions.NotificationRetried);
            Assert.Equal(("OutboxMessage", id.ToString()), (entry.EntityType, entry.EntityId));
        }
        _host.Sms.Answer = _ => SendResult.Sent();
        Assert.Equal(1, (await _host.Dispatcher.RunOnceAsync()).Sent);
        Assert.Equal(OutboxStatus.Sent, (await _host.MessageAsync(id)).Status);

        // Not DEAD: refused, nothing changes.
        var notDead = await AsAdminAsync(retry, new { id = GlobalId("OutboxMessage", sent) });
        var error = notDead.Body.GetProperty("data").GetProperty("retryNotification").GetProperty("errors")[0];
        Assert.Equal(("OUTBOX_MESSAGE_NOT_DEAD", "Only a DEAD message can be sent again; this one is SENT."), (error.GetProperty("code").GetString(), error.GetProperty("message").GetString()));

        // A reset code erased when the message died cannot be sent again.
        var erased = await AsAdminAsync(retry, new { id = GlobalId("OutboxMessage", reset) });
        Assert.Equal("OUTBOX_MESSAGE_NOT_RETRYABLE", erased.Body.GetProperty("data").GetProperty("retryNotification").GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(OutboxStatus.Dead, (await _host.MessageAsync(reset)).Status);

        // An ID that names no message.
        var missing = await AsAdminAsync(retry, new { id = GlobalId("OutboxMessage", Guid.CreateVersion7()) });
        Assert.Equal("OUTBOX_MESSAGE_NOT_FOUND", missing.Body.GetProperty("data").GetProperty("retryNotification").GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_outbox_never_shows_secret_values()
    {
        var id = Assert.Single(await _host.EnqueueAsync(1, NotificationPriority.Urgent, template: NotificationTemplates.PasswordReset));
        var response = await AsAdminAsync("query($id: ID!) { node(id: $id) { ... on OutboxMessage { template parameters } } }", new { id = GlobalId("OutboxMessage", id) });
        Assert.False(response.HasErrors, response.Text);
        Assert.DoesNotContain("K7QM4XR2PD", response.Text);
        Assert.Equal("30", response.Body.GetProperty("data").GetProperty("node").GetProperty("parameters").GetProperty("minutes").GetString());
        // The sender gets it all the same.
        await _host.Dispatcher.RunOnceAsync();
        Assert.Contains("K7QM4XR2PD", Assert.Single(_host.Sms.Received).Body);
    }
}

/// <summary>The server's own dispatcher, running in the background with the Development sender.</summary>
public sealed class HostedDispatcherTests : IAsyncLifetime
{
    private string _database = "";

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync();
        await using var db = TestPostgres.CreateContext(_database);
        await DemoSeeder.SeedAsync(db, TimeProvider.System);
    }

    public Task DisposeAsync() => TestPostgres.DropDatabaseAsync(_database);

    [Fact]
    public async Task A_committed_message_is_sent_by_the_development_sender_without_waiting_for_a_poll()
    {
        await using var factory = new GraphApiFactory(TestPostgres.ConnectionStringFor(_database), settings: new Dictionary<string, string?>
        {
            // A poll far away: only the wake-up at commit can send the message within the test.
            ["Graph:Notifications:Dispatcher:PollInterval"] = "00:10:00",
            ["Graph:Notifications:Dispatcher:Enabled"] = "true",
        });
        _ = factory.Services;
        var mailbox = factory.Services.GetRequiredService<DevelopmentMailbox>();
        // The first round runs at start; give it a moment to find the outbox empty.
        await Task.Delay(500);
        Guid id;
        await using (var db = factory.Services.GetRequiredService<IDbContextFactory<GraphDbContext>>().CreateDbContext())
        {
            id = factory.Services.GetRequiredService<Notifier>().Enqueue(db, NotificationChannel.Sms, "+221771234567", NotificationTemplates.PasswordReset, "en",
                new Dictionary<string, string> { ["code"] = "ABCD-EFGH-JK", ["minutes"] = "30" }).Id;
            await db.SaveChangesAsync();
        }

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!mailbox.Messages.Any(m => m.Id == id) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        var delivered = Assert.Single(mailbox.Messages, m => m.Id == id);
        Assert.Equal(("+221771234567", "en", "Password reset"), (delivered.Recipient, delivered.Language, delivered.Title));
        Assert.Contains("ABCD-EFGH-JK", delivered.Body);
        await using var check = TestPostgres.CreateContext(_database);
        var row = await check.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
        for (var i = 0; i < 100 && row.Status != OutboxStatus.Sent; i++)
        {
            await Task.Delay(50);
            row = await check.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
        }
        Assert.Equal((OutboxStatus.Sent, $"dev-{id:N}"), (row.Status, row.ProviderMessageId));
    }
}
