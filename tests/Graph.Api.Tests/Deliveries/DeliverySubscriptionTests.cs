using System.Text.Json;
using Graph.Api.Deliveries;
using Graph.Api.Identity;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Deliveries;

/// <summary>deliveryRecorded and stockChanged over a real graphql-transport-ws WebSocket: the cooperative's manager hears a
/// delivery recorded, then validated with the warehouse's new stock, once committed; a manager of another cooperative is
/// refused; a refused change announces nothing.</summary>
public sealed class DeliverySubscriptionTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Recorded = "subscription($id: ID!) { deliveryRecorded(cooperativeId: $id) { id status netWeightKg planter { fullName } } }";

    private const string Stock = "subscription($id: ID!) { stockChanged(warehouseId: $id) { id stockKg stock { grade weightKg } } }";

    private DeliveryTestKit _kit = null!;

    public Task InitializeAsync()
    {
        _kit = DeliveryTestKit.Start(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task The_manager_hears_deliveries_and_stock_once_committed_and_a_stranger_is_refused()
    {
        var coop = await _kit.CooperativeAsync(capacities: [1500m]);
        var other = await _kit.CooperativeAsync();
        var cooperative = new { id = DeliveryTestKit.Id("Cooperative", coop.Id) };
        var warehouse = new { id = DeliveryTestKit.Id("Warehouse", coop.Warehouses[0]) };
        await using var socket = await _kit.Host.ConnectAsync(_kit.ManagerToken(coop));
        await using var outsider = await _kit.Host.ConnectAsync(_kit.ManagerToken(other));
        await using var analyst = await _kit.Host.ConnectAsync(_kit.Host.TokenOf(other.Manager.Id, PlatformRole.Analyst));
        await socket.SubscribeAsync("deliveries", Recorded, cooperative);
        await socket.SubscribeAsync("stock", Stock, warehouse);
        await analyst.SubscribeAsync("stock", Stock, warehouse);
        await _kit.Host.SubscribedAsync(DeliveryTopics.DeliveryRecorded(coop.Id));
        await _kit.Host.SubscribedAsync(DeliveryTopics.StockChanged(coop.Warehouses[0]), count: 2);

        await outsider.SubscribeAsync("spy", Recorded, cooperative);
        Assert.Contains("AUTH_NOT_AUTHORIZED", (await outsider.ReceiveAsync()).ToString(), StringComparison.Ordinal);
        await outsider.SubscribeAsync("spy-stock", Stock, warehouse);
        Assert.Contains("AUTH_NOT_AUTHORIZED", (await outsider.ReceiveAsync()).ToString(), StringComparison.Ordinal);

        var id = await _kit.RecordAsync(coop, gross: 1000m, tare: 10m);
        var recorded = Data(await socket.ReceiveAsync("next", "deliveries"), "deliveryRecorded");
        Assert.Equal((id, "RECORDED", 990m), (recorded.GetProperty("id").GetString(), recorded.GetProperty("status").GetString(), recorded.GetProperty("netWeightKg").GetDecimal()));

        // A validation refused for lack of room announces nothing; the next one, after a correction, announces both.
        var big = await _kit.RecordAsync(coop, planter: 1, gross: 600m, tare: 0m);
        Assert.Equal("RECORDED", Data(await socket.ReceiveAsync("next", "deliveries"), "deliveryRecorded").GetProperty("status").GetString());
        Assert.Empty(DeliveryTestKit.Codes(await _kit.MutateAsync(_kit.ManagerToken(coop), DeliveryTestKit.Validate, "validateDelivery", new { deliveryId = id })));
        var messages = new[] { await socket.ReceiveAsync(), await socket.ReceiveAsync() }.ToDictionary(m => m.GetProperty("id").GetString()!);
        Assert.Equal("VALIDATED", Data(messages["deliveries"], "deliveryRecorded").GetProperty("status").GetString());
        var stock = Data(messages["stock"], "stockChanged");
        Assert.Equal(990m, stock.GetProperty("stockKg").GetDecimal());
        Assert.Equal("GRADE_I", stock.GetProperty("stock")[0].GetProperty("grade").GetString());
        Assert.Equal(990m, Data(await analyst.ReceiveAsync("next", "stock"), "stockChanged").GetProperty("stockKg").GetDecimal());

        Assert.Equal(["WAREHOUSE_CAPACITY_EXCEEDED"], DeliveryTestKit.Codes(await _kit.MutateAsync(_kit.ManagerToken(coop), DeliveryTestKit.Validate, "validateDelivery", new { deliveryId = big })));
        Assert.Empty(DeliveryTestKit.Codes(await _kit.MutateAsync(_kit.ManagerToken(coop), DeliveryTestKit.Reject, "rejectDelivery", new { deliveryId = big, reason = "Pas de place" })));
        // The next message is the rejection, not a stock change of the refused validation.
        var rejected = await socket.ReceiveAsync();
        Assert.Equal("deliveries", rejected.GetProperty("id").GetString());
        Assert.Equal("REJECTED", Data(rejected, "deliveryRecorded").GetProperty("status").GetString());
    }

    private static JsonElement Data(JsonElement message, string field)
    {
        var payload = message.GetProperty("payload");
        Assert.False(payload.TryGetProperty("errors", out _), message.ToString());
        return payload.GetProperty("data").GetProperty(field);
    }
}
