using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Deliveries;

/// <summary>Stock is never negative and never above capacity under concurrent movements: many sales and moves of one lot at
/// once (separate requests), and many validations into a nearly full warehouse. The lot's and the warehouses' movements are
/// summed in SQL afterwards.</summary>
public sealed class DeliveryConcurrencyTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private DeliveryTestKit _kit = null!;

    public Task InitializeAsync()
    {
        _kit = DeliveryTestKit.Start(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task Concurrent_sales_and_moves_of_one_lot_never_sell_more_than_it_holds()
    {
        var coop = await _kit.CooperativeAsync(capacities: [5000m, 5000m]);
        var token = _kit.ManagerToken(coop);
        var lot = await _kit.LotAsync(coop, await _kit.ValidatedAsync(coop, planter: 0, gross: 500m, tare: 0m), await _kit.ValidatedAsync(coop, planter: 1, gross: 500m, tare: 0m));
        var warehouses = coop.Warehouses.Select(w => DeliveryTestKit.Id("Warehouse", w)).ToArray();

        var sales = Enumerable.Range(0, 16).Select(i => _kit.MutateAsync(token, DeliveryTestKit.SellLot, "sellLot",
            new { lotId = lot, weightKg = 90m, buyerName = $"Exportateur {i}", pricePerKg = new { amount = 2000, currency = "XOF" } }));
        var moves = Enumerable.Range(0, 8).Select(i => _kit.MutateAsync(token, DeliveryTestKit.MoveLot, "moveLot", new { lotId = lot, warehouseId = warehouses[(i + 1) % 2] }));
        var results = await Task.WhenAll(sales.Concat(moves).Select(t => Task.Run(() => t)));

        var sold = results.Take(16).Where(r => DeliveryTestKit.Codes(r).Count == 0).ToList();
        Assert.All(results.Take(16).Where(r => DeliveryTestKit.Codes(r).Count > 0), r => Assert.Equal(["LOT_WEIGHT_EXCEEDED"], DeliveryTestKit.Codes(r)));
        // 90 kg at a time out of 1000 kg: eleven sales fit, whatever the order.
        Assert.Equal(11, sold.Count);
        Assert.All(results.Skip(16), r => Assert.True(DeliveryTestKit.Codes(r) is [] or ["INVALID_DELIVERY_INPUT"], r.ToString()));
        Assert.Contains(results.Skip(16), r => DeliveryTestKit.Codes(r).Count == 0);
        await _kit.AssertStockInvariantsAsync(coop.Id);

        var data = await _kit.Host.Payments.Inbox.DataAsync(token, "query($id: ID!) { lot(id: $id) { remainingWeightKg status sales { weightKg } movements { quantityKg } warehouse { id stockKg } } }", new { id = lot });
        var read = data.GetProperty("lot");
        Assert.Equal(10m, read.GetProperty("remainingWeightKg").GetDecimal());
        Assert.Equal(990m, read.GetProperty("sales").EnumerateArray().Sum(s => s.GetProperty("weightKg").GetDecimal()));
        Assert.Equal(10m, read.GetProperty("movements").EnumerateArray().Sum(m => m.GetProperty("quantityKg").GetDecimal()));
        Assert.Equal(10m, read.GetProperty("warehouse").GetProperty("stockKg").GetDecimal());
    }

    [Fact]
    public async Task Concurrent_validations_into_a_nearly_full_warehouse_never_exceed_its_capacity()
    {
        var coop = await _kit.CooperativeAsync(planters: 2, capacities: [1000m]);
        var token = _kit.ManagerToken(coop);
        await _kit.ValidatedAsync(coop, planter: 0, gross: 100m, tare: 0m);
        var recorded = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            recorded.Add(await _kit.RecordAsync(coop, planter: i % 2, gross: 151m, tare: 1m));
        }

        var results = await Task.WhenAll(recorded.Select(id => Task.Run(() => _kit.MutateAsync(token, DeliveryTestKit.Validate, "validateDelivery", new { deliveryId = id }))));

        // 900 kg free, 150 kg each: six fit.
        Assert.Equal(6, results.Count(r => DeliveryTestKit.Codes(r).Count == 0));
        Assert.All(results.Where(r => DeliveryTestKit.Codes(r).Count > 0), r => Assert.Equal(["WAREHOUSE_CAPACITY_EXCEEDED"], DeliveryTestKit.Codes(r)));
        await _kit.AssertStockInvariantsAsync(coop.Id);
        var stock = await _kit.Host.Payments.Inbox.DataAsync(token, "query($id: ID!) { node(id: $id) { ... on Warehouse { stockKg capacityKg } } }", new { id = DeliveryTestKit.Id("Warehouse", coop.Warehouses[0]) });
        Assert.Equal(1000m, stock.GetProperty("node").GetProperty("stockKg").GetDecimal());
    }

    [Fact]
    public async Task Deliveries_recorded_while_others_are_validated_into_the_same_warehouse_never_deadlock()
    {
        // Validating locks the warehouse row, then the chain; recording holds the chain while its insert checks the
        // warehouse's foreign key. The row lock must not stop that check, or the two wait on each other.
        var coop = await _kit.CooperativeAsync(planters: 2, capacities: [100_000m]);
        var token = _kit.ManagerToken(coop);
        var recorded = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            recorded.Add(await _kit.RecordAsync(coop, planter: i % 2, gross: 101m, tare: 1m));
        }

        var validations = recorded.Select(id => Task.Run(() => _kit.MutateAsync(token, DeliveryTestKit.Validate, "validateDelivery", new { deliveryId = id })));
        var records = Enumerable.Range(0, 12).Select(i => Task.Run(() => _kit.MutateAsync(token, DeliveryTestKit.Record, "recordDelivery",
            _kit.DeliveryInput(coop, planter: i % 2, gross: 101m, tare: 1m))));
        var results = await Task.WhenAll(validations.Concat(records));

        Assert.All(results, r => Assert.Empty(DeliveryTestKit.Codes(r)));
        await _kit.AssertStockInvariantsAsync(coop.Id);
        var stock = await _kit.Host.Payments.Inbox.DataAsync(token, "query($id: ID!) { node(id: $id) { ... on Warehouse { stockKg } } }", new { id = DeliveryTestKit.Id("Warehouse", coop.Warehouses[0]) });
        Assert.Equal(1200m, stock.GetProperty("node").GetProperty("stockKg").GetDecimal());
    }
}
