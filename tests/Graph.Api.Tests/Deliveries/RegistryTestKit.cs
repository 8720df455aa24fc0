using System.Text.Json;
using Graph.Api.Common;
using Graph.Api.Data;
using Graph.Api.Deliveries;
using Graph.Api.Identity;
using Graph.Api.Tests.GraphQL;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Deliveries;

/// <summary>The server in memory over a test database, with what the registry tests repeat: users with roles, cooperatives
/// and their managers, planters, plots, warehouses and deliveries written straight into the database, and reading payloads.</summary>
internal sealed class RegistryTestKit(DatabaseFixture database) : IAsyncDisposable
{
    public const string Admin = PlatformRoles.AdminName;
    public const string Manager = PlatformRoles.CooperativeManagerName;
    public const string Analyst = PlatformRoles.AnalystName;

    private static readonly DateTime Now = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);

    private readonly GraphApiFactory _factory = new(database.ConnectionString, services: TestClients.Add);
    private HttpClient? _client;

    public HttpClient Client => _client ??= _factory.CreateClient();

    public GraphDbContext Context() => database.CreateContext();

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await _factory.DisposeAsync();
    }

    public Task<GraphQLHttpResponse> SendAsync(string query, object? variables, Guid user, params string[] roles) =>
        Client.SendGraphQLAsync(GraphQLHttp.PostQuery(query, variables).As(user, "Test", roles));

    /// <summary>The response's data, after checking it has no GraphQL error.</summary>
    public static JsonElement Data(GraphQLHttpResponse response)
    {
        Assert.False(response.HasErrors, response.Text);
        return response.Body.GetProperty("data");
    }

    /// <summary>Runs <c>field(input: $input) { errors { ... } }</c> with the payload's <paramref name="selection"/> and returns
    /// the payload.</summary>
    public async Task<JsonElement> MutateAsync(string field, string inputType, object input, string selection, Guid user, params string[] roles)
    {
        var query = $$"""
            mutation($input: {{inputType}}!) {
              {{field}}(input: $input) {
                {{selection}}
                errors { __typename ... on Error { code message } {{string.Join(" ", ErrorTypes[field].Select(t => $"... on {t} {{ field{Extra(t)} }}"))}} }
              }
            }
            """;
        return Data(await SendAsync(query, new { input }, user, roles)).GetProperty(field);
    }

    /// <summary>The error types of each mutation's union (each has a <c>field</c>).</summary>
    private static readonly Dictionary<string, string[]> ErrorTypes = new()
    {
        ["createCooperative"] = ["InvalidRegistryInputError", "CooperativeCodeTakenError"],
        ["updateCooperative"] = ["InvalidRegistryInputError", "CooperativeNotFoundError"],
        ["addCooperativeManager"] = ["CooperativeNotFoundError", "CooperativeManagerRoleRequiredError", "AlreadyCooperativeManagerError"],
        ["removeCooperativeManager"] = ["CooperativeNotFoundError", "NotCooperativeManagerError"],
        ["createPlanter"] = ["InvalidRegistryInputError", "CooperativeNotFoundError", "PlanterChiefError"],
        ["updatePlanter"] = ["InvalidRegistryInputError", "PlanterNotFoundError", "PlanterChiefError"],
        ["createPlot"] = ["InvalidRegistryInputError", "PlanterNotFoundError", "PlotGeometryError"],
        ["updatePlot"] = ["InvalidRegistryInputError", "PlotNotFoundError", "PlotGeometryError"],
        ["createWarehouse"] = ["InvalidRegistryInputError", "CooperativeNotFoundError", "WarehouseNameTakenError"],
        ["updateWarehouse"] = ["InvalidRegistryInputError", "WarehouseNotFoundError", "WarehouseNameTakenError", "WarehouseCapacityBelowStockError"],
    };

    private static string Extra(string type) => type switch
    {
        "PlotGeometryError" => " path",
        "WarehouseCapacityBelowStockError" => " stockKg capacityKg",
        _ => "",
    };

    /// <summary>The codes of a payload's errors, in order; empty when it has none.</summary>
    public static List<string> Codes(JsonElement payload) =>
        payload.GetProperty("errors").ValueKind == JsonValueKind.Null
            ? []
            : payload.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()!).ToList();

    /// <summary>The (code, field) pairs of a payload's errors, in order.</summary>
    public static List<(string Code, string? Field)> Fields(JsonElement payload) =>
        payload.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("code").GetString()!, e.TryGetProperty("field", out var f) ? f.GetString() : null)).ToList();

    public async Task<Guid> UserAsync(string displayName, params PlatformRole[] roles)
    {
        await using var db = Context();
        var user = new User
        {
            Email = $"{Guid.NewGuid():N}@cocoa.test",
            DisplayName = displayName,
            PreferredLanguage = PreferredLanguage.Fr,
            CreatedAt = Now,
            PasswordChangedAt = Now,
        };
        db.Users.Add(user);
        foreach (var role in roles)
        {
            db.UserRoles.Add(new UserRole { UserId = user.Id, Role = role });
        }
        await db.SaveChangesAsync();
        return user.Id;
    }

    /// <summary>A cooperative with a unique code, managed by <paramref name="managers"/>.</summary>
    public async Task<Guid> CooperativeAsync(string name, params Guid[] managers)
    {
        await using var db = Context();
        var cooperative = new Cooperative { Name = name, Code = "T" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(), CreatedAt = Now, UpdatedAt = Now };
        db.Cooperatives.Add(cooperative);
        foreach (var manager in managers)
        {
            db.CooperativeManagers.Add(new CooperativeManager { CooperativeId = cooperative.Id, UserId = manager, AddedAt = Now });
        }
        await db.SaveChangesAsync();
        return cooperative.Id;
    }

    public async Task<Guid> PlanterAsync(Guid cooperative, string name, Guid? chief = null, string? phone = null)
    {
        await using var db = Context();
        var planter = new Planter { CooperativeId = cooperative, FullName = name, ChiefId = chief, Phone = phone, CreatedAt = Now, UpdatedAt = Now };
        db.Planters.Add(planter);
        await db.SaveChangesAsync();
        return planter.Id;
    }

    public async Task<Guid> PlotAsync(Guid planter, string name, string geoJson, decimal? declaredArea = null)
    {
        var shape = PlotGeometry.Check(geoJson, declaredArea).Shape ?? throw new ArgumentException("Invalid geometry.", nameof(geoJson));
        await using var db = Context();
        var plot = new Plot
        {
            PlanterId = planter, Name = name, Kind = shape.Kind, GeoJson = shape.GeoJson, AreaHectares = shape.AreaHectares,
            Latitude = shape.Latitude, Longitude = shape.Longitude, CreatedAt = Now, UpdatedAt = Now,
        };
        db.Plots.Add(plot);
        await db.SaveChangesAsync();
        return plot.Id;
    }

    public async Task<Guid> WarehouseAsync(Guid cooperative, string name, decimal capacityKg)
    {
        await using var db = Context();
        var warehouse = new Warehouse { CooperativeId = cooperative, Name = name, CapacityKg = capacityKg, CreatedAt = Now, UpdatedAt = Now };
        db.Warehouses.Add(warehouse);
        await db.SaveChangesAsync();
        return warehouse.Id;
    }

    /// <summary>A VALIDATED delivery of <paramref name="netKg"/> (no tare, dry beans at 1,000 XOF/kg) whose beans entered
    /// the warehouse (a DELIVERY_IN stock movement).</summary>
    public async Task<Guid> DeliveryAsync(Guid cooperative, Guid planter, Guid plot, Guid warehouse, DateOnly on, decimal netKg, Guid actor)
    {
        await using var db = Context();
        var delivery = new Delivery
        {
            CooperativeId = cooperative, PlanterId = planter, PlotId = plot, WarehouseId = warehouse, DeliveredOn = on,
            GrossWeightKg = netKg, TareKg = 0, NetWeightKg = netKg, MoisturePercent = 7m, PayableWeightKg = netKg, Grade = CocoaGrade.GradeI,
            PricePerKg = new Money(1000m, Currency.XOF), Amount = new Money(netKg * 1000m, Currency.XOF), Status = DeliveryStatus.Validated,
            TraceCode = TraceCodes.New(), RecordedBy = actor, RecordedAt = Now, ValidatedBy = actor, ValidatedAt = Now, UpdatedAt = Now,
        };
        db.Deliveries.Add(delivery);
        db.StockMovements.Add(new StockMovement
        {
            WarehouseId = warehouse, Grade = CocoaGrade.GradeI, Kind = StockMovementKind.DeliveryIn, QuantityKg = netKg, DeliveryId = delivery.Id, ActorId = actor, At = Now,
        });
        await db.SaveChangesAsync();
        return delivery.Id;
    }

    /// <summary>A lot formed from <paramref name="deliveries"/> (their weights given), as the lots' mutations would leave it.</summary>
    public async Task<Guid> LotAsync(Guid cooperative, Guid warehouse, string code, params (Guid Delivery, decimal WeightKg)[] deliveries)
    {
        await using var db = Context();
        var total = deliveries.Sum(d => d.WeightKg);
        var lot = new Lot
        {
            CooperativeId = cooperative, Code = code, Grade = CocoaGrade.GradeI, WarehouseId = warehouse, InitialWeightKg = total,
            RemainingWeightKg = total, TraceCode = TraceCodes.New(), CreatedAt = Now, UpdatedAt = Now,
        };
        db.Lots.Add(lot);
        foreach (var (delivery, weight) in deliveries)
        {
            db.LotDeliveries.Add(new LotDelivery { LotId = lot.Id, DeliveryId = delivery, WeightKg = weight });
        }
        await db.SaveChangesAsync();
        return lot.Id;
    }
}
