using System.Globalization;
using Graph.Api.Common;
using Graph.Api.Deliveries;
using Graph.Api.Identity;
using Graph.Api.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Graph.Api.Data.Seed;

/// <summary>
/// The demo's cocoa (CocoaTrack): three cooperatives (two in Côte d'Ivoire, one in Togo) with their warehouses, chief
/// planters and their planters, plots outlined or pinned as the EUDR asks, and a season of deliveries behind the seeding day,
/// made through the same operations as the graph's mutations (<see cref="DeliveryOperations"/>), so every stock movement and
/// trace event is what the server itself would have written and every chain verifies: most deliveries validated, older ones
/// paid (a SUCCEEDED planter payment settled by the deliveries' own handler), a few rejected or corrected, recent ones still
/// RECORDED; older deliveries formed into lots by warehouse and grade, some moved to the other warehouse, some sold (one in
/// part). The cooperative manager of the demo accounts manages the two Ivorian cooperatives; the admin runs the Togolese one.
/// </summary>
internal static class DemoDeliveries
{
    private sealed record Site(string Name, string Code, string Country, string Region, double Latitude, double Longitude,
        (string Name, string Location, decimal CapacityKg)[] Warehouses, string[] Villages, string[] Chiefs, string[] Planters,
        decimal PricePerKg, bool ManagedByDemoManager);

    private static readonly Site[] Sites =
    [
        new("Société Coopérative Agricole de Soubré", "SCAS-SOUBRE", "CI", "Nawa", 5.785, -6.608,
            [("Magasin central de Soubré", "Soubré, route de Buyo", 400_000m), ("Magasin de Méagui", "Méagui, quartier Commerce", 120_000m)],
            ["Gnamangui", "Okrouyo", "Liliyo", "Grand-Zattry", "Buyo"],
            ["Koffi Yao", "Adjoua N'Guessan", "Bamba Souleymane"],
            ["Kouassi Kouadio", "Aya Konan", "Tanoh Brou", "Affoué Kra", "Yao N'Dri", "Konan Amani", "Akissi Kouamé", "Drissa Ouattara",
             "Mariam Coulibaly", "Sery Gnagne", "Bertin Zadi", "Odette Gbeuly"],
            1_800m, true),
        new("Coopérative Agricole de Daloa", "CADA-DALOA", "CI", "Haut-Sassandra", 6.877, -6.450,
            [("Entrepôt de Daloa", "Daloa, zone industrielle", 300_000m), ("Magasin de Zoukougbeu", "Zoukougbeu", 80_000m)],
            ["Gboguhé", "Bédiala", "Zaïbo", "Gadouan"],
            ["Gbalou Sery", "Fanta Diomandé"],
            ["Zahui Blé", "Guei Tapé", "Salimata Koné", "Honoré Gnahoré", "Lou Gohi", "Victorine Zamblé", "Issa Sanogo", "Clarisse Dago"],
            1_800m, true),
        new("Kpalimé Cacao Bio", "KCB-KPALIME", "TG", "Plateaux", 6.900, 0.630,
            [("Magasin de Kpalimé", "Kpalimé, route de Klouto", 150_000m)],
            ["Kuma-Konda", "Agou", "Danyi"],
            ["Kossi Agbeko"],
            ["Ama Dzifa", "Komlan Adjo", "Afi Mensah", "Yawo Kodjo", "Essi Amegah"],
            1_650m, false),
    ];

    /// <summary>How many days of deliveries the season holds, up to the seeding day.</summary>
    private const int SeasonDays = 100;

