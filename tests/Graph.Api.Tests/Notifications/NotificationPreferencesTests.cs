using System.Text.Json;
using Graph.Api.Notifications;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Notifications;

/// <summary>myNotificationPreferences, setNotificationPreference and resetNotificationPreference.</summary>
public sealed class NotificationPreferencesTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Preferences = "{ myNotificationPreferences { category inApp channels isDefault quietHours { start end timeZone } } }";

    private const string Set = """
        mutation($input: SetNotificationPreferenceInput!) {
          setNotificationPreference(input: $input) {
            preference { category inApp channels isDefault quietHours { start end timeZone } }
            errors { __typename ... on Error { message code } ... on InvalidNotificationPreferenceError { field } }
          }
        }
        """;

    private const string Reset = """
        mutation($input: ResetNotificationPreferenceInput!) {
          resetNotificationPreference(input: $input) { preference { category inApp channels isDefault quietHours { start } } }
        }
        """;

    private InboxHost _host = null!;

    public Task InitializeAsync()
    {
        _host = InboxHost.Start(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<List<NotificationPreference>> StoredAsync(Guid userId)
    {
        await using var db = _host.TestContext();
        return await db.NotificationPreferences.Where(p => p.UserId == userId).ToListAsync();
    }

    private static string[] Channels(JsonElement preference) => [.. preference.GetProperty("channels").EnumerateArray().Select(c => c.GetString()!)];

    [Fact]
    public async Task A_user_who_set_nothing_sees_the_default_of_every_category()
    {
        var user = await _host.AddUserAsync();

        var list = (await _host.DataAsync(_host.TokenOf(user.Id), Preferences)).GetProperty("myNotificationPreferences").EnumerateArray().ToList();

        Assert.Equal(["ACCOUNT", "PAYMENTS", "TONTINES", "DELIVERIES", "CATALOG", "ENERGY", "LEARNING", "ANNOUNCEMENTS"], list.Select(p => p.GetProperty("category").GetString()));
        Assert.All(list, p =>
        {
            Assert.True(p.GetProperty("isDefault").GetBoolean());
            Assert.True(p.GetProperty("inApp").GetBoolean());
            Assert.Equal(JsonValueKind.Null, p.GetProperty("quietHours").ValueKind);
        });
        Assert.Equal(["SMS", "PUSH"], Channels(list[2]));
        Assert.Equal(["PUSH"], Channels(list[7]));
        Assert.Empty(await StoredAsync(user.Id));
    }

    [Fact]
    public async Task Setting_a_preference_stores_it_replaces_it_when_set_again_and_reset_brings_the_default_back()
    {
        var user = await _host.AddUserAsync();
        var other = await _host.AddUserAsync();
        var token = _host.TokenOf(user.Id);

        var first = await _host.MutateAsync(token, Set, "setNotificationPreference", new
        {
            category = "TONTINES", inApp = false, channels = new[] { "EMAIL", "SMS" },
            quietHours = new { start = "22:00", end = "07:00", timeZone = "Africa/Abidjan" },
        });
        var list = (await _host.DataAsync(token, Preferences)).GetProperty("myNotificationPreferences").EnumerateArray().ToList();
        var othersList = (await _host.DataAsync(_host.TokenOf(other.Id), Preferences)).GetProperty("myNotificationPreferences").EnumerateArray().ToList();
        _host.Clock.Advance(TimeSpan.FromHours(1));
        token = _host.TokenOf(user.Id); // issued by the moved clock
        var second = await _host.MutateAsync(token, Set, "setNotificationPreference", new { category = "TONTINES", inApp = true, channels = Array.Empty<string>() });
        var storedAfterSecond = Assert.Single(await StoredAsync(user.Id));

        Assert.Equal(JsonValueKind.Null, first.GetProperty("errors").ValueKind);
        var saved = first.GetProperty("preference");
        Assert.False(saved.GetProperty("isDefault").GetBoolean());
        Assert.False(saved.GetProperty("inApp").GetBoolean());
        Assert.Equal(["EMAIL", "SMS"], Channels(saved));
        Assert.Equal("22:00", saved.GetProperty("quietHours").GetProperty("start").GetString());
        Assert.Equal("07:00", saved.GetProperty("quietHours").GetProperty("end").GetString());
        Assert.Equal("Africa/Abidjan", saved.GetProperty("quietHours").GetProperty("timeZone").GetString());
        Assert.False(list[2].GetProperty("isDefault").GetBoolean());
        Assert.Equal(["EMAIL", "SMS"], Channels(list[2]));
        Assert.Equal(7, list.Count(p => p.GetProperty("isDefault").GetBoolean()));
        Assert.All(othersList, p => Assert.True(p.GetProperty("isDefault").GetBoolean()));

        Assert.Equal(JsonValueKind.Null, second.GetProperty("errors").ValueKind);
        Assert.Empty(Channels(second.GetProperty("preference")));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("preference").GetProperty("quietHours").ValueKind);
        Assert.True(storedAfterSecond.InApp);
        Assert.Empty(storedAfterSecond.Channels);
        Assert.Null(storedAfterSecond.QuietHoursStart);
        Assert.Null(storedAfterSecond.TimeZone);
        Assert.Equal(_host.Now, storedAfterSecond.UpdatedAt);

        var reset = (await _host.DataAsync(token, Reset, new { input = new { category = "TONTINES" } })).GetProperty("resetNotificationPreference").GetProperty("preference");
        Assert.True(reset.GetProperty("isDefault").GetBoolean());
        Assert.Equal(["SMS", "PUSH"], Channels(reset));
        Assert.Empty(await StoredAsync(user.Id));
    }

    [Fact]
    public async Task The_preference_is_what_the_notifier_follows()
    {
        var user = await _host.AddUserAsync();
        await _host.MutateAsync(_host.TokenOf(user.Id), Set, "setNotificationPreference", new { category = "TONTINES", inApp = false, channels = new[] { "EMAIL" } });

        var write = await _host.NotifyAsync(user.Id);

        Assert.Null(write.InApp);
        var message = Assert.Single(write.Messages);
        Assert.Equal(NotificationChannel.Email, message.Channel);
        Assert.Equal(user.Email, message.Recipient);
    }

    public static TheoryData<string, object, string[]> Invalid => new()
    {
        { "one digit hour", new { start = "7:00", end = "22:00", timeZone = "Africa/Dakar" }, ["quietHours.start"] },
        { "24:00", new { start = "22:00", end = "24:00", timeZone = "Africa/Dakar" }, ["quietHours.end"] },
        { "seconds", new { start = "22:00:00", end = "07:00", timeZone = "Africa/Dakar" }, ["quietHours.start"] },
        { "trailing line break", new { start = "22:00\n", end = "07:00", timeZone = "Africa/Dakar" }, ["quietHours.start"] },
        { "unknown zone", new { start = "22:00", end = "07:00", timeZone = "Africa/Atlantis" }, ["quietHours.timeZone"] },
        { "offset, not a zone", new { start = "22:00", end = "07:00", timeZone = "+01:00" }, ["quietHours.timeZone"] },
        { "empty window", new { start = "12:00", end = "12:00", timeZone = "Africa/Dakar" }, ["quietHours.end"] },
        { "every field", new { start = "25:00", end = "", timeZone = "" }, ["quietHours.start", "quietHours.end", "quietHours.timeZone"] },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Bad_quiet_hours_are_refused_with_the_field_and_nothing_is_stored(string name, object quietHours, string[] fields)
    {
        var user = await _host.AddUserAsync();

        var payload = await _host.MutateAsync(_host.TokenOf(user.Id), Set, "setNotificationPreference", new { category = "PAYMENTS", inApp = true, channels = new[] { "SMS" }, quietHours });

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("preference").ValueKind);
        var errors = payload.GetProperty("errors").EnumerateArray().ToList();
        Assert.True(fields.SequenceEqual(errors.Select(e => e.GetProperty("field").GetString()!)), $"{name}: {payload}");
        Assert.All(errors, e =>
        {
            Assert.Equal("InvalidNotificationPreferenceError", e.GetProperty("__typename").GetString());
            Assert.Equal("INVALID_NOTIFICATION_PREFERENCE", e.GetProperty("code").GetString());
        });
        Assert.Empty(await StoredAsync(user.Id));
    }

    [Fact]
    public async Task A_channel_listed_twice_is_refused()
    {
        var user = await _host.AddUserAsync();

        var payload = await _host.MutateAsync(_host.TokenOf(user.Id), Set, "setNotificationPreference", new { category = "PAYMENTS", inApp = true, channels = new[] { "SMS", "PUSH", "SMS" } });

        var (_, code, field) = InboxHost.SingleError(payload);
        Assert.Equal("INVALID_NOTIFICATION_PREFERENCE", code);
        Assert.Equal("channels", field);
        Assert.Empty(await StoredAsync(user.Id));
    }

    [Fact]
    public async Task Quiet_hours_spanning_midnight_in_any_known_zone_are_accepted()
    {
        var user = await _host.AddUserAsync();

        var payload = await _host.MutateAsync(_host.TokenOf(user.Id), Set, "setNotificationPreference", new
        {
            category = "ANNOUNCEMENTS", inApp = true, channels = new[] { "PUSH" },
            quietHours = new { start = "23:59", end = "00:00", timeZone = "America/Port-au-Prince" },
        });

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        var stored = Assert.Single(await StoredAsync(user.Id));
        Assert.Equal(new TimeOnly(23, 59), stored.QuietHoursStart);
        Assert.Equal(new TimeOnly(0, 0), stored.QuietHoursEnd);
        Assert.Equal("America/Port-au-Prince", stored.TimeZone);
    }
}
