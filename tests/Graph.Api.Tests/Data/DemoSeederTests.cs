using Graph.Api.Common;
using Graph.Api.Data.Seed;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Data;

public sealed class DemoSeederTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Seeds_an_empty_database_once()
    {
        await using (var db = database.CreateContext())
        {
            Assert.True(await DemoSeeder.SeedAsync(db, TimeProvider.System));
        }

        await using var check = database.CreateContext();
        var authors = await check.Authors.CountAsync();
        var books = await check.Books.CountAsync();
        Assert.True(authors >= 5, $"expected several authors, found {authors}");
        Assert.True(books > authors, $"expected more books than authors, found {books}");

        Assert.False(await DemoSeeder.SeedAsync(check, TimeProvider.System));
        Assert.Equal(authors, await check.Authors.CountAsync());
        Assert.Equal(books, await check.Books.CountAsync());

        // Money read back keeps its currency and respects the currency's minor unit.
        var prices = await check.Books.Select(b => b.Price).ToListAsync();
        Assert.Contains(prices, p => p.Currency == Currency.XOF);
        Assert.All(prices, p => Assert.Equal(p.Amount, decimal.Round(p.Amount, Money.MinorUnits(p.Currency))));
        Assert.All(await check.Books.Include(b => b.Author).ToListAsync(), b => Assert.NotNull(b.Author));
    }

    [Fact]
    public async Task Two_seeders_at_once_seed_only_once()
    {
        var reference = await TestPostgres.CreateDatabaseAsync();
        var raced = await TestPostgres.CreateDatabaseAsync();
        try
        {
            await using (var db = TestPostgres.CreateContext(reference))
            {
                Assert.True(await DemoSeeder.SeedAsync(db, TimeProvider.System));
            }

            await using var first = TestPostgres.CreateContext(raced);
            await using var second = TestPostgres.CreateContext(raced);
            using var start = new Barrier(2);
            var results = await Task.WhenAll(
                Task.Run(() => { start.SignalAndWait(); return DemoSeeder.SeedAsync(first, TimeProvider.System); }),
                Task.Run(() => { start.SignalAndWait(); return DemoSeeder.SeedAsync(second, TimeProvider.System); }));

            Assert.Single(results, added => added);
            await using var expected = TestPostgres.CreateContext(reference);
            await using var actual = TestPostgres.CreateContext(raced);
            Assert.Equal(await expected.Authors.CountAsync(), await actual.Authors.CountAsync());
            Assert.Equal(await expected.Books.CountAsync(), await actual.Books.CountAsync());
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(reference);
            await TestPostgres.DropDatabaseAsync(raced);
        }
    }
}
