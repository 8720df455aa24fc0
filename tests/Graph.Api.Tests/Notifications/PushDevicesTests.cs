using System.Text.Json;
using Graph.Api.Notifications;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Notifications;

/// <summary>registerPushDevice, unregisterPushDevice and myPushDevices.</summary>
public sealed class PushDevicesTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Register = """
        mutation($input: RegisterPushDeviceInput!) {
          registerPushDevice(input: $input) {
            device { platform registeredAt lastSeenAt tokenSuffix }
            errors { __typename ... on Error { message code } ... on InvalidPushTokenError { field } }
          }
        }
        """;

    private const string Unregister = """
        mutation($input: UnregisterPushDeviceInput!) {
          unregisterPushDevice(input: $input) { device { tokenSuffix } errors { __typename ... on Error { message code } } }
        }
        """;

    private const string Devices = "{ myPushDevices { platform tokenSuffix lastSeenAt } }";

    private InboxHost _host = null!;

    public Task InitializeAsync()
    {
        _host = InboxHost.Start(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static string NewToken() => "fcm:" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");

    private async Task<List<PushDevice>> StoredAsync(string? token = null, Guid? userId = null)
    {
        await using var db = _host.TestContext();
        return await db.PushDevices.Where(d => (token == null || d.Token == token) && (userId == null || d.UserId == userId)).ToListAsync();
    }

    [Fact]
    public async Task A_device_registers_once_and_every_later_registration_refreshes_it()
    {
        var user = await _host.AddUserAsync();
        var pushToken = NewToken();
        var registeredAt = _host.Now;

        var first = await _host.MutateAsync(_host.TokenOf(user.Id), Register, "registerPushDevice", new { token = pushToken, platform = "ANDROID" });
        _host.Clock.Advance(TimeSpan.FromDays(2));
        // Access tokens are issued by the moved clock, so each call gets a fresh one.
        var second = await _host.MutateAsync(_host.TokenOf(user.Id), Register, "registerPushDevice", new { token = pushToken, platform = "IOS" });
        var list = (await _host.DataAsync(_host.TokenOf(user.Id), Devices)).GetProperty("myPushDevices");

        Assert.Equal(JsonValueKind.Null, first.GetProperty("errors").ValueKind);
        Assert.Equal(pushToken[^6..], first.GetProperty("device").GetProperty("tokenSuffix").GetString());
        Assert.Equal("IOS", second.GetProperty("device").GetProperty("platform").GetString());
        Assert.Equal(registeredAt, second.GetProperty("device").GetProperty("registeredAt").GetDateTime().ToUniversalTime());
        Assert.Equal(_host.Now, second.GetProperty("device").GetProperty("lastSeenAt").GetDateTime().ToUniversalTime());
        var device = Assert.Single(list.EnumerateArray());
        Assert.Equal(pushToken[^6..], device.GetProperty("tokenSuffix").GetString());
        Assert.DoesNotContain(pushToken[..20], list.GetRawText(), StringComparison.Ordinal);
        var stored = Assert.Single(await StoredAsync(pushToken));
        Assert.Equal(PushPlatform.Ios, stored.Platform);
        Assert.Equal(user.Id, stored.UserId);
    }

    [Fact]
    public async Task A_token_registered_by_another_account_moves_to_the_caller()
    {
        var previous = await _host.AddUserAsync();
        var next = await _host.AddUserAsync();
        var pushToken = NewToken();

        await _host.MutateAsync(_host.TokenOf(previous.Id), Register, "registerPushDevice", new { token = pushToken, platform = "ANDROID" });
        var moved = await _host.MutateAsync(_host.TokenOf(next.Id), Register, "registerPushDevice", new { token = pushToken, platform = "ANDROID" });
        var previousList = (await _host.DataAsync(_host.TokenOf(previous.Id), Devices)).GetProperty("myPushDevices");
        var nextList = (await _host.DataAsync(_host.TokenOf(next.Id), Devices)).GetProperty("myPushDevices");

        Assert.Equal(JsonValueKind.Null, moved.GetProperty("errors").ValueKind);
        Assert.Empty(previousList.EnumerateArray());
        Assert.Single(nextList.EnumerateArray());
        Assert.Equal(next.Id, Assert.Single(await StoredAsync(pushToken)).UserId);
    }

    [Fact]
    public async Task An_account_keeps_its_twenty_most_recently_seen_devices()
    {
        var user = await _host.AddUserAsync();
        var tokens = Enumerable.Range(0, NotificationMutations.MaxPushDevicesPerUser).Select(_ => NewToken()).ToList();
        foreach (var pushToken in tokens)
        {
            await _host.MutateAsync(_host.TokenOf(user.Id), Register, "registerPushDevice", new { token = pushToken, platform = "WEB" });
            _host.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        // The first device comes back: it is now the most recently seen, and the second is the oldest.
        await _host.MutateAsync(_host.TokenOf(user.Id), Register, "registerPushDevice", new { token = tokens[0], platform = "WEB" });
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        var extra = NewToken();

        var payload = await _host.MutateAsync(_host.TokenOf(user.Id), Register, "registerPushDevice", new { token = extra, platform = "ANDROID" });
        var list = (await _host.DataAsync(_host.TokenOf(user.Id), Devices)).GetProperty("myPushDevices").EnumerateArray().ToList();

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        var stored = (await StoredAsync(userId: user.Id)).Select(d => d.Token).ToHashSet();
        Assert.Equal(NotificationMutations.MaxPushDevicesPerUser, stored.Count);
        Assert.DoesNotContain(tokens[1], stored);
        Assert.Contains(tokens[0], stored);
        Assert.Contains(extra, stored);
        Assert.Equal(NotificationMutations.MaxPushDevicesPerUser, list.Count);
        Assert.Equal(extra[^6..], list[0].GetProperty("tokenSuffix").GetString());
        Assert.Equal(tokens[0][^6..], list[1].GetProperty("tokenSuffix").GetString());
    }

    public static TheoryData<string, string> InvalidTokens => new()
    {
        { "empty", "" },
        { "spaces", "   " },
        { "too long", new string('a', PushDevice.MaxTokenLength + 1) },
        { "line break", "abc\ndef" },
        { "NUL", "abc\0def" },
    };

    [Theory]
    [MemberData(nameof(InvalidTokens))]
    public async Task A_token_that_cannot_be_one_is_refused(string name, string pushToken)
    {
        var user = await _host.AddUserAsync();

        var payload = await _host.MutateAsync(_host.TokenOf(user.Id), Register, "registerPushDevice", new { token = pushToken, platform = "ANDROID" });

        var (type, code, field) = InboxHost.SingleError(payload);
        Assert.True(type == "InvalidPushTokenError", name);
        Assert.Equal("INVALID_PUSH_TOKEN", code);
        Assert.Equal("token", field);
        Assert.Empty(await StoredAsync(userId: user.Id));
    }

    [Fact]
    public async Task The_longest_token_is_accepted()
    {
        var user = await _host.AddUserAsync();
        var pushToken = "w" + new string('x', PushDevice.MaxTokenLength - 1);

        var payload = await _host.MutateAsync(_host.TokenOf(user.Id), Register, "registerPushDevice", new { token = pushToken, platform = "WEB" });

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        Assert.Single(await StoredAsync(pushToken));
    }

    [Fact]
    public async Task A_user_unregisters_their_own_device_and_not_anyone_elses()
    {
        var owner = await _host.AddUserAsync();
        var stranger = await _host.AddUserAsync();
        var mine = NewToken();
        await _host.MutateAsync(_host.TokenOf(owner.Id), Register, "registerPushDevice", new { token = mine, platform = "ANDROID" });

        var refused = await _host.MutateAsync(_host.TokenOf(stranger.Id), Unregister, "unregisterPushDevice", new { token = mine });
        var stillThere = await StoredAsync(mine);
        var removed = await _host.MutateAsync(_host.TokenOf(owner.Id), Unregister, "unregisterPushDevice", new { token = mine });
        var again = await _host.MutateAsync(_host.TokenOf(owner.Id), Unregister, "unregisterPushDevice", new { token = mine });

        Assert.Equal("PUSH_DEVICE_NOT_FOUND", InboxHost.SingleError(refused).Code);
        Assert.Single(stillThere);
        Assert.Equal(JsonValueKind.Null, removed.GetProperty("errors").ValueKind);
        Assert.Equal(mine[^6..], removed.GetProperty("device").GetProperty("tokenSuffix").GetString());
        Assert.Empty(await StoredAsync(mine));
        Assert.Equal("PUSH_DEVICE_NOT_FOUND", InboxHost.SingleError(again).Code);
    }
}
