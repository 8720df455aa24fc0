using Graph.Api.Data.Seed;
using Graph.Api.Deliveries;
using Graph.Api.Identity;
using Graph.Api.Payments;
using Graph.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Deliveries;

/// <summary>The demo's cocoa season: three cooperatives, every delivery status, lots formed, moved and sold, and every
/// chain, stock and payment as the server's own operations leave them.</summary>
public sealed class DemoDeliveryTests
{
    [Fact]
    public async Task The_demo_season_is_seeded_once_with_sound_chains_stocks_and_payments()
    {
        var name = await TestPostgres.CreateDatabaseAsync();
        try
        {
            var accounts = new DemoAccounts(DemoAccounts.DefaultPassword, new PasswordHasher<User>());
            await using (var db = TestPostgres.CreateContext(name))
            {
                Assert.True(await DemoSeeder.SeedAsync(db, TimeProvider.System, accounts));
            }
            await using (var again = TestPostgres.CreateContext(name))
            {
                Assert.False(await DemoSeeder.SeedAsync(again, TimeProvider.System, accounts));
            }

            await using var check = TestPostgres.CreateContext(name);
            var cooperatives = await check.Cooperatives.OrderBy(c => c.Code).ToListAsync();
            Assert.Equal(["CADA-DALOA", "KCB-KPALIME", "SCAS-SOUBRE"], cooperatives.Select(c => c.Code));
            var manager = await check.Users.SingleAsync(u => u.Email == "cooperative.manager@graph.local");
            Assert.Equal(2, await check.CooperativeManagers.CountAsync(m => m.UserId == manager.Id));

            // Chiefs with members, plots that pass the EUDR rules as stored.
            Assert.True(await check.Planters.CountAsync(p => p.ChiefId != null) >= 20);
            foreach (var plot in await check.Plots.ToListAsync())
            {
                var shape = PlotGeometry.Check(plot.GeoJson, plot.Kind == PlotGeometryKind.Point ? plot.AreaHectares : null);
                Assert.True(shape.Shape is not null, $"{plot.Name}: {string.Join("; ", shape.Problems.Select(p => p.Message))}");
                Assert.Equal(plot.AreaHectares, shape.Shape!.AreaHectares);
            }
            Assert.Contains(await check.Plots.Select(p => p.Kind).Distinct().ToListAsync(), k => k == PlotGeometryKind.Point);
            Assert.Contains(await check.Plots.Select(p => p.Kind).Distinct().ToListAsync(), k => k == PlotGeometryKind.Polygon);

            // Every status, a correction, lots formed, moved and sold (one in part).
            var statuses = await check.Deliveries.GroupBy(d => d.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
            foreach (var status in Enum.GetValues<DeliveryStatus>())
            {
                Assert.True(statuses.GetValueOrDefault(status) > 0, $"{status}: {string.Join(", ", statuses)}");
            }
            Assert.True(statuses.Values.Sum() >= 200, $"{statuses.Values.Sum()} deliveries");
            Assert.True(await check.TraceEvents.AnyAsync(e => e.Kind == TraceEventKind.DeliveryCorrected));
            Assert.True(await check.TraceEvents.AnyAsync(e => e.Kind == TraceEventKind.LotMoved));
            Assert.True(await check.Lots.CountAsync(l => l.Status == LotStatus.Sold) >= 2);
            Assert.True(await check.Lots.AnyAsync(l => l.Status == LotStatus.InStock && l.RemainingWeightKg < l.InitialWeightKg));

            foreach (var cooperative in cooperatives)
            {
                var verification = await TraceChain.VerifyAsync(check, cooperative.Id, null, default);
                Assert.True(verification.Valid, $"{cooperative.Code}: {verification.FirstBrokenLink}");
                Assert.True(verification.CheckedEvents > 50, $"{cooperative.Code}: {verification.CheckedEvents} events");
                // The chain follows the calendar.
                var times = await check.TraceEvents.Where(e => e.CooperativeId == cooperative.Id).OrderBy(e => e.Sequence).Select(e => e.RecordedAt).ToListAsync();
                Assert.Equal(times.Order(), times);
            }

            // Stock: every holding at or above zero, each lot's remaining weight its movements' sum, no warehouse over capacity.
            var holdings = await check.StockMovements.GroupBy(m => new { m.DeliveryId, m.LotId }).Select(g => g.Sum(m => m.QuantityKg)).ToListAsync();
            Assert.All(holdings, h => Assert.True(h >= 0, $"{h} kg"));
            foreach (var lot in await check.Lots.ToListAsync())
            {
                Assert.Equal(lot.RemainingWeightKg, await check.StockMovements.Where(m => m.LotId == lot.Id).SumAsync(m => m.QuantityKg));
            }
            foreach (var warehouse in await check.Warehouses.ToListAsync())
            {
                var stock = await check.StockMovements.Where(m => m.WarehouseId == warehouse.Id).SumAsync(m => m.QuantityKg);
                Assert.InRange(stock, 0m, warehouse.CapacityKg);
            }

            // Each PAID delivery has one settled planter payment of its amount.
            var paid = await check.Deliveries.Where(d => d.Status == DeliveryStatus.Paid).ToListAsync();
            foreach (var delivery in paid)
            {
                var payments = await check.Payments.Where(p => check.DeliveryPayments.Any(l => l.PaymentId == p.Id && l.DeliveryId == delivery.Id)).ToListAsync();
                var payment = Assert.Single(payments);
                Assert.Equal((PaymentPurpose.PlanterPayment, PaymentStatus.Succeeded, delivery.Amount), (payment.Purpose, payment.Status, payment.Amount));
            }
            // And each of those payments is posted to the ledger, balanced.
            var paymentIds = await check.DeliveryPayments.Select(l => l.PaymentId).ToListAsync();
            var postings = await check.LedgerPostings.Include(p => p.Entries).Where(p => paymentIds.Contains(p.PaymentId)).ToListAsync();
            Assert.Equal(paymentIds.Order(), postings.Select(p => p.PaymentId).Order());
            Assert.All(postings, p => Assert.Equal(0m, p.Entries.Sum(e => e.Amount)));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(name);
        }
    }
}
