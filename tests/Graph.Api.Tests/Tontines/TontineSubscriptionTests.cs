using System.Text.Json;
using Graph.Api.Identity;
using Graph.Api.Payments;
using Graph.Api.Tests.GraphQL.Streaming;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tontines;

namespace Graph.Api.Tests.Tontines;

/// <summary>tontineSessionUpdated and contributionRecorded over a real graphql-transport-ws WebSocket: a member hears the
/// session opened, the contribution recorded and then settled (with its session), once committed; a stranger is refused,
/// FINANCE may follow.</summary>
public sealed class TontineSubscriptionTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string SessionUpdated = "subscription($id: ID!) { tontineSessionUpdated(tontineId: $id) { id number status statistics { paidCount } } }";

    private const string ContributionRecorded = "subscription($id: ID!) { contributionRecorded(tontineId: $id) { member { id } status received { amount } payments { status } } }";

    private TontineMoneyHost _host = null!;

    public Task InitializeAsync()
    {
        _host = TontineMoneyHost.Start(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_member_hears_the_session_open_and_the_contribution_recorded_then_settled_and_a_stranger_is_refused()
    {
        var tontine = await _host.StartAsync(members: 1);
        var member = tontine.People[2];
        var stranger = await _host.AddUserAsync("Inconnu");
        var finance = await _host.AddUserAsync("Finance");
        var variables = new { id = GlobalIds.Tontine(tontine.Id) };
        await using var socket = await _host.ConnectAsync(_host.TokenOf(member.Id));
        await using var outsider = await _host.ConnectAsync(_host.TokenOf(stranger.Id));
        await using var auditor = await _host.ConnectAsync(_host.TokenOf(finance.Id, PlatformRole.Finance));
        await socket.SubscribeAsync("sessions", SessionUpdated, variables);
        await socket.SubscribeAsync("contributions", ContributionRecorded, variables);
        await auditor.SubscribeAsync("sessions", SessionUpdated, variables);
        await _host.SubscribedAsync(TontineTopics.SessionUpdated(tontine.Id), count: 2);
        await _host.SubscribedAsync(TontineTopics.ContributionRecorded(tontine.Id));

        await outsider.SubscribeAsync("spy", SessionUpdated, variables);
        var refused = await outsider.ReceiveAsync();
        Assert.Contains("AUTH_NOT_AUTHORIZED", refused.ToString(), StringComparison.Ordinal);

        Assert.Null((await _host.Treasury.OpenSessionAsync(tontine.Sessions[0], new TontineActor(tontine.Treasurer.Id), default)).Error);
        var opened = Data(await socket.ReceiveAsync("next", "sessions"), "tontineSessionUpdated");
        Assert.Equal((1, "OPEN"), (opened.GetProperty("number").GetInt32(), opened.GetProperty("status").GetString()));
        Assert.Equal("OPEN", Data(await auditor.ReceiveAsync("next", "sessions"), "tontineSessionUpdated").GetProperty("status").GetString());

        var paid = await _host.Treasury.PayContributionAsync(tontine.Sessions[0], PaymentMethod.OrangeMoney, TontineMoneyHost.Wallet, "sub-1", new TontineActor(member.Id), default);
        Assert.Null(paid.Error);
        var recorded = Data(await socket.ReceiveAsync("next", "contributions"), "contributionRecorded");
        Assert.Equal((GlobalIds.User(member.Id), "DUE"), (recorded.GetProperty("member").GetProperty("id").GetString(), recorded.GetProperty("status").GetString()));

        await _host.SucceedAsync(paid.Value!.Payment.Id);
        var messages = new[] { await socket.ReceiveAsync(), await socket.ReceiveAsync() }.ToDictionary(m => m.GetProperty("id").GetString()!);
        var settled = Data(messages["contributions"], "contributionRecorded");
        Assert.Equal(("PAID", 10_000m, "SUCCEEDED"), (settled.GetProperty("status").GetString(), settled.GetProperty("received").GetProperty("amount").GetDecimal(),
            settled.GetProperty("payments")[0].GetProperty("status").GetString()));
        var session = Data(messages["sessions"], "tontineSessionUpdated");
        Assert.Equal(1, session.GetProperty("statistics").GetProperty("paidCount").GetInt32());
    }

    private static JsonElement Data(JsonElement message, string field)
    {
        var payload = message.GetProperty("payload");
        Assert.False(payload.TryGetProperty("errors", out _), message.ToString());
        return payload.GetProperty("data").GetProperty(field);
    }
}
