using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Graph.Api.Tests.GraphQL;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Graph.Api.Tests.Identity;

/// <summary>
/// The Authorization header of requests to /graphql: no header is anonymous, a valid access token is its user, anything
/// else is refused with 401, a code saying why, and nothing run.
/// </summary>
public sealed class AccessTokenTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Password = "yassa-au-citron-vert";

    private IdentityHost _host = null!;
    private string _accessToken = null!;

    public async Task InitializeAsync()
    {
        _host = IdentityHost.Start(database);
        var registered = await _host.EnsureAccountAsync(email: "binta@example.gn", password: Password, displayName: "Binta Camara");
        _accessToken = IdentityHost.AccessToken(registered);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>A token signed with <paramref name="key"/> whose claims are those of a valid token, edited.</summary>
    private string Forge(Action<JsonObject> edit, string key = IdentityHost.DevelopmentSigningKey)
    {
        var claims = JsonNode.Parse(IdentityHost.Claims(_accessToken).GetRawText())!.AsObject();
        edit(claims);
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(claims.ToJsonString(), new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256));
    }

    private async Task AssertRefusedAsync(string authorization, string code)
    {
        var response = await _host.SendAsync("{ __typename }", authorization: authorization);

        response.IsRequestError(HttpStatusCode.Unauthorized, GraphQLHttp.ResponseJson, code);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.StartsWith("error=\"invalid_token\", error_description=\"", challenge.Parameter);
        var message = Assert.Single(response.Body.GetProperty("errors").EnumerateArray()).GetProperty("message").GetString();
        Assert.Contains(message!, challenge.Parameter);
    }

    [Fact]
    public async Task No_header_is_anonymous_and_passes() =>
        (await _host.SendAsync("{ __typename }")).Is(HttpStatusCode.OK, GraphQLHttp.ResponseJson);

    [Fact]
    public async Task A_valid_token_passes_whatever_the_case_of_the_scheme()
    {
        (await _host.SendAsync("{ __typename }", accessToken: _accessToken)).Is(HttpStatusCode.OK, GraphQLHttp.ResponseJson);
        (await _host.SendAsync("{ __typename }", authorization: "bearer  " + _accessToken)).Is(HttpStatusCode.OK, GraphQLHttp.ResponseJson);
    }

    [Fact]
    public async Task An_expired_token_is_refused_as_expired()
    {
        var clock = new ManualClock();
        await using var host = IdentityHost.Start(database, clock: clock);
        var token = IdentityHost.AccessToken(await host.LoginAsync("binta@example.gn", Password));
        clock.Advance(TimeSpan.FromMinutes(59));
        (await host.SendAsync("{ __typename }", accessToken: token)).Is(HttpStatusCode.OK, GraphQLHttp.ResponseJson);

        clock.Advance(TimeSpan.FromMinutes(1));

        var response = await host.SendAsync("{ __typename }", accessToken: token);
        response.IsRequestError(HttpStatusCode.Unauthorized, GraphQLHttp.ResponseJson, "AUTH_TOKEN_EXPIRED");
        Assert.Equal("The access token has expired; refresh it.", Assert.Single(response.Body.GetProperty("errors").EnumerateArray()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_tampered_payload_is_invalid()
    {
        var parts = _accessToken.Split('.');
        var claims = JsonNode.Parse(IdentityHost.Base64UrlDecode(parts[1]))!.AsObject();
        claims["role"] = new JsonArray("ADMIN");
        var tampered = $"{parts[0]}.{IdentityHost.Base64UrlEncode(claims.ToJsonString())}.{parts[2]}";

        await AssertRefusedAsync("Bearer " + tampered, "AUTH_TOKEN_INVALID");
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_invalid() =>
        await AssertRefusedAsync("Bearer " + Forge(_ => { }, key: "another-key-that-is-long-enough-for-hmac-sha256-0123456789"), "AUTH_TOKEN_INVALID");

    [Fact]
    public async Task A_token_of_another_issuer_or_audience_is_invalid()
    {
        await AssertRefusedAsync("Bearer " + Forge(c => c["iss"] = "elsewhere"), "AUTH_TOKEN_INVALID");
        await AssertRefusedAsync("Bearer " + Forge(c => c["aud"] = "another-api"), "AUTH_TOKEN_INVALID");
    }

    [Fact]
    public async Task A_correctly_signed_token_lacking_a_claim_is_invalid()
    {
        await AssertRefusedAsync("Bearer " + Forge(c => c.Remove("sid")), "AUTH_TOKEN_INVALID");
        await AssertRefusedAsync("Bearer " + Forge(c => c["sub"] = "not-a-guid"), "AUTH_TOKEN_INVALID");
        await AssertRefusedAsync("Bearer " + Forge(c => c.Remove("exp")), "AUTH_TOKEN_INVALID");
    }

    [Fact]
    public async Task A_forged_expiry_does_not_outlive_the_signature()
    {
        // Signed with the right key, the expiry is trusted: the check is the clock's.
        await AssertRefusedAsync("Bearer " + Forge(c => c["exp"] = _host.Clock.GetUtcNow().AddMinutes(-1).ToUnixTimeSeconds()), "AUTH_TOKEN_EXPIRED");
    }

    [Fact]
    public async Task An_unsigned_token_is_invalid()
    {
        var parts = _accessToken.Split('.');
        var none = $"{IdentityHost.Base64UrlEncode("""{"alg":"none","typ":"JWT"}""")}.{parts[1]}.";

        await AssertRefusedAsync("Bearer " + none, "AUTH_TOKEN_INVALID");
    }

    [Theory]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer a.b.c")]
    [InlineData("Bearer ")]
    [InlineData("Bearer")]
    [InlineData("Basic YmludGE6c2VjcmV0")]
    [InlineData("Token abc")]
    [InlineData("Bearer two tokens")]
    public async Task A_malformed_header_is_invalid(string authorization) =>
        await AssertRefusedAsync(authorization, "AUTH_TOKEN_INVALID");

    [Fact]
    public async Task A_token_of_a_revoked_session_is_refused_as_revoked()
    {
        var login = await _host.LoginAsync("binta@example.gn", Password);
        await _host.LogoutAsync(IdentityHost.RefreshToken(login));

        await AssertRefusedAsync("Bearer " + IdentityHost.AccessToken(login), "AUTH_SESSION_REVOKED");
    }

    [Theory]
    [InlineData(GraphQLHttp.ResponseJson, GraphQLHttp.ResponseJson)]
    [InlineData(GraphQLHttp.Json, GraphQLHttp.Json)]
    [InlineData("*/*", GraphQLHttp.Json)]
    [InlineData("text/html", GraphQLHttp.Json)]
    public async Task The_refusal_is_written_in_the_media_type_asked_for(string accept, string mediaType)
    {
        var response = await _host.SendAsync("{ __typename }", authorization: "Bearer nope", accept: accept);

        response.IsRequestError(HttpStatusCode.Unauthorized, mediaType, "AUTH_TOKEN_INVALID");
    }

    [Fact]
    public async Task A_refused_request_runs_nothing()
    {
        await using var before = database.CreateContext();
        var users = await before.Users.CountAsync();

        var response = await _host.SendAsync(IdentityHost.RegisterMutation,
            new Dictionary<string, object?> { ["input"] = new { email = "never@example.gn", displayName = "Nobody", password = "baobab-sous-la-pluie" } },
            authorization: "Bearer " + Forge(_ => { }, key: "another-key-that-is-long-enough-for-hmac-sha256-0123456789"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        await using var after = database.CreateContext();
        Assert.Equal(users, await after.Users.CountAsync());
        Assert.False(await after.Users.AnyAsync(u => u.Email == "never@example.gn"));
    }

    [Fact]
    public async Task Other_endpoints_are_not_refused_for_a_bad_token()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer nope");

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_request_user_is_the_tokens_principal()
    {
        var principal = await AuthenticateAsync("Bearer " + _accessToken);

        Assert.True(principal.Identity!.IsAuthenticated);
        Assert.Equal("Bearer", principal.Identity.AuthenticationType);
        Assert.Equal("Binta Camara", principal.Identity.Name);
        Assert.True(principal.IsInRole("READER"));
        Assert.False(principal.IsInRole("ADMIN"));
        await using var db = database.CreateContext();
        var userId = await db.Users.Where(u => u.Email == "binta@example.gn").Select(u => u.Id).SingleAsync();
        Assert.Equal(userId.ToString("D"), principal.FindFirst("sub")?.Value);
        Assert.NotNull(principal.FindFirst("sid"));
        Assert.NotNull(principal.FindFirst("jti"));
        // Claims keep their JWT names: no mapping to the long claim types.
        Assert.Null(principal.FindFirst(ClaimTypes.NameIdentifier));
    }

    private async Task<ClaimsPrincipal> AuthenticateAsync(string authorization)
    {
        using var scope = _host.Services.CreateScope();
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Authorization = authorization;
        var result = await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.AuthenticateAsync(context, "Bearer");
        Assert.True(result.Succeeded, result.Failure?.Message);
        return result.Principal!;
    }
}