    public static async Task<bool> AddAsync(GraphDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        if (await db.Cooperatives.AnyAsync(c => c.Code == Sites[0].Code, cancellationToken))
        {
            return false;
        }
        var admin = await db.Users.SingleOrDefaultAsync(u => u.Email == "admin@graph.local", cancellationToken);
        var manager = await db.Users.SingleOrDefaultAsync(u => u.Email == "cooperative.manager@graph.local", cancellationToken);
        if (admin is null || manager is null)
        {
            return false;
        }
        // What the other parts of the demo added is saved (in the seeder's transaction) and let go: every SaveChanges below
        // detects changes over all tracked entities, and the season saves a few thousand times.
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        var random = new Random(12);
        var start = now.AddDays(-SeasonDays);
        foreach (var site in Sites)
        {
            var actorUser = site.ManagedByDemoManager ? manager : admin;
            var actor = new DeliveryActor(actorUser.Id, Admin: !site.ManagedByDemoManager, Manager: site.ManagedByDemoManager);
            var registry = AddRegistry(db, site, manager, random, start);
            // The season's operations read the registry back (and lock its rows): it is saved in the seeder's transaction.
            await db.SaveChangesAsync(cancellationToken);
            await AddSeasonAsync(db, site, registry, actor, random, now, cancellationToken);
        }
        return true;
    }

    private sealed record Registry(Cooperative Cooperative, Warehouse[] Warehouses, (Planter Planter, Plot[] Plots)[] Planters);

    private static Registry AddRegistry(GraphDbContext db, Site site, User manager, Random random, DateTime at)
    {
        var cooperative = new Cooperative
        {
            Id = Guid.CreateVersion7(at), Name = site.Name, Code = site.Code, Country = site.Country, Region = site.Region,
            Currency = Currency.XOF, CreatedAt = at, UpdatedAt = at,
        };
        db.Cooperatives.Add(cooperative);
        if (site.ManagedByDemoManager)
        {
            db.CooperativeManagers.Add(new CooperativeManager { CooperativeId = cooperative.Id, UserId = manager.Id, AddedAt = at });
        }
        var warehouses = site.Warehouses.Select(w => new Warehouse
        {
            Id = Guid.CreateVersion7(at), CooperativeId = cooperative.Id, Name = w.Name, Location = w.Location, CapacityKg = w.CapacityKg,
            CreatedAt = at, UpdatedAt = at,
        }).ToArray();
        db.Warehouses.AddRange(warehouses);

        var planters = new List<(Planter, Plot[])>();
        var chiefs = new List<Planter>();
        var phone = 1;
        Planter NewPlanter(string name, Guid? chiefId) => new()
        {
            Id = Guid.CreateVersion7(at),
            CooperativeId = cooperative.Id,
            FullName = name,
            Phone = site.Country == "CI" ? $"+22507{site.Code.Length:00}{phone++:000000}" : $"+22890{phone++:000000}",
            Village = site.Villages[random.Next(site.Villages.Length)],
            ChiefId = chiefId,
            CreatedAt = at,
            UpdatedAt = at,
        };
        foreach (var name in site.Chiefs)
        {
            var chief = NewPlanter(name, null);
            chiefs.Add(chief);
            planters.Add((chief, AddPlots(db, site, chief, random, at)));
        }
        for (var i = 0; i < site.Planters.Length; i++)
        {
            // The last planter of each cooperative is attached to no chief.
            var chiefId = i == site.Planters.Length - 1 ? (Guid?)null : chiefs[i % chiefs.Count].Id;
            var planter = NewPlanter(site.Planters[i], chiefId);
            planters.Add((planter, AddPlots(db, site, planter, random, at)));
        }
        db.Planters.AddRange(planters.Select(p => p.Item1));
        return new Registry(cooperative, warehouses, planters.ToArray());
    }

    // One or two plots per planter around the cooperative's town: most outlined (polygons of 1.5 to 9 ha), some pinned
    // (points of at most 4 ha, as the EUDR allows), every coordinate to 6 decimals.
    private static Plot[] AddPlots(GraphDbContext db, Site site, Planter planter, Random random, DateTime at)
    {
        var count = random.Next(1, 3);
        var plots = new Plot[count];
        for (var i = 0; i < count; i++)
        {
            var latitude = site.Latitude + (random.NextDouble() - 0.5) * 0.24;
            var longitude = site.Longitude + (random.NextDouble() - 0.5) * 0.24;
            var pinned = random.Next(4) == 0;
            var hectares = pinned ? 1m + random.Next(0, 30) / 10m : 1.5m + random.Next(0, 75) / 10m;
            var geoJson = pinned ? Point(latitude, longitude) : Polygon(latitude, longitude, (double)hectares, random);
            var checkedShape = PlotGeometry.Check(geoJson, pinned ? hectares : null);
            var shape = checkedShape.Shape ?? throw new InvalidOperationException(
                $"A demo plot breaks the EUDR rules: {string.Join("; ", checkedShape.Problems.Select(p => p.Message))}");
            plots[i] = new Plot
            {
                Id = Guid.CreateVersion7(at),
                PlanterId = planter.Id,
                Name = i == 0 ? $"Champ de {planter.Village}" : $"Parcelle {i + 1} de {planter.FullName.Split(' ')[0]}",
                Kind = shape.Kind,
                GeoJson = shape.GeoJson,
                AreaHectares = shape.AreaHectares,
                Latitude = shape.Latitude,
                Longitude = shape.Longitude,
                CreatedAt = at,
                UpdatedAt = at,
            };
        }
        db.Plots.AddRange(plots);
        return plots;
    }

