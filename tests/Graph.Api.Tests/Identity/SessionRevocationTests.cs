using System.Net;
using System.Security.Claims;
using Graph.Api.Data;
using Graph.Api.Hosting;
using Graph.Api.Identity;
using Graph.Api.Tests.GraphQL;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Graph.Api.Tests.Identity;

/// <summary>A revoked session's access tokens are refused before they expire, by every instance, including one started later.</summary>
public sealed class SessionRevocationTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private const string Password = "fonio-au-lait-caille";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static async Task<HttpStatusCode> StatusWithAsync(IdentityHost host, string accessToken) =>
        (await host.SendAsync("{ __typename }", accessToken: accessToken)).Status;

    [Fact]
    public async Task A_logout_on_one_instance_is_refused_by_the_other_at_once()
    {
        await using var first = IdentityHost.Start(database);
        await using var second = IdentityHost.Start(database);
        await first.EnsureAccountAsync(email: "moussa@example.ne", password: Password);
        var login = await first.LoginAsync("moussa@example.ne", Password);
        var token = IdentityHost.AccessToken(login);
        // The first token checked makes an instance load the revocations and listen for new ones.
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(second, token));
        await second.Services.GetRequiredService<RevokedSessions>().WhenLoaded.WaitAsync(Patience);

        await first.LogoutAsync(IdentityHost.RefreshToken(login));

        // The event travels through PostgreSQL (LISTEN/NOTIFY); the periodic reload is a minute away.
        var deadline = DateTime.UtcNow + Patience;
        while (await StatusWithAsync(second, token) == HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        (await second.SendAsync("{ __typename }", accessToken: token)).IsRequestError(HttpStatusCode.Unauthorized, GraphQLHttp.ResponseJson, "AUTH_SESSION_REVOKED");
        (await first.SendAsync("{ __typename }", accessToken: token)).IsRequestError(HttpStatusCode.Unauthorized, GraphQLHttp.ResponseJson, "AUTH_SESSION_REVOKED");
    }

    [Fact]
    public async Task An_instance_started_after_a_revocation_loads_it()
    {
        string token;
        await using (var before = IdentityHost.Start(database))
        {
            await before.EnsureAccountAsync(email: "hawa@example.ne", password: Password);
            token = IdentityHost.AccessToken(await before.LoginAsync("hawa@example.ne", Password));
        }
        var sessionId = Guid.Parse(IdentityHost.Claims(token).GetProperty("sid").GetString()!);
        await using (var db = database.CreateContext())
        {
            // Revoked behind the instances' backs: no event, only the row.
            var session = await db.Sessions.SingleAsync(s => s.Id == sessionId);
            session.RevokedAt = new ManualClock().GetUtcNow().UtcDateTime;
            session.RevokedReason = SessionEndReason.RevokedByStaff;
            await db.SaveChangesAsync();
        }

        await using var after = IdentityHost.Start(database);
        var revoked = after.Services.GetRequiredService<RevokedSessions>();
        Assert.False(revoked.IsLoaded);

        // Refused at once (the database is asked while nothing is loaded), then from memory once loaded.
        (await after.SendAsync("{ __typename }", accessToken: token)).IsRequestError(HttpStatusCode.Unauthorized, GraphQLHttp.ResponseJson, "AUTH_SESSION_REVOKED");
        await revoked.WhenLoaded.WaitAsync(Patience);
        Assert.True(revoked.Contains(sessionId));
        (await after.SendAsync("{ __typename }", accessToken: token)).IsRequestError(HttpStatusCode.Unauthorized, GraphQLHttp.ResponseJson, "AUTH_SESSION_REVOKED");
    }

    [Fact]
    public async Task An_instance_that_checks_no_token_never_loads_the_revocations()
    {
        await using var host = IdentityHost.Start(database);
        await host.EnsureAccountAsync(email: "anonymous-only@example.ne", password: Password);
        await host.SendAsync("{ __typename }");
        await Task.Delay(200);

        Assert.False(host.Services.GetRequiredService<RevokedSessions>().WhenLoadRequested.IsCompleted);
    }

    [Fact]
    public async Task Until_the_revocations_are_loaded_the_database_is_asked()
    {
        await using var host = IdentityHost.Start(database);
        await host.EnsureAccountAsync(email: "kadiatou@example.gn", password: Password);
        var login = await host.LoginAsync("kadiatou@example.gn", Password);
        await host.LogoutAsync(IdentityHost.RefreshToken(login));
        var active = IdentityHost.AccessToken(await host.LoginAsync("kadiatou@example.gn", Password));

        // A fresh instance's view: nothing loaded yet.
        var notLoaded = new RevokedSessions(host.Services.GetRequiredService<IOptions<GraphOptions>>(), host.Clock);
        var tokens = new AccessTokenService(host.Services.GetRequiredService<IOptions<GraphOptions>>(), notLoaded,
            host.Services.GetRequiredService<IDbContextFactory<GraphDbContext>>(), host.Clock);

        Assert.False(notLoaded.IsLoaded);
        Assert.Equal("AUTH_SESSION_REVOKED", (await tokens.ValidateAsync(IdentityHost.AccessToken(login))).ErrorCode);
        Assert.True((await tokens.ValidateAsync(active)).Succeeded);
    }

    [Fact]
    public async Task A_principal_is_checked_again_against_the_clock_and_the_revocations()
    {
        await using var host = IdentityHost.Start(database);
        await host.EnsureAccountAsync(email: "sekou@example.gn", password: Password);
        var login = await host.LoginAsync("sekou@example.gn", Password);
        var principal = (await host.Services.GetRequiredService<AccessTokenService>().ValidateAsync(IdentityHost.AccessToken(login))).Principal!;
        var state = host.Services.GetRequiredService<AccessTokenState>();
        var now = host.Clock.GetUtcNow();

        Assert.Equal(AccessTokenStatus.Valid, state.Check(principal, now));
        Assert.Equal(AccessTokenStatus.Valid, state.Check(principal, now.AddMinutes(59)));
        Assert.Equal(AccessTokenStatus.Expired, state.Check(principal, now.AddHours(1)));
        Assert.Equal(AccessTokenStatus.Anonymous, state.Check(new ClaimsPrincipal(new ClaimsIdentity()), now));
        Assert.Equal(AccessTokenStatus.Anonymous, state.Check(null, now));

        await host.LogoutAsync(IdentityHost.RefreshToken(login));

        Assert.Equal(AccessTokenStatus.Revoked, state.Check(principal, now));
    }

    [Fact]
    public void Revocations_are_remembered_for_the_access_token_lifetime_only()
    {
        var clock = new ManualClock();
        var revoked = new RevokedSessions(Options.Create(new GraphOptions()), clock);
        var recent = Guid.CreateVersion7();
        var old = Guid.CreateVersion7();

        revoked.Add(recent, clock.GetUtcNow().AddMinutes(-10));
        revoked.Add(old, clock.GetUtcNow().AddHours(-1));

        Assert.True(revoked.Contains(recent));
        Assert.False(revoked.Contains(old));
        clock.Advance(TimeSpan.FromMinutes(50));
        revoked.Prune();
        Assert.False(revoked.Contains(recent));
        Assert.Equal(0, revoked.Count);
    }
}
