using System.Net;
using System.Text.Json;
using Graph.Api.Deliveries;
using Graph.Api.Identity;
using Graph.Api.Tests.GraphQL;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Graph.Api.Tests.Deliveries.RegistryTestKit;

namespace Graph.Api.Tests.Deliveries;

/// <summary>The registry of CocoaTrack through the graph: cooperatives and their managers, planters and chief planters,
/// plots, warehouses; who sees and changes what; and the EUDR export of a lot.</summary>
public sealed class RegistryTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string PointSoubre = """{"type":"Point","coordinates":[-6.591234, 5.781234]}""";
    private const string SquareSoubre = """{"type":"Polygon","coordinates":[[[-6.600000,5.800000],[-6.598000,5.800000],[-6.598000,5.801000],[-6.600000,5.801000],[-6.600000,5.800000]]]}""";

    private RegistryTestKit _kit = null!;

    public Task InitializeAsync()
    {
        _kit = new RegistryTestKit(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    private static string Id(string type, Guid key) => GlobalIds.Of(type, key);

    [Fact]
    public async Task An_admin_creates_a_cooperative_with_an_upper_cased_unique_code()
    {
        var admin = await _kit.UserAsync("Admin", PlatformRole.Admin);
        var code = "scas-" + Guid.NewGuid().ToString("N")[..8];

        var created = await _kit.MutateAsync("createCooperative", "CreateCooperativeInput",
            new { name = "  SCAS Soubré ", code, country = "ci", region = "Nawa" }, "cooperative { id name code country region currency }", admin, Admin);
        var again = await _kit.MutateAsync("createCooperative", "CreateCooperativeInput",
            new { name = "Autre", code = code.ToUpperInvariant() }, "cooperative { id }", admin, Admin);

        Assert.Empty(Codes(created));
        var cooperative = created.GetProperty("cooperative");
        Assert.Equal("SCAS Soubré", cooperative.GetProperty("name").GetString());
        Assert.Equal(code.ToUpperInvariant(), cooperative.GetProperty("code").GetString());
        Assert.Equal("CI", cooperative.GetProperty("country").GetString());
        Assert.Equal("XOF", cooperative.GetProperty("currency").GetString());
        Assert.Equal(["COOPERATIVE_CODE_TAKEN"], Codes(again));
        Assert.Equal(JsonValueKind.Null, again.GetProperty("cooperative").ValueKind);
    }

    [Fact]
    public async Task A_cooperative_input_reports_every_broken_rule_at_once()
    {
        var admin = await _kit.UserAsync("Admin", PlatformRole.Admin);

        var payload = await _kit.MutateAsync("createCooperative", "CreateCooperativeInput",
            new { name = " ", code = "SCAS SOUBRÉ", country = "CIV" }, "cooperative { id }", admin, Admin);

        Assert.Equal([("INVALID_REGISTRY_INPUT", "name"), ("INVALID_REGISTRY_INPUT", "code"), ("INVALID_REGISTRY_INPUT", "country")], Fields(payload));
    }

    [Fact]
    public async Task Only_an_admin_creates_cooperatives_and_names_managers()
    {
        var manager = await _kit.UserAsync("Gérant", PlatformRole.CooperativeManager);
        var cooperative = await _kit.CooperativeAsync("Coop", manager);

        var create = await _kit.SendAsync("mutation { createCooperative(input: { name: \"X\", code: \"X1\" }) { cooperative { id } } }", null, manager, Manager);
        var add = await _kit.SendAsync("mutation($c: ID!, $u: ID!) { addCooperativeManager(input: { cooperativeId: $c, userId: $u }) { cooperative { id } } }",
            new { c = Id("Cooperative", cooperative), u = Id("User", manager) }, manager, Manager);

        Assert.Equal("AUTH_NOT_AUTHORIZED", create.ErrorCode);
        Assert.Equal("AUTH_NOT_AUTHORIZED", add.ErrorCode);
    }

    [Fact]
    public async Task Managers_are_named_among_users_holding_the_role_and_shown_to_admins_and_managers_only()
    {
        var admin = await _kit.UserAsync("Admin", PlatformRole.Admin);
        var awa = await _kit.UserAsync("Awa Koné", PlatformRole.CooperativeManager);
        var reader = await _kit.UserAsync("Lecteur", PlatformRole.Reader);
        var cooperative = await _kit.CooperativeAsync("Coop des gérants");
        var input = (Guid user) => new { cooperativeId = Id("Cooperative", cooperative), userId = Id("User", user) };
        const string selection = "cooperative { managers { addedAt user { id displayName } } }";

        var withoutRole = await _kit.MutateAsync("addCooperativeManager", "CooperativeManagerInput", input(reader), selection, admin, Admin);
        var unknown = await _kit.MutateAsync("addCooperativeManager", "CooperativeManagerInput", input(Guid.NewGuid()), selection, admin, Admin);
        var added = await _kit.MutateAsync("addCooperativeManager", "CooperativeManagerInput", input(awa), selection, admin, Admin);
        var twice = await _kit.MutateAsync("addCooperativeManager", "CooperativeManagerInput", input(awa), selection, admin, Admin);

        Assert.Equal(["COOPERATIVE_MANAGER_ROLE_REQUIRED"], Codes(withoutRole));
        Assert.Equal(["USER_NOT_FOUND"], Codes(unknown));
        Assert.Empty(Codes(added));
        Assert.Equal("Awa Koné", Assert.Single(added.GetProperty("cooperative").GetProperty("managers").EnumerateArray()).GetProperty("user").GetProperty("displayName").GetString());
        Assert.Equal(["ALREADY_COOPERATIVE_MANAGER"], Codes(twice));

        // The manager sees the managers; an analyst sees the cooperative but not who manages it.
        const string read = "query($id: ID!) { cooperative(id: $id) { name managers { user { id } } } }";
        var asManager = RegistryTestKit.Data(await _kit.SendAsync(read, new { id = Id("Cooperative", cooperative) }, awa, Manager)).GetProperty("cooperative");
        var asAnalyst = RegistryTestKit.Data(await _kit.SendAsync(read, new { id = Id("Cooperative", cooperative) }, await _kit.UserAsync("Analyste"), Analyst)).GetProperty("cooperative");
        Assert.Single(asManager.GetProperty("managers").EnumerateArray());
        Assert.Equal("Coop des gérants", asAnalyst.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, asAnalyst.GetProperty("managers").ValueKind);

        var removed = await _kit.MutateAsync("removeCooperativeManager", "CooperativeManagerInput", input(awa), selection, admin, Admin);
        var removedAgain = await _kit.MutateAsync("removeCooperativeManager", "CooperativeManagerInput", input(awa), selection, admin, Admin);
        Assert.Empty(Codes(removed));
        Assert.Empty(removed.GetProperty("cooperative").GetProperty("managers").EnumerateArray());
        Assert.Equal(["NOT_COOPERATIVE_MANAGER"], Codes(removedAgain));
        // No longer a manager: the cooperative is out of sight.
        Assert.Equal(JsonValueKind.Null, RegistryTestKit.Data(await _kit.SendAsync(read, new { id = Id("Cooperative", cooperative) }, awa, Manager)).GetProperty("cooperative").ValueKind);
    }

    [Fact]
    public async Task A_manager_updates_their_cooperative_but_not_another()
    {
        var manager = await _kit.UserAsync("Gérant", PlatformRole.CooperativeManager);
        var mine = await _kit.CooperativeAsync("Ancienne", manager);
        var other = await _kit.CooperativeAsync("Autre");

        var updated = await _kit.MutateAsync("updateCooperative", "UpdateCooperativeInput",
            new { cooperativeId = Id("Cooperative", mine), name = "Nouvelle", region = "Haut-Sassandra" }, "cooperative { name region }", manager, Manager);
        var refused = await _kit.MutateAsync("updateCooperative", "UpdateCooperativeInput",
            new { cooperativeId = Id("Cooperative", other), name = "Prise" }, "cooperative { name }", manager, Manager);

        Assert.Equal("Nouvelle", updated.GetProperty("cooperative").GetProperty("name").GetString());
        Assert.Equal("Haut-Sassandra", updated.GetProperty("cooperative").GetProperty("region").GetString());
        Assert.Equal([("COOPERATIVE_NOT_FOUND", "cooperativeId")], Fields(refused));
        await using var db = _kit.Context();
        Assert.Equal("Autre", await db.Cooperatives.Where(c => c.Id == other).Select(c => c.Name).SingleAsync());
    }

    [Fact]
    public async Task A_manager_adds_planters_under_a_chief_with_a_normalised_phone()
    {
        var manager = await _kit.UserAsync("Gérant", PlatformRole.CooperativeManager);
        var cooperative = await _kit.CooperativeAsync("Coop", manager);
        const string selection = "planter { id fullName phone village isChief chief { id fullName } cooperative { id } }";

        var chief = await _kit.MutateAsync("createPlanter", "CreatePlanterInput",
            new { cooperativeId = Id("Cooperative", cooperative), fullName = "Koffi Yao", phone = "+225 07 01 02 03 04", village = "Gagnoa" }, selection, manager, Manager);
        var chiefId = chief.GetProperty("planter").GetProperty("id").GetString();
        var member = await _kit.MutateAsync("createPlanter", "CreatePlanterInput",
            new { cooperativeId = Id("Cooperative", cooperative), fullName = "Aya Kouassi", chiefId }, selection, manager, Manager);
        var bad = await _kit.MutateAsync("createPlanter", "CreatePlanterInput",
            new { cooperativeId = Id("Cooperative", cooperative), fullName = "", phone = "07 01", chiefId = member.GetProperty("planter").GetProperty("id").GetString() },
            selection, manager, Manager);

        Assert.Empty(Codes(chief));
        Assert.Equal("+2250701020304", chief.GetProperty("planter").GetProperty("phone").GetString());
        Assert.Equal(Id("Cooperative", cooperative), chief.GetProperty("planter").GetProperty("cooperative").GetProperty("id").GetString());
        Assert.Equal(chiefId, member.GetProperty("planter").GetProperty("chief").GetProperty("id").GetString());
        // Every rule at once: the name, the phone, and a chief who is under a chief himself.
        Assert.Equal([("INVALID_REGISTRY_INPUT", "fullName"), ("INVALID_REGISTRY_INPUT", "phone"), ("CHIEF_HAS_CHIEF", "chiefId")], Fields(bad));
        // A NUL (which PostgreSQL refuses to store) is the input's fault, reported as such, with nothing written.
        var nul = await _kit.MutateAsync("createPlanter", "CreatePlanterInput",
            new { cooperativeId = Id("Cooperative", cooperative), fullName = "Aya\u0000", village = "Ga\u0007gnoa" }, selection, manager, Manager);
        Assert.Equal([("INVALID_REGISTRY_INPUT", "fullName"), ("INVALID_REGISTRY_INPUT", "village")], Fields(nul));

        var read = RegistryTestKit.Data(await _kit.SendAsync("query($id: ID!) { planter(id: $id) { isChief members { fullName } chief { id } } }", new { id = chiefId }, manager, Manager))
            .GetProperty("planter");
        Assert.True(read.GetProperty("isChief").GetBoolean());
        Assert.Equal(["Aya Kouassi"], read.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("fullName").GetString()));
    }

    [Fact]
    public async Task Chiefs_stay_one_level_deep_and_cycles_are_refused()
    {
        var manager = await _kit.UserAsync("Gérant", PlatformRole.CooperativeManager);
        var cooperative = await _kit.CooperativeAsync("Coop", manager);
        var other = await _kit.CooperativeAsync("Voisine");
        var chief = await _kit.PlanterAsync(cooperative, "Chef");
        var member = await _kit.PlanterAsync(cooperative, "Membre", chief);
        var loner = await _kit.PlanterAsync(cooperative, "Seul");
        var stranger = await _kit.PlanterAsync(other, "Étranger");
        Task<JsonElement> Update(Guid planter, object changes) => _kit.MutateAsync("updatePlanter", "UpdatePlanterInput",
            Merge(new Dictionary<string, object?> { ["planterId"] = Id("Planter", planter) }, changes), "planter { chief { id } }", manager, Manager);

        // The chief under his own member: a cycle. Both reasons are given.
        Assert.Equal(["CHIEF_HAS_CHIEF", "PLANTER_HAS_MEMBERS"], Codes(await Update(chief, new { chiefId = Id("Planter", member) })));
        // The chief under another planter: a chief gets no chief.
        Assert.Equal(["PLANTER_HAS_MEMBERS"], Codes(await Update(chief, new { chiefId = Id("Planter", loner) })));
        Assert.Equal(["CHIEF_IS_SELF"], Codes(await Update(loner, new { chiefId = Id("Planter", loner) })));
        Assert.Equal(["CHIEF_NOT_FOUND"], Codes(await Update(loner, new { chiefId = Id("Planter", stranger) })));
        Assert.Equal(["CHIEF_HAS_CHIEF"], Codes(await Update(loner, new { chiefId = Id("Planter", member) })));

        // Moving the member to another chief, then detaching him.
        var moved = await Update(member, new { chiefId = Id("Planter", loner) });
        Assert.Equal(Id("Planter", loner), moved.GetProperty("planter").GetProperty("chief").GetProperty("id").GetString());
        var detached = await Update(member, new { removeChief = true });
        Assert.Equal(JsonValueKind.Null, detached.GetProperty("planter").GetProperty("chief").ValueKind);
        // The old chief has no members left, so he may now join a chief.
        Assert.Empty(Codes(await Update(chief, new { chiefId = Id("Planter", loner) })));

        await using var db = _kit.Context();
        Assert.Equal(loner, await db.Planters.Where(p => p.Id == chief).Select(p => p.ChiefId).SingleAsync());
        Assert.Null(await db.Planters.Where(p => p.Id == member).Select(p => p.ChiefId).SingleAsync());
    }

    [Fact]
    public async Task Two_opposite_chief_changes_at_once_never_build_two_levels()
    {
        var manager = await _kit.UserAsync("Gérant", PlatformRole.CooperativeManager);
        var cooperative = await _kit.CooperativeAsync("Coop", manager);
        for (var round = 0; round < 5; round++)
        {
            var a = await _kit.PlanterAsync(cooperative, "A" + round);
            var b = await _kit.PlanterAsync(cooperative, "B" + round);
            // A under B and B under A, at the same time: at most one can pass.
            var results = await Task.WhenAll(
                _kit.MutateAsync("updatePlanter", "UpdatePlanterInput", new { planterId = Id("Planter", a), chiefId = Id("Planter", b) }, "planter { id }", manager, Manager),
                _kit.MutateAsync("updatePlanter", "UpdatePlanterInput", new { planterId = Id("Planter", b), chiefId = Id("Planter", a) }, "planter { id }", manager, Manager));

            Assert.Equal(1, results.Count(r => Codes(r).Count == 0));
            await using var db = _kit.Context();
            Assert.Equal(1, await db.Planters.CountAsync(p => (p.Id == a || p.Id == b) && p.ChiefId != null));
        }
    }

    [Fact]
    public async Task A_planters_phone_is_shown_to_admins_and_the_cooperatives_managers_only()
    {
        var manager = await _kit.UserAsync("Gérant", PlatformRole.CooperativeManager);
        var cooperative = await _kit.CooperativeAsync("Coop", manager);
        var planter = await _kit.PlanterAsync(cooperative, "Koffi", phone: "+2250701020304");
        const string read = "query($id: ID!) { planter(id: $id) { fullName phone } }";
        var variables = new { id = Id("Planter", planter) };

        var asManager = RegistryTestKit.Data(await _kit.SendAsync(read, variables, manager, Manager)).GetProperty("planter");
        var asAdmin = RegistryTestKit.Data(await _kit.SendAsync(read, variables, await _kit.UserAsync("Admin"), Admin)).GetProperty("planter");
        var asAnalyst = RegistryTestKit.Data(await _kit.SendAsync(read, variables, await _kit.UserAsync("Analyste"), Analyst)).GetProperty("planter");
        var asSupport = RegistryTestKit.Data(await _kit.SendAsync(read, variables, await _kit.UserAsync("Support"), PlatformRoles.SupportName)).GetProperty("planter");

        Assert.Equal("+2250701020304", asManager.GetProperty("phone").GetString());
        Assert.Equal("+2250701020304", asAdmin.GetProperty("phone").GetString());
        Assert.Equal("Koffi", asAnalyst.GetProperty("fullName").GetString());
        Assert.Equal(JsonValueKind.Null, asAnalyst.GetProperty("phone").ValueKind);
        Assert.Equal(JsonValueKind.Null, asSupport.GetProperty("phone").ValueKind);
    }

    [Fact]
    public async Task A_manager_of_another_cooperative_sees_and_changes_nothing_of_it()
    {
        var mine = await _kit.UserAsync("Gérant A", PlatformRole.CooperativeManager);
        var theirs = await _kit.UserAsync("Gérant B", PlatformRole.CooperativeManager);
        var cooperative = await _kit.CooperativeAsync("Coop A", mine);
        await _kit.CooperativeAsync("Coop B", theirs);
        var planter = await _kit.PlanterAsync(cooperative, "Koffi");
        var plot = await _kit.PlotAsync(planter, "Champ", PointSoubre, 2m);
        var warehouse = await _kit.WarehouseAsync(cooperative, "Magasin", 10_000m);
        var list = $$"""
            {
              cooperatives(first: 50) { nodes { id } }
              planters(cooperativeId: "{{Id("Cooperative", cooperative)}}") { totalCount }
              plots(planterId: "{{Id("Planter", planter)}}") { totalCount }
              warehouses(cooperativeId: "{{Id("Cooperative", cooperative)}}") { totalCount }
              cooperative(id: "{{Id("Cooperative", cooperative)}}") { id }
              planter(id: "{{Id("Planter", planter)}}") { id }
              plot(id: "{{Id("Plot", plot)}}") { id }
              warehouse(id: "{{Id("Warehouse", warehouse)}}") { id }
              nodes(ids: ["{{Id("Cooperative", cooperative)}}", "{{Id("Planter", planter)}}", "{{Id("Plot", plot)}}", "{{Id("Warehouse", warehouse)}}"]) { id }
            }
            """;

        var seenByMine = RegistryTestKit.Data(await _kit.SendAsync(list, null, mine, Manager));
        var seenByTheirs = RegistryTestKit.Data(await _kit.SendAsync(list, null, theirs, Manager));

        Assert.Contains(Id("Cooperative", cooperative), seenByMine.GetProperty("cooperatives").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()));
        Assert.Equal(1, seenByMine.GetProperty("planters").GetProperty("totalCount").GetInt32());
        Assert.Equal(1, seenByMine.GetProperty("plots").GetProperty("totalCount").GetInt32());
        Assert.Equal(1, seenByMine.GetProperty("warehouses").GetProperty("totalCount").GetInt32());
        Assert.All(seenByMine.GetProperty("nodes").EnumerateArray(), n => Assert.Equal(JsonValueKind.Object, n.ValueKind));

        Assert.DoesNotContain(Id("Cooperative", cooperative), seenByTheirs.GetProperty("cooperatives").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()));
        Assert.Equal(0, seenByTheirs.GetProperty("planters").GetProperty("totalCount").GetInt32());
        Assert.Equal(0, seenByTheirs.GetProperty("plots").GetProperty("totalCount").GetInt32());
        Assert.Equal(0, seenByTheirs.GetProperty("warehouses").GetProperty("totalCount").GetInt32());
        foreach (var single in new[] { "cooperative", "planter", "plot", "warehouse" })
        {
            Assert.Equal(JsonValueKind.Null, seenByTheirs.GetProperty(single).ValueKind);
        }
        Assert.All(seenByTheirs.GetProperty("nodes").EnumerateArray(), n => Assert.Equal(JsonValueKind.Null, n.ValueKind));

        // Nor change it: every write answers "not found", as for an ID that does not exist.
        Assert.Equal(["COOPERATIVE_NOT_FOUND"], Codes(await _kit.MutateAsync("createPlanter", "CreatePlanterInput",
            new { cooperativeId = Id("Cooperative", cooperative), fullName = "Intrus" }, "planter { id }", theirs, Manager)));
        Assert.Equal(["PLANTER_NOT_FOUND"], Codes(await _kit.MutateAsync("updatePlanter", "UpdatePlanterInput",
            new { planterId = Id("Planter", planter), fullName = "Intrus" }, "planter { id }", theirs, Manager)));
        Assert.Equal(["PLANTER_NOT_FOUND"], Codes(await _kit.MutateAsync("createPlot", "CreatePlotInput",
            new { planterId = Id("Planter", planter), name = "Intrus", geoJson = PointSoubre, declaredAreaHectares = 1 }, "plot { id }", theirs, Manager)));
        Assert.Equal(["PLOT_NOT_FOUND"], Codes(await _kit.MutateAsync("updatePlot", "UpdatePlotInput",
            new { plotId = Id("Plot", plot), name = "Intrus" }, "plot { id }", theirs, Manager)));
        Assert.Equal(["COOPERATIVE_NOT_FOUND"], Codes(await _kit.MutateAsync("createWarehouse", "CreateWarehouseInput",
            new { cooperativeId = Id("Cooperative", cooperative), name = "Intrus", capacityKg = 10 }, "warehouse { id }", theirs, Manager)));
        Assert.Equal(["WAREHOUSE_NOT_FOUND"], Codes(await _kit.MutateAsync("updateWarehouse", "UpdateWarehouseInput",
            new { warehouseId = Id("Warehouse", warehouse), capacityKg = 1 }, "warehouse { id }", theirs, Manager)));
        await using var db = _kit.Context();
        Assert.Equal("Koffi", await db.Planters.Where(p => p.Id == planter).Select(p => p.FullName).SingleAsync());
        Assert.Equal(1, await db.Planters.CountAsync(p => p.CooperativeId == cooperative));
    }

    [Fact]
    public async Task A_reader_is_refused_the_registry()
    {
        var reader = await _kit.UserAsync("Lecteur", PlatformRole.Reader);

        var response = await _kit.SendAsync("{ planters(first: 5) { nodes { id } } }", null, reader, PlatformRoles.ReaderName);

        Assert.Equal("AUTH_NOT_AUTHORIZED", response.ErrorCode);
    }

    [Fact]
    public async Task Plots_are_created_from_checked_geometries_and_give_back_their_GeoJSON()
    {
        var manager = await _kit.UserAsync("Gérant", PlatformRole.CooperativeManager);
        var cooperative = await _kit.CooperativeAsync("Coop", manager);
        var planter = await _kit.PlanterAsync(cooperative, "Koffi");
        const string selection = "plot { id name kind areaHectares latitude longitude geometry planter { fullName } }";

        var point = await _kit.MutateAsync("createPlot", "CreatePlotInput",
            new { planterId = Id("Planter", planter), name = "Bas-fond", geoJson = PointSoubre, declaredAreaHectares = 1.75m }, selection, manager, Manager);
        var polygon = await _kit.MutateAsync("createPlot", "CreatePlotInput",
            new { planterId = Id("Planter", planter), name = "Colline", geoJson = SquareSoubre }, selection, manager, Manager);
        var bowTie = await _kit.MutateAsync("createPlot", "CreatePlotInput",
            new
            {
                planterId = Id("Planter", planter), name = "",
                geoJson = """{"type":"Polygon","coordinates":[[[-6.600000,5.800000],[-6.598000,5.802000],[-6.598000,5.800000],[-6.600000,5.802000],[-6.600000,5.800000]]]}""",
            }, selection, manager, Manager);
        var bigPoint = await _kit.MutateAsync("createPlot", "CreatePlotInput",
            new { planterId = Id("Planter", planter), name = "Grand champ", geoJson = """{"type":"Point","coordinates":[-6.59, 5.78]}""", declaredAreaHectares = 6 }, selection, manager, Manager);

        Assert.Empty(Codes(point));
        var pointPlot = point.GetProperty("plot");
        Assert.Equal("POINT", pointPlot.GetProperty("kind").GetString());
        Assert.Equal(1.75m, pointPlot.GetProperty("areaHectares").GetDecimal());
        Assert.Equal(5.781234, pointPlot.GetProperty("latitude").GetDouble());
        Assert.Equal("Point", pointPlot.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal("Koffi", pointPlot.GetProperty("planter").GetProperty("fullName").GetString());

        Assert.Empty(Codes(polygon));
        var polygonPlot = polygon.GetProperty("plot");
        Assert.Equal("POLYGON", polygonPlot.GetProperty("kind").GetString());
        Assert.InRange(polygonPlot.GetProperty("areaHectares").GetDecimal(), 2.44m, 2.46m);
        Assert.Equal(5.8005, polygonPlot.GetProperty("latitude").GetDouble(), 7);
        Assert.Equal(5, polygonPlot.GetProperty("geometry").GetProperty("coordinates")[0].GetArrayLength());

        Assert.Equal([("INVALID_REGISTRY_INPUT", "name"), ("SELF_INTERSECTION", "geoJson")], Fields(bowTie));
        Assert.Equal([("COORDINATE_PRECISION_TOO_LOW", "geoJson"), ("POINT_AREA_TOO_LARGE", "declaredAreaHectares")], Fields(bigPoint));

        // The stored text is what was checked, and reads back through jsonb to the same digits.
        await using var db = _kit.Context();
        var stored = await db.Plots.Where(p => p.PlanterId == planter).OrderBy(p => p.Name).Select(p => p.GeoJson).ToListAsync();
        Assert.Equal(2, stored.Count);
        Assert.Contains("-6.600000", stored[1], StringComparison.Ordinal);
        var expected = PlotGeometry.Check(SquareSoubre, null).Shape!;
        var reread = PlotGeometry.Check(stored[1], null).Shape!;
        Assert.Equal((expected.Kind, expected.AreaHectares, expected.Latitude, expected.Longitude), (reread.Kind, reread.AreaHectares, reread.Latitude, reread.Longitude));
    }

    [Fact]
    public async Task A_plot_update_checks_the_geometry_and_the_declared_area_again()
    {
        var manager = await _kit.UserAsync("Gérant", PlatformRole.CooperativeManager);
        var cooperative = await _kit.CooperativeAsync("Coop", manager);
        var planter = await _kit.PlanterAsync(cooperative, "Koffi");
        var plot = await _kit.PlotAsync(planter, "Champ", PointSoubre, 2m);
        const string selection = "plot { kind areaHectares latitude }";
        Task<JsonElement> Update(object changes) => _kit.MutateAsync("updatePlot", "UpdatePlotInput",
            Merge(new Dictionary<string, object?> { ["plotId"] = Id("Plot", plot) }, changes), selection, manager, Manager);

        Assert.Equal(["POINT_AREA_TOO_LARGE"], Codes(await Update(new { declaredAreaHectares = 5 })));
        var area = await Update(new { declaredAreaHectares = 3.5m });
        Assert.Equal(3.5m, area.GetProperty("plot").GetProperty("areaHectares").GetDecimal());
        Assert.Equal(["RING_NOT_CLOSED"], Codes(await Update(new
        {
            geoJson = """{"type":"Polygon","coordinates":[[[-6.600000,5.800000],[-6.598000,5.800000],[-6.598000,5.801000],[-6.600000,5.801000]]]}""",
        })));
        var outlined = await Update(new { geoJson = SquareSoubre });
        Assert.Equal("POLYGON", outlined.GetProperty("plot").GetProperty("kind").GetString());
        Assert.InRange(outlined.GetProperty("plot").GetProperty("areaHectares").GetDecimal(), 2.44m, 2.46m);

        // The same outline again (in a Feature, clockwise) changes nothing: no write, no audit entry.
        await using var db = _kit.Context();
        var before = await db.Plots.AsNoTracking().SingleAsync(p => p.Id == plot);
        var audited = await db.AuditEntries.CountAsync(a => a.EntityId == plot.ToString());
        Assert.True(audited > 0, "The earlier changes of the plot are audited.");
        var same = await Update(new
        {
            geoJson = """{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[-6.600000,5.800000],[-6.600000,5.801000],[-6.598000,5.801000],[-6.598000,5.800000],[-6.600000,5.800000]]]}}""",
        });
        Assert.Empty(Codes(same));
        var after = await db.Plots.AsNoTracking().SingleAsync(p => p.Id == plot);
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
        Assert.Equal(before.GeoJson, after.GeoJson);
        Assert.Equal(audited, await db.AuditEntries.CountAsync(a => a.EntityId == plot.ToString()));
    }

    [Fact]
    public async Task Warehouses_keep_unique_names_and_a_capacity_not_below_their_stock()
    {
        var manager = await _kit.UserAsync("Gérant", PlatformRole.CooperativeManager);
        var cooperative = await _kit.CooperativeAsync("Coop", manager);
        const string selection = "warehouse { id name capacityKg cooperative { id } }";

        var created = await _kit.MutateAsync("createWarehouse", "CreateWarehouseInput",
            new { cooperativeId = Id("Cooperative", cooperative), name = "Magasin central", location = "Soubré", capacityKg = 50_000 }, selection, manager, Manager);
        var duplicate = await _kit.MutateAsync("createWarehouse", "CreateWarehouseInput",
            new { cooperativeId = Id("Cooperative", cooperative), name = "Magasin central", capacityKg = 0 }, selection, manager, Manager);
        Assert.Empty(Codes(created));
        Assert.Equal(Id("Cooperative", cooperative), created.GetProperty("warehouse").GetProperty("cooperative").GetProperty("id").GetString());
        Assert.Equal([("INVALID_REGISTRY_INPUT", "capacityKg"), ("WAREHOUSE_NAME_TAKEN", "name")], Fields(duplicate));

        var warehouse = GlobalIds.KeyOf(created.GetProperty("warehouse").GetProperty("id").GetString()!);
        var planter = await _kit.PlanterAsync(cooperative, "Koffi");
        var plot = await _kit.PlotAsync(planter, "Champ", PointSoubre, 2m);
        await _kit.DeliveryAsync(cooperative, planter, plot, warehouse, new DateOnly(2026, 10, 5), 800.5m, manager);
        await _kit.DeliveryAsync(cooperative, planter, plot, warehouse, new DateOnly(2026, 10, 6), 1_200m, manager);

        var below = await _kit.MutateAsync("updateWarehouse", "UpdateWarehouseInput",
            new { warehouseId = Id("Warehouse", warehouse), capacityKg = 2_000 }, selection, manager, Manager);
        var error = Assert.Single(below.GetProperty("errors").EnumerateArray());
        Assert.Equal("CAPACITY_BELOW_STOCK", error.GetProperty("code").GetString());
        Assert.Equal("capacityKg", error.GetProperty("field").GetString());
        Assert.Equal(2_000.5m, error.GetProperty("stockKg").GetDecimal());

        var exact = await _kit.MutateAsync("updateWarehouse", "UpdateWarehouseInput",
            new { warehouseId = Id("Warehouse", warehouse), capacityKg = 2_000.5m, name = "Magasin de Soubré" }, selection, manager, Manager);
        Assert.Empty(Codes(exact));
        Assert.Equal(2_000.5m, exact.GetProperty("warehouse").GetProperty("capacityKg").GetDecimal());
        Assert.Equal("Magasin de Soubré", exact.GetProperty("warehouse").GetProperty("name").GetString());

        var listed = RegistryTestKit.Data(await _kit.SendAsync("query($id: ID!) { cooperative(id: $id) { warehouses { name } planters { totalCount nodes { fullName plots { name } } } } }",
            new { id = Id("Cooperative", cooperative) }, manager, Manager)).GetProperty("cooperative");
        Assert.Equal(["Magasin de Soubré"], listed.GetProperty("warehouses").EnumerateArray().Select(w => w.GetProperty("name").GetString()));
        Assert.Equal("Champ", listed.GetProperty("planters").GetProperty("nodes")[0].GetProperty("plots")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_EUDR_export_of_a_lot_lists_its_plots_with_their_deliveries()
    {
        var manager = await _kit.UserAsync("Gérant", PlatformRole.CooperativeManager);
        var outsider = await _kit.UserAsync("Autre gérant", PlatformRole.CooperativeManager);
        var cooperative = await _kit.CooperativeAsync("Coop", manager);
        await _kit.CooperativeAsync("Autre", outsider);
        var warehouse = await _kit.WarehouseAsync(cooperative, "Magasin", 100_000m);
        var koffi = await _kit.PlanterAsync(cooperative, "Koffi Yao");
        var aya = await _kit.PlanterAsync(cooperative, "Aya Kouassi");
        var bottom = await _kit.PlotAsync(koffi, "Bas-fond", PointSoubre, 1.5m);
        var hill = await _kit.PlotAsync(aya, "Colline", SquareSoubre);
        var unrelated = await _kit.PlotAsync(aya, "Jachère", """{"type":"Point","coordinates":[-6.581234, 5.791234]}""", 1m);
        var first = await _kit.DeliveryAsync(cooperative, koffi, bottom, warehouse, new DateOnly(2026, 10, 5), 400m, manager);
        var second = await _kit.DeliveryAsync(cooperative, koffi, bottom, warehouse, new DateOnly(2026, 10, 3), 250.5m, manager);
        var third = await _kit.DeliveryAsync(cooperative, aya, hill, warehouse, new DateOnly(2026, 10, 4), 1_000m, manager);
        await _kit.DeliveryAsync(cooperative, aya, unrelated, warehouse, new DateOnly(2026, 10, 4), 90m, manager);
        var code = "COOP-2026-" + Guid.NewGuid().ToString("N")[..6];
        var lot = await _kit.LotAsync(cooperative, warehouse, code, (first, 400m), (second, 250.5m), (third, 1_000m));
        var url = $"/deliveries/lots/{Uri.EscapeDataString(Id("Lot", lot))}/eudr.geojson";

        using var response = await _kit.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, url).As(manager, "Gérant", Manager));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var collection = JsonDocument.Parse(text).RootElement;
        Assert.Equal("FeatureCollection", collection.GetProperty("type").GetString());
        var features = collection.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(2, features.Count);
        // By producer: Aya Kouassi's hill, then Koffi Yao's bottom land.
        var hillFeature = features[0];
        Assert.Equal("Polygon", hillFeature.GetProperty("geometry").GetProperty("type").GetString());
        var hillProperties = hillFeature.GetProperty("properties");
        Assert.Equal("Aya Kouassi", hillProperties.GetProperty("ProducerName").GetString());
        Assert.Equal("CI", hillProperties.GetProperty("ProducerCountry").GetString());
        Assert.Equal("Colline", hillProperties.GetProperty("ProductionPlace").GetString());
        Assert.False(hillProperties.TryGetProperty("Area", out _));
        Assert.Equal(Id("Plot", hill), hillProperties.GetProperty("plotId").GetString());
        Assert.Equal(code, hillProperties.GetProperty("lotCode").GetString());
        Assert.Equal(1_000m, hillProperties.GetProperty("netWeightKg").GetDecimal());

        var bottomProperties = features[1].GetProperty("properties");
        Assert.Equal("Koffi Yao", bottomProperties.GetProperty("ProducerName").GetString());
        Assert.Equal(1.5m, bottomProperties.GetProperty("Area").GetDecimal());
        Assert.Equal(1.5m, bottomProperties.GetProperty("areaHectares").GetDecimal());
        Assert.Equal(650.5m, bottomProperties.GetProperty("netWeightKg").GetDecimal());
        Assert.Equal(
            [("2026-10-03", 250.5m), ("2026-10-05", 400m)],
            bottomProperties.GetProperty("deliveries").EnumerateArray().Select(d => (d.GetProperty("deliveredOn").GetString(), d.GetProperty("netWeightKg").GetDecimal())));
        Assert.Equal([-6.591234, 5.781234], features[1].GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()));

        // The same document in the graph.
        var field = RegistryTestKit.Data(await _kit.SendAsync("query($id: ID!) { node(id: $id) { ... on Lot { code eudrGeoJson } } }", new { id = Id("Lot", lot) }, manager, Manager))
            .GetProperty("node").GetProperty("eudrGeoJson");
        Assert.Equal(2, field.GetProperty("features").GetArrayLength());
        Assert.Equal("Aya Kouassi", field.GetProperty("features")[0].GetProperty("properties").GetProperty("ProducerName").GetString());

        // Not visible, unknown, not a lot's ID, not signed in.
        using var hidden = await _kit.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, url).As(outsider, "Autre", Manager));
        using var unknown = await _kit.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/deliveries/lots/{Uri.EscapeDataString(Id("Lot", Guid.NewGuid()))}/eudr.geojson").As(manager, "Gérant", Manager));
        using var notALot = await _kit.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/deliveries/lots/{Uri.EscapeDataString(Id("Plot", hill))}/eudr.geojson").As(manager, "Gérant", Manager));
        using var anonymous = await _kit.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notALot.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(JsonValueKind.Null, RegistryTestKit.Data(await _kit.SendAsync("query($id: ID!) { node(id: $id) { id } }", new { id = Id("Lot", lot) }, outsider, Manager))
            .GetProperty("node").ValueKind);
    }

    private static Dictionary<string, object?> Merge(Dictionary<string, object?> input, object changes)
    {
        foreach (var property in changes.GetType().GetProperties())
        {
            input[property.Name] = property.GetValue(changes);
        }
        return input;
    }
}