    private static string Point(double latitude, double longitude) =>
        $$"""{"type":"Point","coordinates":[{{Coordinate(longitude)}},{{Coordinate(latitude)}}]}""";

    // A hexagon of about `hectares` around the centre, each vertex's angle and radius jittered; star-shaped around the
    // centre with the vertices in angle order, so its outline never crosses itself.
    private static string Polygon(double latitude, double longitude, double hectares, Random random)
    {
        var radius = Math.Sqrt(hectares * 10_000 / (1.5 * Math.Sqrt(3)));
        var metresPerDegreeLatitude = 111_320.0;
        var metresPerDegreeLongitude = 111_320.0 * Math.Cos(latitude * Math.PI / 180);
        var positions = new List<string>();
        for (var k = 0; k < 6; k++)
        {
            var angle = (k * 60 + random.Next(-12, 13)) * Math.PI / 180;
            var r = radius * (0.88 + random.NextDouble() * 0.24);
            var lon = longitude + r * Math.Cos(angle) / metresPerDegreeLongitude;
            var lat = latitude + r * Math.Sin(angle) / metresPerDegreeLatitude;
            positions.Add($"[{Coordinate(lon)},{Coordinate(lat)}]");
        }
        positions.Add(positions[0]);
        return $$"""{"type":"Polygon","coordinates":[[{{string.Join(",", positions)}}]]}""";
    }

    private static string Coordinate(double degrees) => degrees.ToString("F6", CultureInfo.InvariantCulture);

    private sealed record Planned(DateTime At, Planter Planter, Plot Plot, Warehouse Warehouse, int Bags, decimal GrossKg, decimal MoisturePercent, CocoaGrade Grade);

