using System.Text.Json;
using Graph.Api.Notifications;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Notifications;

/// <summary>markNotificationsRead: one UPDATE of the caller's unread notifications, by ID or all of them; other users'
/// notifications are never marked.</summary>
public sealed class MarkNotificationsReadTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Mark = """
        mutation($input: MarkNotificationsReadInput!) {
          markNotificationsRead(input: $input) {
            markedCount
            unreadCount
            notifications { id isRead readAt }
            errors { __typename ... on Error { message code } ... on InvalidNotificationInputError { field } }
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

    private async Task<(Guid User, Notification[] Mine, Notification Theirs)> InboxAsync(int count = 4)
    {
        var user = await _host.AddUserAsync();
        var other = await _host.AddUserAsync();
        var mine = Enumerable.Range(0, count).Select(i => InboxHost.Row(user.Id, Start.AddMinutes(i))).ToArray();
        var theirs = InboxHost.Row(other.Id, Start);
        await _host.AddNotificationsAsync([.. mine, theirs]);
        return (user.Id, mine, theirs);
    }

    private async Task<Dictionary<Guid, DateTime?>> ReadTimesAsync()
    {
        await using var db = _host.TestContext();
        return await db.Notifications.ToDictionaryAsync(n => n.Id, n => n.ReadAt);
    }

    [Fact]
    public async Task Marking_by_id_marks_the_callers_notifications_once_and_ignores_another_users()
    {
        var (user, mine, theirs) = await InboxAsync();
        var token = _host.TokenOf(user);
        var ids = new[] { InboxHost.NotificationId(mine[0].Id), InboxHost.NotificationId(mine[2].Id), InboxHost.NotificationId(theirs.Id), InboxHost.NotificationId(mine[0].Id) };
        var markedAt = _host.Now;

        using var commands = new SqlCommandCounter(database.Name);
        var payload = await _host.MutateAsync(token, Mark, "markNotificationsRead", new { ids });
        var updates = commands.Commands.Where(c => c.Contains("UPDATE", StringComparison.Ordinal)).ToList();
        _host.Clock.Advance(TimeSpan.FromMinutes(5));
        var again = await _host.MutateAsync(_host.TokenOf(user), Mark, "markNotificationsRead", new { ids });

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        Assert.Equal(2, payload.GetProperty("markedCount").GetInt32());
        Assert.Equal(2, payload.GetProperty("unreadCount").GetInt32());
        var returned = payload.GetProperty("notifications").EnumerateArray().ToList();
        Assert.Equal([mine[2].Id, mine[0].Id], returned.Select(n => GlobalIds.KeyOf(n.GetProperty("id").GetString()!)));
        Assert.All(returned, n => Assert.True(n.GetProperty("isRead").GetBoolean()));
        var sql = Assert.Single(updates);
        Assert.Contains("read_at IS NULL", sql, StringComparison.Ordinal);
        // Twice is once: nothing more is marked and the reading time stays the first one.
        Assert.Equal(0, again.GetProperty("markedCount").GetInt32());
        Assert.Equal(2, again.GetProperty("unreadCount").GetInt32());
        var readAt = await ReadTimesAsync();
        Assert.Equal(markedAt, readAt[mine[0].Id]);
        Assert.Equal(markedAt, readAt[mine[2].Id]);
        Assert.Null(readAt[mine[1].Id]);
        Assert.Null(readAt[theirs.Id]);
    }

    [Fact]
    public async Task Marking_all_marks_every_unread_notification_of_the_caller_only()
    {
        var (user, mine, theirs) = await InboxAsync(count: 5);
        await using (var db = _host.TestContext())
        {
            // One read already, a day earlier: it keeps its time.
            await db.Notifications.Where(n => n.Id == mine[1].Id).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, Start.AddDays(-1)));
        }

        var payload = await _host.MutateAsync(_host.TokenOf(user), Mark, "markNotificationsRead", new { all = true });
        var count = await _host.DataAsync(_host.TokenOf(user), "{ unreadNotificationCount }");

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        Assert.Equal(4, payload.GetProperty("markedCount").GetInt32());
        Assert.Equal(0, payload.GetProperty("unreadCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("notifications").ValueKind);
        Assert.Equal(0, count.GetProperty("unreadNotificationCount").GetInt32());
        var readAt = await ReadTimesAsync();
        Assert.Equal(Start.AddDays(-1), readAt[mine[1].Id]);
        Assert.All(mine.Where(n => n != mine[1]), n => Assert.Equal(_host.Now, readAt[n.Id]));
        Assert.Null(readAt[theirs.Id]);
    }

    public static TheoryData<string, object, string> Invalid => new()
    {
        { "neither", new { }, "ids" },
        { "all false", new { all = false }, "ids" },
        { "both", new { ids = Array.Empty<string>(), all = true }, "all" },
        { "too many", new { ids = Enumerable.Range(0, 101).Select(_ => InboxHost.NotificationId(Guid.CreateVersion7())).ToArray() }, "ids" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Input_that_names_no_notifications_properly_is_refused_and_marks_nothing(string name, object input, string field)
    {
        var (user, _, _) = await InboxAsync();
        var before = await ReadTimesAsync();

        var payload = await _host.MutateAsync(_host.TokenOf(user), Mark, "markNotificationsRead", input);

        var (type, code, errorField) = InboxHost.SingleError(payload);
        Assert.Equal("InvalidNotificationInputError", type);
        Assert.Equal("INVALID_NOTIFICATION_INPUT", code);
        Assert.True(field == errorField, name);
        Assert.Equal(0, payload.GetProperty("markedCount").GetInt32());
        Assert.Equal(4, payload.GetProperty("unreadCount").GetInt32());
        Assert.Equal(before, await ReadTimesAsync());
    }
}
