using Graph.Api.Data.Seed;
using Graph.Api.Identity;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tontines;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Tontines;

/// <summary>The demo tontine of a developer's machine: seeded once with demo accounts in its three roles.</summary>
public sealed class DemoTontineTests
{
    [Fact]
    public async Task The_demo_tontine_is_seeded_once_with_a_president_a_treasurer_and_a_member()
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
            var tontine = await check.Tontines.Include(t => t.Members).ThenInclude(m => m.User).SingleAsync();
            Assert.Equal(DemoSeeder.DemoTontineName, tontine.Name);
            Assert.Equal(
                [("author@graph.local", TontineRole.Member), ("buyer@graph.local", TontineRole.Treasurer), ("reader@graph.local", TontineRole.President)],
                tontine.Members.Select(m => (m.User.Email, m.Role)).OrderBy(m => m.Email));

            Assert.False(await DemoSeeder.SeedAsync(check, TimeProvider.System, accounts));
            Assert.Equal(1, await check.Tontines.CountAsync());
            Assert.Equal(3, await check.TontineMembers.CountAsync());
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(name);
        }
    }
}
