using System.Text.Json;
using Graph.Api.Identity;
using Graph.Api.Notifications;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Notifications;

/// <summary>myNotifications, unreadNotificationCount and node(id) of notifications: the caller's own inbox, unread first,
/// paged by keyset over a nullable key.</summary>
public sealed class MyNotificationsTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Page = """
        query($first: Int, $after: String, $last: Int, $before: String) {
          myNotifications(first: $first, after: $after, last: $last, before: $before) {
            edges { cursor node { id readAt isRead } }
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            totalCount
          }
        }
        """;

    private static readonly DateTime Start = new(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc);

    private InboxHost _host = null!;

    public Task InitializeAsync()
    {
        _host = InboxHost.Start(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>
    /// 27 notifications: 18 unread and 9 read. Two pairs share their creation time and two read ones their reading time,
    /// so that every key of the order (readAt, createdAt, id) decides somewhere. Another user's notifications are
    /// interleaved with them.
    /// </summary>
    private async Task<(Guid UserId, List<Notification> Expected)> InboxOf27Async()
    {
        var user = await _host.AddUserAsync();
        var other = await _host.AddUserAsync();
        var rows = new List<Notification>();
        for (var i = 0; i < 27; i++)
        {
            var createdAt = Start.AddMinutes(i is 5 or 21 ? i - 1 : i);
            DateTime? readAt = i % 3 == 0 ? Start.AddDays(1).AddMinutes(i == 6 ? 3 * 7 % 27 : i * 7 % 27) : null;
            rows.Add(InboxHost.Row(user.Id, createdAt, readAt));
        }
        await _host.AddNotificationsAsync(rows);
        await _host.AddNotificationsAsync([InboxHost.Row(other.Id, Start.AddMinutes(2)), InboxHost.Row(other.Id, Start.AddMinutes(30), Start.AddDays(1))]);

        // The order PostgreSQL gives: NULL readAt first (descending), then readAt, createdAt, id descending (a uuid
        // compares as its hexadecimal text).
        var expected = rows
            .OrderBy(n => n.ReadAt is null ? 0 : 1)
            .ThenByDescending(n => n.ReadAt)
            .ThenByDescending(n => n.CreatedAt)
            .ThenByDescending(n => n.Id.ToString("D"), StringComparer.Ordinal)
            .ToList();
        return (user.Id, expected);
    }

    private static List<Guid> Keys(JsonElement connection) =>
        [.. connection.GetProperty("edges").EnumerateArray().Select(e => GlobalIds.KeyOf(e.GetProperty("node").GetProperty("id").GetString()!))];

    [Theory]
    [InlineData(10)]
    [InlineData(6)] // A page ends exactly on the last unread notification: the next cursor holds a NULL readAt.
    [InlineData(4)]
    public async Task Paging_forward_with_first_and_after_visits_every_notification_once_unread_first_then_newest(int size)
    {
        var (userId, expected) = await InboxOf27Async();
        var token = _host.TokenOf(userId);

        var seen = new List<Guid>();
        string? after = null;
        var pages = 0;
        while (true)
        {
            var connection = (await _host.DataAsync(token, Page, new { first = size, after })).GetProperty("myNotifications");
            var keys = Keys(connection);
            var pageInfo = connection.GetProperty("pageInfo");
            Assert.Equal(27, connection.GetProperty("totalCount").GetInt32());
            Assert.Equal(pages > 0, pageInfo.GetProperty("hasPreviousPage").GetBoolean());
            Assert.All(connection.GetProperty("edges").EnumerateArray(), e =>
                Assert.Equal(e.GetProperty("node").GetProperty("readAt").ValueKind != JsonValueKind.Null, e.GetProperty("node").GetProperty("isRead").GetBoolean()));
            seen.AddRange(keys);
            pages++;
            if (!pageInfo.GetProperty("hasNextPage").GetBoolean())
            {
                break;
            }
            Assert.Equal(size, keys.Count);
            after = pageInfo.GetProperty("endCursor").GetString();
            Assert.True(pages < 20, "The pages never end.");
        }

        Assert.Equal(expected.Select(n => n.Id), seen);
        Assert.Equal((27 + size - 1) / size, pages);
    }

    [Fact]
    public async Task Paging_backward_with_last_and_before_gives_the_same_order_reversed()
    {
        var (userId, expected) = await InboxOf27Async();
        var token = _host.TokenOf(userId);

        var seen = new List<Guid>();
        string? before = null;
        for (var pages = 0; ; pages++)
        {
            Assert.True(pages < 20, "The pages never end.");
            var connection = (await _host.DataAsync(token, Page, new { last = 6, before })).GetProperty("myNotifications");
            seen.InsertRange(0, Keys(connection));
            var pageInfo = connection.GetProperty("pageInfo");
            if (!pageInfo.GetProperty("hasPreviousPage").GetBoolean())
            {
                break;
            }
            before = pageInfo.GetProperty("startCursor").GetString();
        }

        Assert.Equal(expected.Select(n => n.Id), seen);
    }

    [Fact]
    public async Task A_notification_added_between_two_pages_shifts_nothing()
    {
        var (userId, expected) = await InboxOf27Async();
        var token = _host.TokenOf(userId);

        var first = (await _host.DataAsync(token, Page, new { first = 10 })).GetProperty("myNotifications");
        // A new unread notification sorts first: it must not push an item of page one onto page two.
        await _host.AddNotificationsAsync([InboxHost.Row(userId, Start.AddDays(3))]);
        var second = (await _host.DataAsync(token, Page, new { first = 10, after = first.GetProperty("pageInfo").GetProperty("endCursor").GetString() }))
            .GetProperty("myNotifications");

        Assert.Equal(expected.Take(10).Select(n => n.Id), Keys(first));
        Assert.Equal(expected.Skip(10).Take(10).Select(n => n.Id), Keys(second));
    }

    [Fact]
    public async Task Filters_and_unreadOnly_narrow_the_callers_inbox_in_SQL()
    {
        var user = await _host.AddUserAsync();
        var other = await _host.AddUserAsync();
        await _host.AddNotificationsAsync(
        [
            InboxHost.Row(user.Id, Start, category: NotificationCategory.Account, priority: NotificationPriority.Urgent),
            InboxHost.Row(user.Id, Start.AddMinutes(1), readAt: Start.AddHours(1), category: NotificationCategory.Account),
            InboxHost.Row(user.Id, Start.AddMinutes(2)),
            InboxHost.Row(user.Id, Start.AddMinutes(3), readAt: Start.AddHours(2)),
            InboxHost.Row(other.Id, Start.AddMinutes(4), category: NotificationCategory.Account, priority: NotificationPriority.Urgent),
        ]);
        var token = _host.TokenOf(user.Id);

        var data = await _host.DataAsync(token, """
            {
              account: myNotifications(where: { category: { eq: ACCOUNT } }) { totalCount }
              urgent: myNotifications(where: { priority: { in: [URGENT, HIGH] } }) { nodes { priority category } }
              unreadByFilter: myNotifications(where: { readAt: { eq: null } }) { totalCount }
              unreadOnly: myNotifications(unreadOnly: true) { nodes { isRead } }
              readTontines: myNotifications(where: { readAt: { neq: null }, category: { eq: TONTINES } }) { nodes { readAt } }
              isReadAlone: myNotifications { nodes { isRead } }
              unreadNotificationCount
            }
            """);

        Assert.Equal(2, data.GetProperty("account").GetProperty("totalCount").GetInt32());
        var urgent = Assert.Single(data.GetProperty("urgent").GetProperty("nodes").EnumerateArray());
        Assert.Equal("URGENT", urgent.GetProperty("priority").GetString());
        Assert.Equal(2, data.GetProperty("unreadByFilter").GetProperty("totalCount").GetInt32());
        Assert.Equal([false, false], data.GetProperty("unreadOnly").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("isRead").GetBoolean()));
        Assert.Equal(Start.AddHours(2), Assert.Single(data.GetProperty("readTontines").GetProperty("nodes").EnumerateArray()).GetProperty("readAt").GetDateTime().ToUniversalTime());
        // isRead alone still reads read_at (a projection that forgot it would answer false for every notification).
        Assert.Equal([false, false, true, true], data.GetProperty("isReadAlone").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("isRead").GetBoolean()));
        Assert.Equal(2, data.GetProperty("unreadNotificationCount").GetInt32());
    }

    [Fact]
    public async Task The_unread_count_is_one_COUNT_statement_of_the_callers_unread_notifications()
    {
        var user = await _host.AddUserAsync();
        var other = await _host.AddUserAsync();
        await _host.AddNotificationsAsync([
            InboxHost.Row(user.Id, Start), InboxHost.Row(user.Id, Start.AddMinutes(1)), InboxHost.Row(user.Id, Start.AddMinutes(2), Start.AddHours(1)),
            InboxHost.Row(other.Id, Start),
        ]);
        var empty = await _host.AddUserAsync();

        using var commands = new SqlCommandCounter(database.Name);
        var count = (await _host.DataAsync(_host.TokenOf(user.Id), "{ unreadNotificationCount }")).GetProperty("unreadNotificationCount").GetInt32();
        var statements = commands.Commands.Where(c => c.Contains("notifications", StringComparison.Ordinal)).ToList();
        var none = (await _host.DataAsync(_host.TokenOf(empty.Id), "{ unreadNotificationCount }")).GetProperty("unreadNotificationCount").GetInt32();

        Assert.Equal(2, count);
        Assert.Equal(0, none);
        var sql = Assert.Single(statements);
        Assert.Contains("count(*)", sql, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("read_at IS NULL", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_recipient_resolves_a_notification_by_id_not_another_user_nor_an_admin()
    {
        var recipient = await _host.AddUserAsync();
        var other = await _host.AddUserAsync();
        var mine = InboxHost.Row(recipient.Id, Start, title: "À moi");
        var theirs = InboxHost.Row(other.Id, Start, title: "À l'autre");
        await _host.AddNotificationsAsync([mine, theirs]);
        const string Node = "query($id: ID!, $ids: [ID!]!) { node(id: $id) { id ... on Notification { title } } nodes(ids: $ids) { id } }";
        var variables = new { id = InboxHost.NotificationId(mine.Id), ids = new[] { InboxHost.NotificationId(mine.Id), InboxHost.NotificationId(theirs.Id) } };

        var asRecipient = await _host.DataAsync(_host.TokenOf(recipient.Id), Node, variables);
        var asOther = await _host.DataAsync(_host.TokenOf(other.Id), Node, variables);
        var asAdmin = await _host.DataAsync(_host.TokenOf(Guid.CreateVersion7(), PlatformRole.Admin, PlatformRole.Support), Node, variables);
        var anonymous = await _host.Host.SendAsync(Node, variables);

        Assert.Equal("À moi", asRecipient.GetProperty("node").GetProperty("title").GetString());
        Assert.Equal([JsonValueKind.Object, JsonValueKind.Null], asRecipient.GetProperty("nodes").EnumerateArray().Select(n => n.ValueKind));
        Assert.Equal(JsonValueKind.Null, asOther.GetProperty("node").ValueKind);
        Assert.Equal([JsonValueKind.Null, JsonValueKind.Object], asOther.GetProperty("nodes").EnumerateArray().Select(n => n.ValueKind));
        Assert.Equal(JsonValueKind.Null, asAdmin.GetProperty("node").ValueKind);
        Assert.All(asAdmin.GetProperty("nodes").EnumerateArray(), n => Assert.Equal(JsonValueKind.Null, n.ValueKind));
        Assert.False(anonymous.HasErrors, anonymous.Text);
        Assert.Equal(JsonValueKind.Null, anonymous.Body.GetProperty("data").GetProperty("node").ValueKind);
    }

    [Fact]
    public async Task An_anonymous_caller_gets_no_inbox()
    {
        var response = await _host.Host.SendAsync("{ myNotifications(first: 5) { totalCount } }");

        Assert.True(response.HasErrors);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", response.ErrorCode);
    }
}
