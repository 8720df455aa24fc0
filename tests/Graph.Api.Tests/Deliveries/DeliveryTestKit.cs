using System.Text.Json;
using Graph.Api.Common;
using Graph.Api.Deliveries;
using Graph.Api.Identity;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tests.Tontines;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Deliveries;

/// <summary>A cooperative made in the database for a test: its manager, planters (each with one plot; the first planter also
/// has a second plot) and warehouses.</summary>
internal sealed record TestCooperative(Guid Id, string Code, User Manager, IReadOnlyList<Guid> Planters, IReadOnlyList<Guid> Plots, IReadOnlyList<Guid> Warehouses);

/// <summary>The real server (simulated mobile money, a clock the test moves) with what delivery tests repeat: cooperatives,
/// managers, planters, plots and warehouses written straight to the database (the registry's mutations are another part),
/// deliveries and lots made through the graph, and the stock invariants checked in SQL.</summary>
internal sealed class DeliveryTestKit : IAsyncDisposable
{
    public const string Wallet = "+221771234567";

    public const string Record = """
        mutation($input: RecordDeliveryInput!) { recordDelivery(input: $input) {
          delivery { id status netWeightKg payableWeightKg amount { amount currency } traceCode }
          errors { __typename ... on Error { code message } ... on InvalidDeliveryInputError { field } } } }
        """;

    public const string Validate = """
        mutation($input: ValidateDeliveryInput!) { validateDelivery(input: $input) {
          delivery { id status validatedAt } errors { __typename ... on Error { code message } } } }
        """;

    public const string Reject = """
        mutation($input: RejectDeliveryInput!) { rejectDelivery(input: $input) {
          delivery { id status rejectionReason } errors { __typename ... on Error { code message } } } }
        """;

    public const string Correct = """
        mutation($input: CorrectDeliveryInput!) { correctDelivery(input: $input) {
          delivery { id status netWeightKg grade amount { amount } } errors { __typename ... on Error { code message } } } }
        """;

    public const string Pay = """
        mutation($input: PayDeliveryInput!) { payDelivery(input: $input) {
          payment { id status method amount { amount currency } } delivery { id status }
          errors { __typename ... on Error { code message } } } }
        """;

    public const string CreateLot = """
        mutation($input: CreateLotInput!) { createLot(input: $input) {
          lot { id code grade status initialWeightKg remainingWeightKg warehouse { id } }
          errors { __typename ... on Error { code message } } } }
        """;

    public const string MoveLot = """
        mutation($input: MoveLotInput!) { moveLot(input: $input) {
          lot { id remainingWeightKg warehouse { id } } errors { __typename ... on Error { code message } } } }
        """;

    public const string SellLot = """
        mutation($input: SellLotInput!) { sellLot(input: $input) {
          sale { id weightKg amount { amount currency } } lot { id status remainingWeightKg }
          errors { __typename ... on Error { code message } } } }
        """;

    private DeliveryTestKit(TontineMoneyHost host) => Host = host;

    /// <summary>The server: payments, clock, sockets, tokens.</summary>
    public TontineMoneyHost Host { get; }

    public DateOnly Today => Host.Today;

    public static DeliveryTestKit Start(DatabaseFixture database) => new(TontineMoneyHost.Start(database));

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    public static string Id(string type, Guid key) => GlobalIds.Of(type, key);

    public static Guid KeyOf(string globalId) => GlobalIds.KeyOf(globalId);

    /// <summary>A cooperative with a manager (COOPERATIVE_MANAGER), <paramref name="planters"/> planters with a plot each
    /// (the first one a second plot) and warehouses of the given capacities.</summary>
    public async Task<TestCooperative> CooperativeAsync(int planters = 2, decimal[]? capacities = null, Currency currency = Currency.XOF)
    {
        var manager = await Host.AddUserAsync("Gérant");
        await using var db = Host.TestContext();
        var now = Host.Now;
        var code = "C" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var cooperative = new Cooperative { Id = Guid.CreateVersion7(), Name = "Coopérative " + code, Code = code, Currency = currency, CreatedAt = now, UpdatedAt = now };
        db.Cooperatives.Add(cooperative);
        db.CooperativeManagers.Add(new CooperativeManager { CooperativeId = cooperative.Id, UserId = manager.Id, AddedAt = now });
        var planterIds = new List<Guid>();
        var plotIds = new List<Guid>();
        for (var i = 0; i < planters; i++)
        {
            var planter = new Planter { Id = Guid.CreateVersion7(), CooperativeId = cooperative.Id, FullName = $"Planteur {i + 1}", Phone = Wallet, Village = "Soubré", CreatedAt = now, UpdatedAt = now };
            db.Planters.Add(planter);
            planterIds.Add(planter.Id);
            plotIds.Add(AddPlot(db, planter.Id, $"Parcelle {i + 1}", now));
        }
        plotIds.Add(AddPlot(db, planterIds[0], "Parcelle du bas-fond", now));
        var warehouseIds = new List<Guid>();
        foreach (var (capacity, index) in (capacities ?? [100_000m, 100_000m]).Select((c, i) => (c, i)))
        {
            var warehouse = new Warehouse { Id = Guid.CreateVersion7(), CooperativeId = cooperative.Id, Name = $"Magasin {index + 1}", CapacityKg = capacity, CreatedAt = now, UpdatedAt = now };
            db.Warehouses.Add(warehouse);
            warehouseIds.Add(warehouse.Id);
        }
        await db.SaveChangesAsync();
        return new TestCooperative(cooperative.Id, code, manager, planterIds, plotIds, warehouseIds);
    }

    public string ManagerToken(TestCooperative cooperative) => Host.TokenOf(cooperative.Manager.Id, PlatformRole.CooperativeManager);

