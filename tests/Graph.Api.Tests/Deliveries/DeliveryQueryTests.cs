using System.Text.Json;
using Graph.Api.Identity;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Deliveries;

/// <summary>Reading deliveries under the row rule (newest first, filtered in SQL), and a validated delivery corrected to
/// another grade while its payment is not under way: its stock moves from one grade to the other.</summary>
public sealed class DeliveryQueryTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private DeliveryTestKit _kit = null!;

    public Task InitializeAsync()
    {
        _kit = DeliveryTestKit.Start(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task Deliveries_are_listed_newest_first_filtered_and_only_to_those_who_may_see_them()
    {
        var coop = await _kit.CooperativeAsync();
        var other = await _kit.CooperativeAsync();
        var first = await _kit.RecordAsync(coop, gross: 100m, tare: 0m);
        _kit.Host.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await _kit.ValidatedAsync(coop, gross: 200m, tare: 0m);
        _kit.Host.Clock.Advance(TimeSpan.FromMinutes(5));
        var third = await _kit.RecordAsync(coop, planter: 1, gross: 300m, tare: 0m);
        await _kit.RecordAsync(other);
        const string list = "query($where: DeliveryFilterInput) { deliveries(first: 10, where: $where) { totalCount nodes { id status planter { fullName } warehouse { name } } } }";

        var mine = (await _kit.Host.Payments.Inbox.DataAsync(_kit.ManagerToken(coop), list)).GetProperty("deliveries");
        Assert.Equal([third, second, first], mine.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()));
        var validated = (await _kit.Host.Payments.Inbox.DataAsync(_kit.ManagerToken(coop), list, new { where = new { status = new { eq = "VALIDATED" } } })).GetProperty("deliveries");
        Assert.Equal([second], validated.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()));
        Assert.Equal(1, (await _kit.Host.Payments.Inbox.DataAsync(_kit.ManagerToken(other), list)).GetProperty("deliveries").GetProperty("totalCount").GetInt32());
        // The list's own filters, shared with the CSV export: one cooperative, one planter, a name searched.
        var analyst = _kit.Host.TokenOf(coop.Manager.Id, PlatformRole.Analyst);
        const string scoped = "query($c: ID, $p: ID, $s: String) { deliveries(first: 10, cooperativeId: $c, planterId: $p, search: $s) { nodes { id } } }";
        string[] Ids(JsonElement data) => data.GetProperty("deliveries").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!).ToArray();
        Assert.Equal([third, second, first], Ids(await _kit.Host.Payments.Inbox.DataAsync(analyst, scoped, new { c = DeliveryTestKit.Id("Cooperative", coop.Id) })));
        Assert.Equal([third], Ids(await _kit.Host.Payments.Inbox.DataAsync(analyst, scoped, new { c = DeliveryTestKit.Id("Cooperative", coop.Id), p = DeliveryTestKit.Id("Planter", coop.Planters[1]) })));
        var name = mine.GetProperty("nodes")[0].GetProperty("planter").GetProperty("fullName").GetString()!;
        Assert.Equal([third], Ids(await _kit.Host.Payments.Inbox.DataAsync(analyst, scoped, new { c = DeliveryTestKit.Id("Cooperative", coop.Id), s = name.ToUpperInvariant() })));
        // ANALYST sees every cooperative; a READER none (no error).
        Assert.True((await _kit.Host.Payments.Inbox.DataAsync(_kit.Host.TokenOf(coop.Manager.Id, PlatformRole.Analyst), list)).GetProperty("deliveries").GetProperty("totalCount").GetInt32() >= 4);
        Assert.Equal(0, (await _kit.Host.Payments.Inbox.DataAsync(_kit.Host.TokenOf(coop.Manager.Id, PlatformRole.Reader), list)).GetProperty("deliveries").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task A_validated_delivery_corrected_to_another_grade_moves_its_stock_and_not_while_a_payment_is_under_way()
    {
        var coop = await _kit.CooperativeAsync();
        var token = _kit.ManagerToken(coop);
        var id = await _kit.ValidatedAsync(coop, gross: 800m, tare: 5m);
        object Correction(string grade, decimal gross) => new
        {
            deliveryId = id, grossWeightKg = gross, tareKg = 5m, moisturePercent = 9m, grade, pricePerKg = new { amount = 1500, currency = "XOF" }, reason = "Classement revu",
        };

        var corrected = await _kit.MutateAsync(token, DeliveryTestKit.Correct, "correctDelivery", Correction("GRADE_II", 805m));
        Assert.Empty(DeliveryTestKit.Codes(corrected));
        // net 800 kg at 9 %: 8 kg off, 792 kg at 1500 francs.
        Assert.Equal((800m, "GRADE_II", 1_188_000m), (corrected.GetProperty("delivery").GetProperty("netWeightKg").GetDecimal(),
            corrected.GetProperty("delivery").GetProperty("grade").GetString(), corrected.GetProperty("delivery").GetProperty("amount").GetProperty("amount").GetDecimal()));
        var stock = (await _kit.Host.Payments.Inbox.DataAsync(token, "query($id: ID!) { node(id: $id) { ... on Warehouse { stockKg stock { grade weightKg } } } }",
            new { id = DeliveryTestKit.Id("Warehouse", coop.Warehouses[0]) })).GetProperty("node");
        Assert.Equal(800m, stock.GetProperty("stockKg").GetDecimal());
        var level = Assert.Single(stock.GetProperty("stock").EnumerateArray());
        Assert.Equal(("GRADE_II", 800m), (level.GetProperty("grade").GetString(), level.GetProperty("weightKg").GetDecimal()));

        Assert.Empty(DeliveryTestKit.Codes(await _kit.MutateAsync(token, DeliveryTestKit.Pay, "payDelivery", new { deliveryId = id, method = "WAVE", idempotencyKey = "vague-1" })));
        Assert.Equal(["DELIVERY_PAYMENT_IN_PROGRESS"], DeliveryTestKit.Codes(await _kit.MutateAsync(token, DeliveryTestKit.Correct, "correctDelivery", Correction("GRADE_I", 900m))));
        await _kit.AssertStockInvariantsAsync(coop.Id);
        var events = (await _kit.Host.Payments.Inbox.DataAsync(token, "query($id: ID!) { delivery(id: $id) { traceEvents { kind payload } } }", new { id })).GetProperty("delivery").GetProperty("traceEvents");
        var correction = events.EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "DELIVERY_CORRECTED").GetProperty("payload");
        Assert.Equal(("GRADE_I", "GRADE_II", "795", "800"), (correction.GetProperty("old.grade").GetString(), correction.GetProperty("new.grade").GetString(),
            correction.GetProperty("old.netWeightKg").GetString(), correction.GetProperty("new.netWeightKg").GetString()));
        Assert.Equal(JsonValueKind.String, correction.GetProperty("reason").ValueKind);
    }

    [Fact]
    public async Task A_plot_deliveries_came_from_keeps_its_shape_and_may_be_renamed()
    {
        var coop = await _kit.CooperativeAsync();
        var token = _kit.ManagerToken(coop);
        const string update = """
            mutation($input: UpdatePlotInput!) { updatePlot(input: $input) { plot { name areaHectares }
              errors { __typename ... on Error { code message } } } }
            """;
        var plot = DeliveryTestKit.Id("Plot", coop.Plots[0]);
        const string outline = """{"type":"Polygon","coordinates":[[[-6.600000,5.780000],[-6.590000,5.780000],[-6.590000,5.790000],[-6.600000,5.790000],[-6.600000,5.780000]]]}""";
        // Before any delivery the outline may change; after one, only the name.
        Assert.Empty(DeliveryTestKit.Codes(await _kit.MutateAsync(token, update, "updatePlot", new { plotId = plot, geoJson = outline })));
        await _kit.RecordAsync(coop);

        var refused = await _kit.MutateAsync(token, update, "updatePlot", new { plotId = plot, geoJson = outline.Replace("-6.590000", "-6.580000") });
        Assert.Equal(["PLOT_HAS_DELIVERIES"], DeliveryTestKit.Codes(refused));
        var renamed = await _kit.MutateAsync(token, update, "updatePlot", new { plotId = plot, name = "Champ du marigot" });
        Assert.Empty(DeliveryTestKit.Codes(renamed));
        Assert.Equal("Champ du marigot", renamed.GetProperty("plot").GetProperty("name").GetString());
    }
}
