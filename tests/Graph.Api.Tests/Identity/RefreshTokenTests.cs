using System.Net;
using System.Text.Json;
using Graph.Api.Identity;
using Graph.Api.Tests.GraphQL;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Identity;

/// <summary>refreshToken over HTTP: rotation at each use, reuse ending the family, expiry, one winner among concurrent uses.</summary>
public sealed class RefreshTokenTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Password = "thieboudienne-au-poisson";

    private IdentityHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = IdentityHost.Start(database);
        await _host.EnsureAccountAsync(email: "ousmane@example.sn", password: Password, displayName: "Ousmane Sembène");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<JsonElement> LoginAsync()
    {
        var payload = await _host.LoginAsync("ousmane@example.sn", Password);
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        return payload;
    }

    private static Guid SessionOf(JsonElement payload) =>
        Guid.Parse(IdentityHost.Claims(IdentityHost.AccessToken(payload)).GetProperty("sid").GetString()!);

    private static string ErrorCode(JsonElement payload)
    {
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("tokens").ValueKind);
        var (type, code, _) = IdentityHost.SingleError(payload);
        Assert.Equal("InvalidRefreshTokenError", type);
        return code;
    }

    [Fact]
    public async Task Each_use_gives_a_new_pair_and_spends_the_token_given()
    {
        var login = await LoginAsync();
        _host.Clock.Advance(TimeSpan.FromMinutes(50));

        var refreshed = await _host.RefreshAsync(IdentityHost.RefreshToken(login));

        Assert.Equal(JsonValueKind.Null, refreshed.GetProperty("errors").ValueKind);
        var tokens = refreshed.GetProperty("tokens");
        Assert.NotEqual(IdentityHost.RefreshToken(login), IdentityHost.RefreshToken(refreshed));
        Assert.Equal(_host.Clock.GetUtcNow().AddHours(1), tokens.GetProperty("accessTokenExpiresAt").GetDateTimeOffset());
        Assert.Equal(_host.Clock.GetUtcNow().AddDays(7), tokens.GetProperty("refreshTokenExpiresAt").GetDateTimeOffset());
        Assert.Equal(SessionOf(login), SessionOf(refreshed));

        await using var db = database.CreateContext();
        var old = await db.RefreshTokens.SingleAsync(t => t.TokenHash == RefreshTokens.Hash(IdentityHost.RefreshToken(login)));
        var next = await db.RefreshTokens.SingleAsync(t => t.TokenHash == RefreshTokens.Hash(IdentityHost.RefreshToken(refreshed)));
        Assert.Equal(_host.Clock.GetUtcNow().UtcDateTime, old.UsedAt);
        Assert.Equal(next.Id, old.ReplacedById);
        Assert.Null(next.UsedAt);
        var session = await db.Sessions.SingleAsync(s => s.Id == SessionOf(login));
        Assert.Equal(_host.Clock.GetUtcNow().UtcDateTime, session.LastUsedAt);
        Assert.Equal(next.ExpiresAt, session.ExpiresAt);

        var again = await _host.RefreshAsync(IdentityHost.RefreshToken(refreshed));
        Assert.Equal(JsonValueKind.Null, again.GetProperty("errors").ValueKind);
    }

    [Fact]
    public async Task A_used_token_presented_again_ends_the_family_and_its_newest_tokens_are_refused()
    {
        var login = await LoginAsync();
        var refreshed = await _host.RefreshAsync(IdentityHost.RefreshToken(login));
        var accessToken = IdentityHost.AccessToken(refreshed);
        (await _host.SendAsync("{ __typename }", accessToken: accessToken)).Is(HttpStatusCode.OK, GraphQLHttp.ResponseJson);

        var replayed = await _host.RefreshAsync(IdentityHost.RefreshToken(login));

        Assert.Equal("AUTH_REFRESH_TOKEN_REUSED", ErrorCode(replayed));
        Assert.Equal("AUTH_REFRESH_TOKEN_INVALID", ErrorCode(await _host.RefreshAsync(IdentityHost.RefreshToken(refreshed))));
        (await _host.SendAsync("{ __typename }", accessToken: accessToken))
            .IsRequestError(HttpStatusCode.Unauthorized, GraphQLHttp.ResponseJson, "AUTH_SESSION_REVOKED");
        await using var db = database.CreateContext();
        var session = await db.Sessions.SingleAsync(s => s.Id == SessionOf(login));
        Assert.Equal(SessionEndReason.RefreshTokenReused, session.RevokedReason);
        Assert.Equal(_host.Clock.GetUtcNow().UtcDateTime, session.RevokedAt);
    }

    [Fact]
    public async Task Another_session_of_the_user_survives_a_reuse()
    {
        var stolen = await LoginAsync();
        var other = await LoginAsync();
        await _host.RefreshAsync(IdentityHost.RefreshToken(stolen));

        await _host.RefreshAsync(IdentityHost.RefreshToken(stolen));

        Assert.Equal(JsonValueKind.Null, (await _host.RefreshAsync(IdentityHost.RefreshToken(other))).GetProperty("errors").ValueKind);
    }

    [Fact]
    public async Task An_expired_token_is_refused_but_a_session_in_use_lives_on()
    {
        var idle = await LoginAsync();
        var busy = await LoginAsync();
        var busyToken = IdentityHost.RefreshToken(busy);
        for (var day = 0; day < 3; day++)
        {
            _host.Clock.Advance(TimeSpan.FromDays(3));
            var next = await _host.RefreshAsync(busyToken);
            Assert.Equal(JsonValueKind.Null, next.GetProperty("errors").ValueKind);
            busyToken = IdentityHost.RefreshToken(next);
        }

        // Nine days later: the idle session's token expired on day seven, the busy one was refreshed every three days.
        Assert.Equal("AUTH_REFRESH_TOKEN_EXPIRED", ErrorCode(await _host.RefreshAsync(IdentityHost.RefreshToken(idle))));
        Assert.Equal(JsonValueKind.Null, (await _host.RefreshAsync(busyToken)).GetProperty("errors").ValueKind);
    }

    [Fact]
    public async Task A_token_expires_exactly_at_its_expiry()
    {
        var login = await LoginAsync();
        _host.Clock.Advance(TimeSpan.FromDays(7));

        Assert.Equal("AUTH_REFRESH_TOKEN_EXPIRED", ErrorCode(await _host.RefreshAsync(IdentityHost.RefreshToken(login))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-refresh-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    public async Task Text_that_is_no_known_token_is_invalid(string token) =>
        Assert.Equal("AUTH_REFRESH_TOKEN_INVALID", ErrorCode(await _host.RefreshAsync(token)));

    [Fact]
    public async Task Of_two_concurrent_uses_of_one_token_exactly_one_wins()
    {
        for (var round = 0; round < 3; round++)
        {
            var login = await LoginAsync();
            var token = IdentityHost.RefreshToken(login);

            var results = await Task.WhenAll(_host.RefreshAsync(token), _host.RefreshAsync(token));

            var winner = Assert.Single(results, r => r.GetProperty("errors").ValueKind == JsonValueKind.Null);
            var loser = Assert.Single(results, r => r.GetProperty("errors").ValueKind != JsonValueKind.Null);
            Assert.Equal("AUTH_REFRESH_TOKEN_REUSED", ErrorCode(loser));
            // The second use is a reuse like any other: the family ends, the winner's pair with it.
            Assert.Equal("AUTH_REFRESH_TOKEN_INVALID", ErrorCode(await _host.RefreshAsync(IdentityHost.RefreshToken(winner))));
            await using var db = database.CreateContext();
            Assert.Equal(2, await db.RefreshTokens.CountAsync(t => t.SessionId == SessionOf(login)));
        }
    }

    [Fact]
    public async Task A_refresh_carries_the_users_current_roles()
    {
        var login = await LoginAsync();
        await using (var db = database.CreateContext())
        {
            var userId = await db.Users.Where(u => u.Email == "ousmane@example.sn").Select(u => u.Id).SingleAsync();
            db.UserRoles.Add(new UserRole { UserId = userId, Role = PlatformRole.Author });
            await db.SaveChangesAsync();
        }

        var refreshed = await _host.RefreshAsync(IdentityHost.RefreshToken(login));

        Assert.Equal(["AUTHOR", "READER"], IdentityHost.Claims(IdentityHost.AccessToken(refreshed)).GetProperty("role").EnumerateArray().Select(r => r.GetString()));
        await using var cleanup = database.CreateContext();
        await cleanup.UserRoles.Where(r => r.Role == PlatformRole.Author).ExecuteDeleteAsync();
    }
}
