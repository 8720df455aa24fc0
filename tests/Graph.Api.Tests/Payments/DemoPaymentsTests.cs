using Graph.Api.Data.Seed;
using Graph.Api.Identity;
using Graph.Api.Payments;
using Graph.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Payments;

/// <summary>The demo payments of a developer's machine: seeded once, each settled one posted, the ledger balanced.</summary>
public sealed class DemoPaymentsTests
{
    [Fact]
    public async Task The_demo_payments_are_seeded_once_as_the_payments_module_leaves_them()
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
            // The accounts' own payments; the demo tontines' and planters' are checked with them (DemoTontineTests, DemoDeliveryTests).
            var payments = await check.Payments.AsNoTracking()
                .Where(p => !p.IdempotencyKey.StartsWith("demo-tontine-") && !p.IdempotencyKey.StartsWith("demo-delivery-")).ToListAsync();
            Assert.Equal(
                [(PaymentPurpose.BookPurchase, PaymentStatus.Succeeded), (PaymentPurpose.Subscription, PaymentStatus.Failed),
                 (PaymentPurpose.TontineContribution, PaymentStatus.Pending), (PaymentPurpose.TontineContribution, PaymentStatus.Succeeded)],
                payments.Select(p => (p.Purpose, p.Status)).Order());
            var ids = payments.Select(p => p.Id).ToList();
            var postings = await check.LedgerPostings.AsNoTracking().Include(p => p.Entries).Where(p => ids.Contains(p.PaymentId)).ToListAsync();
            Assert.Equal(payments.Where(p => p.Status == PaymentStatus.Succeeded).Select(p => p.Id).Order(), postings.Select(p => p.PaymentId).Order());
            Assert.All(postings, p => Assert.Equal(0m, p.Entries.Sum(e => e.Amount)));
            Assert.Contains(postings.SelectMany(p => p.Entries), e => e.AccountType == LedgerAccountType.RoyaltiesPayable);
            var history = await check.PaymentStatusChanges.AsNoTracking().ToListAsync();
            Assert.All(payments, p => Assert.Equal(p.Status, history.Where(h => h.PaymentId == p.Id).MaxBy(h => h.At)!.To));

            var all = await check.Payments.CountAsync();
            Assert.False(await DemoSeeder.SeedAsync(check, TimeProvider.System, accounts));
            Assert.Equal(all, await check.Payments.CountAsync());
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(name);
        }
    }
}
