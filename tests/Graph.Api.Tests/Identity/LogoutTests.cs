using System.Net;
using System.Text.Json;
using Graph.Api.Identity;
using Graph.Api.Tests.GraphQL;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Identity;

/// <summary>logout over HTTP: the session ends, its refresh and access tokens are refused, other sessions go on.</summary>
public sealed class LogoutTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Password = "kedjenou-de-poulet";

    private IdentityHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = IdentityHost.Start(database);
        await _host.EnsureAccountAsync(email: "akissi@example.ci", password: Password, displayName: "Akissi Kouamé");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<JsonElement> LoginAsync() => _host.LoginAsync("akissi@example.ci", Password);

    [Fact]
    public async Task Logging_out_ends_the_session_and_refuses_its_tokens_only()
    {
        var phone = await LoginAsync();
        var laptop = await LoginAsync();
        (await _host.SendAsync("{ __typename }", accessToken: IdentityHost.AccessToken(phone))).Is(HttpStatusCode.OK, GraphQLHttp.ResponseJson);

        var payload = await _host.LogoutAsync(IdentityHost.RefreshToken(phone));

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        Assert.Equal(_host.Clock.GetUtcNow(), payload.GetProperty("revokedAt").GetDateTimeOffset());
        (await _host.SendAsync("{ __typename }", accessToken: IdentityHost.AccessToken(phone)))
            .IsRequestError(HttpStatusCode.Unauthorized, GraphQLHttp.ResponseJson, "AUTH_SESSION_REVOKED");
        var refresh = await _host.RefreshAsync(IdentityHost.RefreshToken(phone));
        Assert.Equal("AUTH_REFRESH_TOKEN_INVALID", IdentityHost.SingleError(refresh).Code);

        (await _host.SendAsync("{ __typename }", accessToken: IdentityHost.AccessToken(laptop))).Is(HttpStatusCode.OK, GraphQLHttp.ResponseJson);
        Assert.Equal(JsonValueKind.Null, (await _host.RefreshAsync(IdentityHost.RefreshToken(laptop))).GetProperty("errors").ValueKind);
        await using var db = database.CreateContext();
        var session = await db.Sessions.SingleAsync(s => s.Id == Guid.Parse(IdentityHost.Claims(IdentityHost.AccessToken(phone)).GetProperty("sid").GetString()!));
        Assert.Equal(SessionEndReason.Logout, session.RevokedReason);
    }

    [Fact]
    public async Task Logging_out_twice_changes_nothing_the_second_time()
    {
        var login = await LoginAsync();
        var first = await _host.LogoutAsync(IdentityHost.RefreshToken(login));
        _host.Clock.Advance(TimeSpan.FromMinutes(5));

        var second = await _host.LogoutAsync(IdentityHost.RefreshToken(login));

        Assert.Equal(first.GetProperty("revokedAt").GetDateTimeOffset(), second.GetProperty("revokedAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("errors").ValueKind);
    }

    [Fact]
    public async Task Any_token_of_the_family_signs_out()
    {
        var login = await LoginAsync();
        var refreshed = await _host.RefreshAsync(IdentityHost.RefreshToken(login));

        // The first token has been used; logging out with it ends the session all the same (and is no reuse alarm).
        var payload = await _host.LogoutAsync(IdentityHost.RefreshToken(login));

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        Assert.Equal("AUTH_REFRESH_TOKEN_INVALID", IdentityHost.SingleError(await _host.RefreshAsync(IdentityHost.RefreshToken(refreshed))).Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task An_unknown_token_is_an_invalid_refresh_token_error(string token)
    {
        var payload = await _host.LogoutAsync(token);

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("revokedAt").ValueKind);
        var (type, code, _) = IdentityHost.SingleError(payload);
        Assert.Equal(("InvalidRefreshTokenError", "AUTH_REFRESH_TOKEN_INVALID"), (type, code));
    }
}
