using Graph.Api.Data.Seed;
using Graph.Api.Identity;
using Graph.Api.Payments;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tontines;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Tontines;

/// <summary>The demo tontines of a developer's machine: seeded once, every type at every stage, and their money balanced.</summary>
public sealed class DemoTontineTests
{
    [Fact]
    public async Task The_demo_tontines_are_seeded_once_of_every_type_and_stage_with_late_payers_and_balanced_pots()
    {
        var name = await TestPostgres.CreateDatabaseAsync();
        try
        {
            var accounts = new DemoAccounts(DemoAccounts.DefaultPassword, new PasswordHasher<User>());
            await using (var db = TestPostgres.CreateContext(name))
            {
                Assert.True(await DemoSeeder.SeedAsync(db, TimeProvider.System, accounts));
            }

            await using var check = TestPostgres.CreateContext(name);
            var tontine = await check.Tontines.Include(t => t.Members).ThenInclude(m => m.User).SingleAsync(t => t.Name == DemoSeeder.DemoTontineName);
            Assert.Equal(
                [("author@graph.local", TontineRole.Member), ("buyer@graph.local", TontineRole.Treasurer), ("reader@graph.local", TontineRole.President)],
                tontine.Members.Select(m => (m.User.Email, m.Role)).OrderBy(m => m.Email));
            // Started: the reader's contribution paid, the author's on its way, the buyer's still due.
            Assert.Equal(TontineStatus.Active, tontine.Status);
            var first = await check.TontineSessions.SingleAsync(s => s.TontineId == tontine.Id && s.Number == 1);
            Assert.Equal(1, await check.TontineContributions.CountAsync(c => c.SessionId == first.Id && c.PaidAt != null));
            Assert.Equal(2, await check.ContributionPayments.CountAsync(p => p.SessionId == first.Id));

            var counts = await check.Tontines.GroupBy(t => new { t.Type, t.Status }).Select(g => new { g.Key.Type, g.Key.Status, Count = g.Count() }).ToListAsync();
            foreach (var type in Enum.GetValues<TontineType>())
            {
                Assert.True(counts.Where(c => c.Type == type).Sum(c => c.Count) >= 2, $"{type}: {string.Join(", ", counts)}");
            }
            foreach (var status in Enum.GetValues<TontineStatus>())
            {
                Assert.Contains(counts, c => c.Status == status);
            }
            // Late payers: contributions of closed sessions still unpaid, fines paid, and one fine waived.
            Assert.True(await check.TontineContributions.CountAsync(c => c.PaidAt == null && check.TontineSessions.Any(s => s.Id == c.SessionId && s.Status == TontineSessionStatus.Closed)) >= 3);
            Assert.True(await check.TontineContributions.AnyAsync(c => c.PenaltyPaid > 0));
            Assert.True(await check.TontineContributions.AnyAsync(c => c.PenaltyWaivedAt != null));
            Assert.True(await check.TontinePassages.AnyAsync(p => p.Status == PassageStatus.Confirmed));

            // Every franc accounted for: in each tontine, contributions received = payouts + the pot's ledger balance, and
            // each contribution received what its settled payments brought.
            foreach (var id in await check.Tontines.Select(t => t.Id).ToListAsync())
            {
                var payments = await check.Payments.Where(p => p.TontineId == id && p.Status == PaymentStatus.Succeeded).ToListAsync();
                var paidIn = payments.Where(p => p.Purpose == PaymentPurpose.TontineContribution).Sum(p => p.Amount.Amount);
                var paidOut = payments.Where(p => p.Purpose == PaymentPurpose.TontinePayout).Sum(p => p.Amount.Amount);
                var key = id.ToString("D");
                var pot = -await check.LedgerEntries.Where(e => e.AccountType == LedgerAccountType.TontinePot && e.AccountKey == key).SumAsync(e => e.Amount);
                Assert.Equal(paidIn, paidOut + pot);
                Assert.True(pot >= 0);
            }
            var received = await check.TontineContributions.Select(c => new
            {
                c.Received,
                c.PenaltyPaid,
                Settled = check.ContributionPayments.Where(p => p.SessionId == c.SessionId && p.UserId == c.UserId && p.SettledAt != null).Sum(p => p.Amount),
                Fines = check.ContributionPayments.Where(p => p.SessionId == c.SessionId && p.UserId == c.UserId && p.SettledAt != null).Sum(p => p.Penalty),
            }).ToListAsync();
            Assert.All(received, r => Assert.Equal((r.Received, r.PenaltyPaid), (r.Settled, r.Fines)));

            var tontines = await check.Tontines.CountAsync();
            var members = await check.TontineMembers.CountAsync();
            Assert.False(await DemoSeeder.SeedAsync(check, TimeProvider.System, accounts));
            Assert.Equal(tontines, await check.Tontines.CountAsync());
            Assert.Equal(members, await check.TontineMembers.CountAsync());
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(name);
        }
    }
}