    // The season day by day, so the chain's events follow the calendar: each day's deliveries recorded and (two hours
    // later) validated, a few rejected or first corrected; deliveries validated ten days before paid; every fortnight the
    // validated deliveries of a week or more formed into lots by warehouse and grade; a lot moved and lots sold later on.
    private static async Task AddSeasonAsync(GraphDbContext db, Site site, Registry registry, DeliveryActor actor, Random random, DateTime now, CancellationToken cancellationToken)
    {
        var planned = new List<Planned>();
        foreach (var (planter, plots) in registry.Planters)
        {
            for (var i = random.Next(5, 11); i > 0; i--)
            {
                var daysAgo = random.Next(0, SeasonDays);
                var at = now.Date.AddDays(-daysAgo).AddHours(8 + random.Next(0, 8)).AddMinutes(random.Next(60));
                var bags = random.Next(2, 16);
                var grade = random.Next(10) switch { < 7 => CocoaGrade.GradeI, < 9 => CocoaGrade.GradeII, _ => CocoaGrade.SubGrade };
                var warehouse = registry.Warehouses[random.Next(10) < 7 ? 0 : registry.Warehouses.Length - 1];
                planned.Add(new Planned(Earlier(at, now), planter, plots[random.Next(plots.Length)], warehouse, bags,
                    bags * (62m + random.Next(0, 600) / 100m), 6.5m + random.Next(0, 40) / 10m, grade));
            }
        }
        var settlement = new DeliverySettlementHandler(NullLogger<DeliverySettlementHandler>.Instance);
        var toPay = new List<Delivery>();
        var unlotted = new List<Delivery>();
        var lots = new List<Lot>();
        var corrected = 0;
        var firstDay = now.Date.AddDays(-SeasonDays);
        Lot? moving = null;
        var sold = 0;
        for (var day = firstDay; day <= now.Date; day = day.AddDays(1))
        {
            // Weighed through the day (08:00 to 16:00), checked by the manager from 17:00 in the same order.
            var recorded = new List<(Planned Plan, Delivery Delivery)>();
            foreach (var plan in planned.Where(p => p.At.Date == day).OrderBy(p => p.At))
            {
                recorded.Add((plan, Outcome(await DeliveryOperations.RecordAsync(db, actor, new RecordDeliveryInput
                {
                    PlanterId = plan.Planter.Id,
                    PlotId = plan.Plot.Id,
                    WarehouseId = plan.Warehouse.Id,
                    DeliveredOn = DateOnly.FromDateTime(plan.At),
                    GrossWeightKg = plan.GrossKg,
                    TareKg = plan.Bags * 0.8m,
                    MoisturePercent = plan.MoisturePercent,
                    Grade = plan.Grade,
                    PricePerKg = new MoneyInput { Amount = PriceOf(site, plan.Grade), Currency = Currency.XOF },
                }, plan.At, cancellationToken))));
                await db.SaveChangesAsync(cancellationToken);
            }
            var check = day.AddHours(17);
            // The last two days' deliveries still wait for a manager's check.
            foreach (var (plan, delivery) in day < now.Date.AddDays(-1) ? recorded : [])
            {
                check = check.AddMinutes(3);
                if (random.Next(40) == 0)
                {
                    Outcome(await DeliveryOperations.RejectAsync(db, actor, delivery.Id, "Fèves moisies au-delà du seuil du grade II.", check, cancellationToken));
                    await db.SaveChangesAsync(cancellationToken);
                    continue;
                }
                if (corrected < 2 && random.Next(15) == 0)
                {
                    corrected++;
                    Outcome(await DeliveryOperations.CorrectAsync(db, actor, new CorrectDeliveryInput
                    {
                        DeliveryId = delivery.Id,
                        GrossWeightKg = plan.GrossKg - 5m,
                        TareKg = plan.Bags * 0.8m,
                        MoisturePercent = plan.MoisturePercent,
                        Grade = plan.Grade,
                        PricePerKg = new MoneyInput { Amount = PriceOf(site, plan.Grade), Currency = Currency.XOF },
                        Reason = "Balance recalibrée : pesée refaite.",
                    }, check, cancellationToken));
                    await db.SaveChangesAsync(cancellationToken);
                    check = check.AddMinutes(1);
                }
                var validated = Outcome(await DeliveryOperations.ValidateAsync(db, actor, delivery.Id, check, cancellationToken));
                await db.SaveChangesAsync(cancellationToken);
                toPay.Add(validated);
                unlotted.Add(validated);
            }
            // The day's rows are saved; the lists above keep the few values later days read.
            db.ChangeTracker.Clear();
            var evening = day.AddHours(20);
            if (evening >= now)
            {
                break;
            }
            foreach (var delivery in toPay.Where(d => d.ValidatedAt!.Value.AddDays(10) <= evening).ToList())
            {
                var planter = registry.Planters.Single(p => p.Planter.Id == delivery.PlanterId).Planter;
                await PayAsync(db, settlement, planter, delivery, actor, evening, cancellationToken);
                toPay.Remove(delivery);
            }
            if ((day - firstDay).Days % 14 == 13)
            {
                await FormLotsAsync(db, unlotted, lots, actor, evening.AddMinutes(30), cancellationToken);
            }
            // Three days after it was formed, the main warehouse's second lot moves to the other warehouse.
            moving ??= registry.Warehouses.Length > 1 ? lots.Where(l => l.WarehouseId == registry.Warehouses[0].Id).Skip(1).FirstOrDefault() : null;
            if (moving is not null && moving.CreatedAt.Date.AddDays(3) == day)
            {
                Outcome(await DeliveryOperations.MoveLotAsync(db, actor, moving.Id, registry.Warehouses[1].Id, evening.AddMinutes(40), cancellationToken));
                await db.SaveChangesAsync(cancellationToken);
            }
            // A week after it was formed, each of the first three lots of grade I or II is sold to an exporter, the third in half.
            foreach (var lot in lots.Where(l => l.Grade != CocoaGrade.SubGrade).Take(3).Where(l => l.CreatedAt.Date.AddDays(7) == day))
            {
                var remaining = await DeliveryOperations.HoldingOfLotAsync(db, lot.Id, cancellationToken);
                Outcome(await DeliveryOperations.SellLotAsync(db, actor, new SellLotInput
                {
                    LotId = lot.Id,
                    WeightKg = sold == 2 ? decimal.Round(remaining / 2, 3) : remaining,
                    BuyerName = Buyers[sold],
                    PricePerKg = new MoneyInput { Amount = 2_150m, Currency = Currency.XOF },
                }, evening.AddMinutes(50), cancellationToken));
                await db.SaveChangesAsync(cancellationToken);
                sold++;
            }
        }
    }