    /// <summary>The input of a delivery of planter <paramref name="planter"/> (on their first plot) to warehouse <paramref name="warehouse"/>.</summary>
    public object DeliveryInput(TestCooperative cooperative, int planter = 0, int warehouse = 0, decimal gross = 1000m, decimal tare = 10m, decimal moisture = 7m,
        string grade = "GRADE_I", decimal price = 1800m, string currency = "XOF", DateOnly? on = null, Guid? plot = null) => new
    {
        planterId = Id("Planter", cooperative.Planters[planter]),
        plotId = Id("Plot", plot ?? cooperative.Plots[planter]),
        warehouseId = Id("Warehouse", cooperative.Warehouses[warehouse]),
        deliveredOn = (on ?? Today).ToString("yyyy-MM-dd"),
        grossWeightKg = gross,
        tareKg = tare,
        moisturePercent = moisture,
        grade,
        pricePerKg = new { amount = price, currency },
    };

    public Task<JsonElement> MutateAsync(string token, string mutation, string field, object input) =>
        Host.Payments.Inbox.MutateAsync(token, mutation, field, input);

    /// <summary>Records a delivery as the cooperative's manager and returns its global ID (no error allowed).</summary>
    public async Task<string> RecordAsync(TestCooperative cooperative, int planter = 0, int warehouse = 0, decimal gross = 1000m, decimal tare = 10m, string grade = "GRADE_I", decimal moisture = 7m)
    {
        var payload = await MutateAsync(ManagerToken(cooperative), Record, "recordDelivery", DeliveryInput(cooperative, planter, warehouse, gross, tare, moisture, grade));
        Assert.Empty(Codes(payload));
        return payload.GetProperty("delivery").GetProperty("id").GetString()!;
    }

    /// <summary>Records and validates a delivery; returns its global ID.</summary>
    public async Task<string> ValidatedAsync(TestCooperative cooperative, int planter = 0, int warehouse = 0, decimal gross = 1000m, decimal tare = 10m, string grade = "GRADE_I")
    {
        var id = await RecordAsync(cooperative, planter, warehouse, gross, tare, grade);
        var payload = await MutateAsync(ManagerToken(cooperative), Validate, "validateDelivery", new { deliveryId = id });
        Assert.Empty(Codes(payload));
        return id;
    }

    /// <summary>Forms a lot of the deliveries; returns the lot's global ID.</summary>
    public async Task<string> LotAsync(TestCooperative cooperative, params string[] deliveries)
    {
        var payload = await MutateAsync(ManagerToken(cooperative), CreateLot, "createLot", new { deliveryIds = deliveries });
        Assert.Empty(Codes(payload));
        return payload.GetProperty("lot").GetProperty("id").GetString()!;
    }

    public static IReadOnlyList<string> Codes(JsonElement payload) => TontineMoneyHost.Codes(payload);

    /// <summary>
    /// The stock's invariants, in SQL, for the cooperative: every lot's remaining weight equals the sum of its movements and is
    /// at least 0; no delivery's holding is below 0, and a validated or paid delivery outside a lot holds its net weight; no
    /// warehouse holds below 0 or above its capacity.
    /// </summary>
    public async Task AssertStockInvariantsAsync(Guid cooperativeId)
    {
        await using var db = Host.TestContext();
        var lots = await db.Lots.AsNoTracking().Where(l => l.CooperativeId == cooperativeId)
            .Select(l => new { l.Code, l.RemainingWeightKg, l.Status, Held = db.StockMovements.Where(m => m.LotId == l.Id).Sum(m => m.QuantityKg) }).ToListAsync();
        Assert.All(lots, l =>
        {
            Assert.Equal(l.RemainingWeightKg, l.Held);
            Assert.True(l.Held >= 0, $"Lot {l.Code} holds {l.Held} kg.");
            Assert.Equal(l.RemainingWeightKg == 0, l.Status == LotStatus.Sold);
        });
        var deliveries = await db.Deliveries.AsNoTracking().Where(d => d.CooperativeId == cooperativeId)
            .Select(d => new { d.Id, d.Status, d.NetWeightKg, InLot = db.LotDeliveries.Any(e => e.DeliveryId == d.Id), Held = db.StockMovements.Where(m => m.DeliveryId == d.Id).Sum(m => m.QuantityKg) })
            .ToListAsync();
        Assert.All(deliveries, d =>
        {
            Assert.True(d.Held >= 0, $"Delivery {d.Id} holds {d.Held} kg.");
            var expected = d.InLot || d.Status is DeliveryStatus.Recorded or DeliveryStatus.Rejected ? 0m : d.NetWeightKg;
            Assert.Equal(expected, d.Held);
        });
        var warehouses = await db.Warehouses.AsNoTracking().Where(w => w.CooperativeId == cooperativeId)
            .Select(w => new { w.Name, w.CapacityKg, Stock = db.StockMovements.Where(m => m.WarehouseId == w.Id).Sum(m => m.QuantityKg) }).ToListAsync();
        Assert.All(warehouses, w => Assert.True(w.Stock >= 0 && w.Stock <= w.CapacityKg, $"{w.Name} holds {w.Stock} kg of {w.CapacityKg} kg."));
    }

    private static Guid AddPlot(Graph.Api.Data.GraphDbContext db, Guid planterId, string name, DateTime now)
    {
        var plot = new Plot
        {
            Id = Guid.CreateVersion7(),
            PlanterId = planterId,
            Name = name,
            Kind = PlotGeometryKind.Point,
            GeoJson = """{"type":"Point","coordinates":[-6.590123,5.780456]}""",
            AreaHectares = 2.5m,
            Latitude = 5.780456,
            Longitude = -6.590123,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Plots.Add(plot);
        return plot.Id;
    }
}
