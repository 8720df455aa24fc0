using Graph.Api.Common;
using Graph.Api.Data;
using Graph.Api.Deliveries;
using Graph.Api.Identity;
using Graph.Api.Tests.GraphQL;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Deliveries;

/// <summary>A cooperative with a warehouse, a chief planter with two members (one without village), and a plot each, as the
/// output tests insert them (straight into the database, without the mutations).</summary>
internal sealed record OutputsWorld(Guid Cooperative, Guid Warehouse, Guid Chief, Guid Member, Guid OtherMember, Guid ChiefPlot, Guid MemberPlot, Guid OtherPlot, Guid Recorder);

/// <summary>The server in memory over a test database, with what the output tests repeat: users, rows inserted directly,
/// requests as a user with roles or anonymous.</summary>
internal sealed class DeliveryOutputsKit(DatabaseFixture database, IReadOnlyDictionary<string, string?>? settings = null) : IAsyncDisposable
{
    public static readonly DateTime Now = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);

    private readonly GraphApiFactory _factory = new(database.ConnectionString, settings: settings, services: TestClients.Add);
    private HttpClient? _client;

    public DatabaseFixture Database => database;

    public GraphApiFactory Factory => _factory;

    public HttpClient Client => _client ??= _factory.CreateClient();

    public static string Id(string type, Guid key) => new Graph.GraphQL.Types.Relay.DefaultNodeIdSerializer().Format(type, key);

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await _factory.DisposeAsync();
    }

    public async Task<GraphQLHttpResponse> SendAsync(string query, object? variables, Guid? user, params string[] roles)
    {
        var request = GraphQLHttp.PostQuery(query, variables);
        return await Client.SendGraphQLAsync(user is { } id ? request.As(id, "Test", roles) : request);
    }

    public Task<HttpResponseMessage> GetAsync(string url, Guid? user = null, params string[] roles) => GetAsync(url, HttpCompletionOption.ResponseContentRead, user, roles);

    public async Task<HttpResponseMessage> GetAsync(string url, HttpCompletionOption completion, Guid? user = null, params string[] roles)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (user is { } id)
        {
            request.As(id, "Test", roles);
        }
        return await Client.SendAsync(request, completion);
    }

    public async Task<Guid> UserAsync(string displayName = "Gestionnaire")
    {
        await using var db = database.CreateContext();
        var user = new User
        {
            Email = $"{Guid.NewGuid():N}@cocoa.test",
            DisplayName = displayName,
            PreferredLanguage = PreferredLanguage.Fr,
            CreatedAt = Now,
            PasswordChangedAt = Now,
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    /// <summary>A user managing <paramref name="cooperative"/> (to send with the COOPERATIVE_MANAGER role).</summary>
    public async Task<Guid> ManagerAsync(Guid cooperative)
    {
        var user = await UserAsync();
        await using var db = database.CreateContext();
        db.CooperativeManagers.Add(new CooperativeManager { CooperativeId = cooperative, UserId = user, AddedAt = Now });
        await db.SaveChangesAsync();
        return user;
    }

    public async Task<OutputsWorld> WorldAsync(string name = "Coopérative de Soubré", Currency currency = Currency.XOF, string chiefName = "Koffi Yao", string memberName = "Aya Konan Marie")
    {
        var recorder = await UserAsync("Pesée");
        await using var db = database.CreateContext();
        var cooperative = new Cooperative
        {
            Name = name, Code = "C" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(), Region = "Nawa", Country = "CI", Currency = currency, CreatedAt = Now, UpdatedAt = Now,
        };
        db.Cooperatives.Add(cooperative);
        await db.SaveChangesAsync();
        var warehouse = new Warehouse { CooperativeId = cooperative.Id, Name = "Magasin central", Location = "Soubré", CapacityKg = 10_000_000m, CreatedAt = Now, UpdatedAt = Now };
        var chief = new Planter { CooperativeId = cooperative.Id, FullName = chiefName, Phone = "+2250701020304", Village = "Gnamangui", CreatedAt = Now, UpdatedAt = Now };
        db.Warehouses.Add(warehouse);
        db.Planters.Add(chief);
        await db.SaveChangesAsync();
        var member = new Planter { CooperativeId = cooperative.Id, FullName = memberName, Phone = "+2250505050505", Village = "Okrouyo", ChiefId = chief.Id, CreatedAt = Now, UpdatedAt = Now };
        var other = new Planter { CooperativeId = cooperative.Id, FullName = "Brou Kouadio", ChiefId = chief.Id, CreatedAt = Now, UpdatedAt = Now };
        db.Planters.AddRange(member, other);
        await db.SaveChangesAsync();
        var chiefPlot = Plot(chief.Id, "Parcelle du bas-fond", 2.5m, 5.784512, -6.602131);
        var memberPlot = Plot(member.Id, "Champ de la rivière", 3.1m, 5.791234, -6.611987);
        var otherPlot = Plot(other.Id, "Nouveau champ", 1.2m, 5.801, -6.62);
        db.Plots.AddRange(chiefPlot, memberPlot, otherPlot);
        await db.SaveChangesAsync();
        return new OutputsWorld(cooperative.Id, warehouse.Id, chief.Id, member.Id, other.Id, chiefPlot.Id, memberPlot.Id, otherPlot.Id, recorder);
    }

    private static Plot Plot(Guid planter, string name, decimal hectares, double latitude, double longitude) => new()
    {
        PlanterId = planter,
        Name = name,
        Kind = PlotGeometryKind.Point,
        GeoJson = $$"""{"type":"Point","coordinates":[{{longitude.ToString(System.Globalization.CultureInfo.InvariantCulture)}},{{latitude.ToString(System.Globalization.CultureInfo.InvariantCulture)}}]}""",
        AreaHectares = hectares,
        Latitude = latitude,
        Longitude = longitude,
        CreatedAt = Now,
        UpdatedAt = Now,
    };

    /// <summary>A delivery inserted as it stands (figures given, not computed), with a DELIVERY_RECORDED event when asked.</summary>
    public async Task<Delivery> DeliveryAsync(
        OutputsWorld world, Guid planter, Guid plot, DateOnly on, decimal gross, decimal tare, decimal payable, decimal price, decimal amount,
        DeliveryStatus status = DeliveryStatus.Validated, CocoaGrade grade = CocoaGrade.GradeI, Currency currency = Currency.XOF, Guid? warehouse = null,
        decimal moisture = 7.5m, bool traced = false)
    {
        await using var db = database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var delivery = new Delivery
        {
            CooperativeId = world.Cooperative,
            PlanterId = planter,
            PlotId = plot,
            WarehouseId = warehouse ?? world.Warehouse,
            DeliveredOn = on,
            GrossWeightKg = gross,
            TareKg = tare,
            NetWeightKg = gross - tare,
            MoisturePercent = moisture,
            PayableWeightKg = payable,
            Grade = grade,
            PricePerKg = new Money(price, currency),
            Amount = new Money(amount, currency),
            Status = status,
            RejectionReason = status == DeliveryStatus.Rejected ? "Fèves moisies" : null,
            TraceCode = TraceCodes.New(),
            RecordedBy = world.Recorder,
            RecordedAt = Now,
            ValidatedBy = status is DeliveryStatus.Validated or DeliveryStatus.Paid ? world.Recorder : null,
            ValidatedAt = status is DeliveryStatus.Validated or DeliveryStatus.Paid ? Now : null,
            PaidAt = status == DeliveryStatus.Paid ? Now : null,
            UpdatedAt = Now,
        };
        db.Deliveries.Add(delivery);
        if (traced)
        {
            await TraceChain.AppendAsync(db, world.Cooperative, TraceEventKind.DeliveryRecorded,
                new Dictionary<string, string> { ["grossWeightKg"] = TraceChain.Figure(gross), ["netWeightKg"] = TraceChain.Figure(gross - tare) },
                delivery.Id, null, world.Recorder, Now, default);
        }
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return delivery;
    }

    /// <summary>A lot formed from <paramref name="deliveries"/>, with a LOT_FORMED event.</summary>
    public async Task<Lot> LotAsync(OutputsWorld world, params Delivery[] deliveries)
    {
        await using var db = database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var weight = deliveries.Sum(d => d.NetWeightKg);
        var lot = new Lot
        {
            CooperativeId = world.Cooperative,
            Code = "LOT-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(),
            Grade = deliveries[0].Grade,
            WarehouseId = world.Warehouse,
            InitialWeightKg = weight,
            RemainingWeightKg = weight,
            TraceCode = TraceCodes.New(),
            CreatedAt = Now,
            UpdatedAt = Now,
        };
        db.Lots.Add(lot);
        foreach (var delivery in deliveries)
        {
            db.LotDeliveries.Add(new LotDelivery { LotId = lot.Id, DeliveryId = delivery.Id, WeightKg = delivery.NetWeightKg });
        }
        await TraceChain.AppendAsync(db, world.Cooperative, TraceEventKind.LotFormed,
            new Dictionary<string, string> { ["weightKg"] = TraceChain.Figure(weight), ["deliveries"] = deliveries.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            null, lot.Id, world.Recorder, Now.AddHours(1), default);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return lot;
    }
}