    private static readonly string[] Buyers = ["Cargill Côte d'Ivoire", "SACO", "Touton Négoce"];

    private static decimal PriceOf(Site site, CocoaGrade grade) => grade switch
    {
        CocoaGrade.GradeI => site.PricePerKg,
        CocoaGrade.GradeII => site.PricePerKg - 100m,
        _ => site.PricePerKg - 300m,
    };

    // A planter paid by mobile money (Orange Money in Côte d'Ivoire, Moov in Togo), settled as the provider's callback would.
    private static async Task PayAsync(GraphDbContext db, DeliverySettlementHandler settlement, Planter planter, Delivery delivery, DeliveryActor actor, DateTime at, CancellationToken cancellationToken)
    {
        var request = new PaymentRequest
        {
            Purpose = PaymentPurpose.PlanterPayment,
            Method = planter.Phone!.StartsWith("+228", StringComparison.Ordinal) ? PaymentMethod.MoovMoney : PaymentMethod.OrangeMoney,
            Amount = delivery.Amount,
            WalletNumber = planter.Phone,
            PayerUserId = actor.UserId,
            PayeeUserId = planter.UserId,
            Description = "Paiement de cacao",
            IdempotencyKey = $"demo-delivery-{delivery.Id:N}",
        };
        var payment = DemoSeeder.AddPayment(db, request, actor.UserId, at, PaymentStatus.Succeeded, $"DEMO-{delivery.TraceCode}");
        db.DeliveryPayments.Add(new DeliveryPayment { PaymentId = payment.Id, DeliveryId = delivery.Id, CreatedAt = at });
        await db.SaveChangesAsync(cancellationToken);
        await settlement.OnSucceededAsync(db, payment, payment.SettledAt!.Value, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    // Validated deliveries of a week or more, by warehouse and grade, in lots of 4 to 12.
    private static async Task FormLotsAsync(GraphDbContext db, List<Delivery> unlotted, List<Lot> lots, DeliveryActor actor, DateTime at, CancellationToken cancellationToken)
    {
        var ready = unlotted.Where(d => d.ValidatedAt!.Value.AddDays(7) <= at).ToList();
        foreach (var group in ready.GroupBy(d => (d.WarehouseId, d.Grade)).OrderBy(g => g.Key.WarehouseId).ThenBy(g => g.Key.Grade))
        {
            foreach (var chunk in group.OrderBy(d => d.DeliveredOn).ThenBy(d => d.Id).Chunk(12).Where(c => c.Length >= 4))
            {
                lots.Add(Outcome(await DeliveryOperations.CreateLotAsync(db, actor, chunk.Select(d => d.Id).ToList(), at, cancellationToken)));
                await db.SaveChangesAsync(cancellationToken);
                unlotted.RemoveAll(d => chunk.Contains(d));
            }
        }
    }

    private static DateTime Earlier(DateTime at, DateTime now) => at < now ? at : now.AddMinutes(-1);

    private static T Outcome<T>(DeliveryOutcome<T> outcome) where T : class =>
        outcome.Value ?? throw new InvalidOperationException($"The demo's cocoa season was refused: {outcome.Error?.Message}");
}
