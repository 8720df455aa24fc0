using System.Text.Json;
using Graph.Api.Data.Seed;
using Graph.Api.Hosting;
using Graph.Api.Identity;
using Graph.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Identity;

/// <summary>The demo accounts of a developer's machine: one per platform role, seeded once, signing in with the demo password.</summary>
public sealed class DemoAccountsTests
{
    private static readonly PasswordHasher<User> Hasher = new();

    [Fact]
    public async Task One_account_per_role_is_seeded_once_with_the_demo_password()
    {
        var name = await TestPostgres.CreateDatabaseAsync();
        try
        {
            await using (var db = TestPostgres.CreateContext(name))
            {
                Assert.True(await DemoSeeder.SeedAsync(db, TimeProvider.System, new DemoAccounts("kora-sous-le-fromager", Hasher)));
            }

            await using var check = TestPostgres.CreateContext(name);
            // The accounts of the roles; the demo tontines' members come with them (DemoTontineTests).
            var emails = DemoAccounts.All.Select(a => a.Email).ToList();
            var users = await check.Users.Include(u => u.Roles).Where(u => emails.Contains(u.Email!)).OrderBy(u => u.Email).ToListAsync();
            var everyone = await check.Users.CountAsync();
            Assert.Equal(PlatformRoles.All.Count, users.Count);
            Assert.Equal(PlatformRoles.All.Order(), users.Select(u => Assert.Single(u.Roles!).Role).Order());
            Assert.Equal("admin@graph.local", users.Single(u => u.Roles!.Single().Role == PlatformRole.Admin).Email);
            Assert.Equal("cooperative.manager@graph.local", users.Single(u => u.Roles!.Single().Role == PlatformRole.CooperativeManager).Email);
            Assert.All(users, u => Assert.EndsWith("@graph.local", u.Email));
            Assert.All(users, u => Assert.Equal(PasswordVerificationResult.Success, Hasher.VerifyHashedPassword(u, u.PasswordHash, "kora-sous-le-fromager")));
            Assert.Equal(users.Count, users.Select(u => u.DisplayName).Distinct().Count());

            // Twice: nothing more.
            Assert.False(await DemoSeeder.SeedAsync(check, TimeProvider.System, new DemoAccounts("kora-sous-le-fromager", Hasher)));
            Assert.Equal(everyone, await check.Users.CountAsync());
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(name);
        }
    }

    [Fact]
    public async Task A_database_seeded_before_accounts_existed_gets_them_and_the_catalog_alone_seeds_none()
    {
        var name = await TestPostgres.CreateDatabaseAsync();
        try
        {
            await using var db = TestPostgres.CreateContext(name);
            Assert.True(await DemoSeeder.SeedAsync(db, TimeProvider.System));
            Assert.Equal(0, await db.Users.CountAsync());
            var authors = await db.Authors.CountAsync();

            Assert.True(await DemoSeeder.SeedAsync(db, TimeProvider.System, new DemoAccounts(DemoAccounts.DefaultPassword, Hasher)));

            var emails = DemoAccounts.All.Select(a => a.Email).ToList();
            Assert.Equal(DemoAccounts.All.Count, await db.Users.CountAsync(u => emails.Contains(u.Email!)));
            Assert.Equal(authors, await db.Authors.CountAsync());
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(name);
        }
    }

    [Fact]
    public async Task The_seed_verb_in_development_takes_the_password_from_GRAPH_DEMO_PASSWORD_and_the_accounts_sign_in()
    {
        var name = TestPostgres.NewDatabaseName();
        var connectionString = TestPostgres.ConnectionStringFor(name);
        try
        {
            string[] Verb(string verb) => [verb, "--environment=Development", $"--ConnectionStrings:Graph={connectionString}", "--GRAPH_DEMO_PASSWORD=tamarin-et-gingembre"];
            var output = new StringWriter();
            Assert.Equal(0, await CommandLine.RunAsync(Verb("migrate"), TextWriter.Null, TextWriter.Null));
            Assert.Equal(0, await CommandLine.RunAsync(Verb("seed"), output, TextWriter.Null));
            Assert.Equal(0, await CommandLine.RunAsync(Verb("seed"), TextWriter.Null, TextWriter.Null));
            Assert.Contains("admin@graph.local", output.ToString());

            await using var host = IdentityHost.Start(connectionString);
            var login = await host.LoginAsync("ADMIN@graph.local", "tamarin-et-gingembre");
            Assert.Equal(JsonValueKind.Null, login.GetProperty("errors").ValueKind);
            Assert.Equal(["ADMIN"], login.GetProperty("user").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
            Assert.Equal("Aïssatou Sow", login.GetProperty("user").GetProperty("displayName").GetString());
            Assert.Equal("INVALID_CREDENTIALS", IdentityHost.SingleError(await host.LoginAsync("reader@graph.local", DemoAccounts.DefaultPassword)).Code);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(name);
        }
    }

    [Fact]
    public async Task The_seed_verb_refuses_a_demo_password_the_rules_refuse()
    {
        var name = await TestPostgres.CreateDatabaseAsync();
        try
        {
            var error = new StringWriter();
            var exitCode = await CommandLine.RunAsync(
                ["seed", "--environment=Development", $"--ConnectionStrings:Graph={TestPostgres.ConnectionStringFor(name)}", "--GRAPH_DEMO_PASSWORD=short"],
                TextWriter.Null, error);

            Assert.Equal(1, exitCode);
            Assert.StartsWith("GRAPH_DEMO_PASSWORD cannot be the demo accounts' password: The password must have at least 10 characters.", error.ToString());
            await using var db = TestPostgres.CreateContext(name);
            Assert.Equal(0, await db.Users.CountAsync());
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(name);
        }
    }
}
