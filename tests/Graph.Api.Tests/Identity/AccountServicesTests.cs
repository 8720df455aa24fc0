using System.Net;
using System.Text.Json;
using Graph.Api.Identity;
using Graph.Api.Tests.GraphQL;
using Graph.Api.Tests.Infrastructure;
using Graph.GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Identity;

/// <summary>The services behind a signed-in user's fields: the list of sessions, ending one, changing the password.</summary>
public sealed class AccountServicesTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private IdentityHost _host = null!;

    private SessionService Sessions => _host.Services.GetRequiredService<SessionService>();

    private AccountService Accounts => _host.Services.GetRequiredService<AccountService>();

    public Task InitializeAsync()
    {
        _host = IdentityHost.Start(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static (Guid UserId, Guid SessionId) Ids(JsonElement payload)
    {
        var claims = IdentityHost.Claims(IdentityHost.AccessToken(payload));
        return (Guid.Parse(claims.GetProperty("sub").GetString()!), Guid.Parse(claims.GetProperty("sid").GetString()!));
    }

    private Task<HttpStatusCode> StatusWithAsync(JsonElement payload) =>
        _host.SendAsync("{ __typename }", accessToken: IdentityHost.AccessToken(payload)).ContinueWith(t => t.Result.Status);

    [Fact]
    public async Task The_active_sessions_are_listed_most_recent_first_with_the_current_one_marked()
    {
        const string password = "bissap-glace-du-soir";
        await _host.RegisterOkAsync(email: "ndeye@example.sn", password: password);
        var phone = await _host.LoginAsync("ndeye@example.sn", password, device: "Samsung A14", clientAddress: "41.82.1.1");
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        var laptop = await _host.LoginAsync("ndeye@example.sn", password, device: "ThinkPad", clientAddress: "41.82.2.2");
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        var old = await _host.LoginAsync("ndeye@example.sn", password, device: "Old tablet");
        await _host.LogoutAsync(IdentityHost.RefreshToken(old));
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        await _host.RefreshAsync(IdentityHost.RefreshToken(phone));
        var (userId, laptopSession) = Ids(laptop);

        var sessions = await Sessions.ListActiveAsync(userId, laptopSession);

        // The registration's session, the phone (refreshed last) and the laptop; the tablet signed out.
        Assert.Equal(["Samsung A14", "ThinkPad", null], sessions.Select(s => s.Device));
        Assert.Equal([false, true, false], sessions.Select(s => s.IsCurrent));
        Assert.Equal("41.82.1.1", sessions[0].Ip);
        Assert.Equal(_host.Clock.GetUtcNow().UtcDateTime, sessions[0].LastUsedAt);
        Assert.All(sessions, s => Assert.Null(s.RevokedAt));
        Assert.Empty(await Sessions.ListActiveAsync(Guid.CreateVersion7(), null));
    }

    [Fact]
    public async Task Expired_sessions_are_not_listed()
    {
        const string password = "poulet-yassa-du-dimanche";
        var registered = await _host.RegisterOkAsync(email: "astou@example.sn", password: password);
        var (userId, _) = Ids(registered);
        _host.Clock.Advance(TimeSpan.FromDays(8));
        var fresh = await _host.LoginAsync("astou@example.sn", password);

        var sessions = await Sessions.ListActiveAsync(userId, null);

        Assert.Equal(Ids(fresh).SessionId, Assert.Single(sessions).Id);
    }

    [Fact]
    public async Task A_user_ends_one_of_their_sessions_and_its_tokens_are_refused()
    {
        const string password = "dibi-haoussa-grille";
        var registered = await _host.RegisterOkAsync(email: "aliou@example.sn", password: password);
        var lost = await _host.LoginAsync("aliou@example.sn", password, device: "Lost phone");
        var (userId, lostSession) = Ids(lost);
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(lost));

        var payload = await Sessions.RevokeAsync(userId, lostSession, SessionEndReason.RevokedByUser);

        Assert.Null(payload.Errors);
        Assert.Equal(lostSession, payload.Session!.Id);
        Assert.Equal(_host.Clock.GetUtcNow().UtcDateTime, payload.Session.RevokedAt);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(lost));
        Assert.Equal("AUTH_REFRESH_TOKEN_INVALID", IdentityHost.SingleError(await _host.RefreshAsync(IdentityHost.RefreshToken(lost))).Code);
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(registered));
        await using var db = database.CreateContext();
        Assert.Equal(SessionEndReason.RevokedByUser, (await db.Sessions.SingleAsync(s => s.Id == lostSession)).RevokedReason);

        // Again: nothing changes, the session is returned as it ended.
        _host.Clock.Advance(TimeSpan.FromMinutes(3));
        var again = await Sessions.RevokeAsync(userId, lostSession, SessionEndReason.RevokedByUser);
        Assert.Equal(payload.Session.RevokedAt, again.Session!.RevokedAt);
    }

    [Fact]
    public async Task Another_users_session_is_not_found_and_stays_active()
    {
        var victim = await _host.RegisterOkAsync(email: "victim@example.sn", password: "lakh-au-lait-caille");
        var intruder = await _host.RegisterOkAsync(email: "intruder@example.sn", password: "ndambe-du-matin-tot");

        var payload = await Sessions.RevokeAsync(Ids(intruder).UserId, Ids(victim).SessionId, SessionEndReason.RevokedByUser);
        var unknown = await Sessions.RevokeAsync(Ids(intruder).UserId, Guid.CreateVersion7(), SessionEndReason.RevokedByUser);

        Assert.Null(payload.Session);
        Assert.IsType<SessionNotFoundError>(Assert.Single(payload.Errors!));
        Assert.Equal("SESSION_NOT_FOUND", ((SessionNotFoundError)payload.Errors![0]).Code);
        Assert.IsType<SessionNotFoundError>(Assert.Single(unknown.Errors!));
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(victim));
    }

    [Fact]
    public async Task Changing_the_password_ends_every_other_session_and_keeps_this_one()
    {
        const string oldPassword = "sombi-au-riz-sucre";
        const string newPassword = "caldou-de-ziguinchor";
        await _host.RegisterOkAsync(email: "bineta@example.sn", phone: "+221 77 400 00 01", password: oldPassword);
        var current = await _host.LoginAsync("bineta@example.sn", oldPassword);
        var other = await _host.LoginAsync("bineta@example.sn", oldPassword);
        var (userId, sessionId) = Ids(current);
        _host.Clock.Advance(TimeSpan.FromMinutes(2));

        var payload = await Accounts.ChangePasswordAsync(userId, sessionId, oldPassword, newPassword);

        Assert.Null(payload.Errors);
        Assert.Equal(userId, payload.User!.Id);
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(current));
        Assert.Equal(JsonValueKind.Null, (await _host.RefreshAsync(IdentityHost.RefreshToken(current))).GetProperty("errors").ValueKind);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(other));
        Assert.Equal("AUTH_REFRESH_TOKEN_INVALID", IdentityHost.SingleError(await _host.RefreshAsync(IdentityHost.RefreshToken(other))).Code);
        Assert.Equal("INVALID_CREDENTIALS", IdentityHost.SingleError(await _host.LoginAsync("bineta@example.sn", oldPassword)).Code);
        Assert.Equal(JsonValueKind.Null, (await _host.LoginAsync("+221774000001", newPassword)).GetProperty("errors").ValueKind);
        await using var db = database.CreateContext();
        Assert.Equal(_host.Clock.GetUtcNow().UtcDateTime, (await db.Users.SingleAsync(u => u.Id == userId)).PasswordChangedAt);
        Assert.Equal(SessionEndReason.PasswordChanged, (await db.Sessions.SingleAsync(s => s.Id == Ids(other).SessionId)).RevokedReason);
    }

    [Fact]
    public async Task A_wrong_current_password_or_a_weak_new_one_changes_nothing()
    {
        const string password = "thiakry-a-la-vanille";
        var registered = await _host.RegisterOkAsync(email: "coumba@example.sn", phone: "+221 77 400 00 02", password: password);
        var other = await _host.LoginAsync("coumba@example.sn", password);
        var (userId, sessionId) = Ids(registered);

        var wrong = await Accounts.ChangePasswordAsync(userId, sessionId, "not-my-password", "another-good-password");
        var weak = await Accounts.ChangePasswordAsync(userId, sessionId, password, "motdepasse123");
        var phone = await Accounts.ChangePasswordAsync(userId, sessionId, password, "+221 77 400 00 02");
        var same = await Accounts.ChangePasswordAsync(userId, sessionId, password, password);

        Assert.Equal("INVALID_CURRENT_PASSWORD", Assert.IsType<InvalidCurrentPasswordError>(Assert.Single(wrong.Errors!)).Code);
        var weakError = Assert.IsType<WeakPasswordError>(Assert.Single(weak.Errors!));
        Assert.Equal(("newPassword", "WEAK_PASSWORD"), (weakError.Field, weakError.Code));
        Assert.Equal("The password must not be the account's email address or phone number.", Assert.IsType<WeakPasswordError>(Assert.Single(phone.Errors!)).Message);
        Assert.Equal("The new password must differ from the current one.", Assert.IsType<WeakPasswordError>(Assert.Single(same.Errors!)).Message);
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(other));
        Assert.Equal(JsonValueKind.Null, (await _host.LoginAsync("coumba@example.sn", password)).GetProperty("errors").ValueKind);
    }

    [Fact]
    public async Task Guessing_the_current_password_is_throttled_like_logins()
    {
        const string password = "pastels-au-thon-frit";
        var registered = await _host.RegisterOkAsync(email: "lamine@example.sn", password: password);
        var (userId, sessionId) = Ids(registered);
        for (var i = 0; i < 5; i++)
        {
            Assert.IsType<InvalidCurrentPasswordError>(Assert.Single((await Accounts.ChangePasswordAsync(userId, sessionId, "guess-" + i, "another-good-password")).Errors!));
        }

        var refused = await Accounts.ChangePasswordAsync(userId, sessionId, password, "another-good-password");

        Assert.Equal(900, Assert.IsType<TooManyAttemptsError>(Assert.Single(refused.Errors!)).RetryAfterSeconds);
        // The account itself is throttled: signing in is refused too.
        Assert.Equal("TOO_MANY_ATTEMPTS", IdentityHost.SingleError(await _host.LoginAsync("lamine@example.sn", password)).Code);
    }

    [Fact]
    public async Task A_revoked_session_cannot_change_the_password()
    {
        const string password = "couscous-de-mil-sec";
        var registered = await _host.RegisterOkAsync(email: "pape@example.sn", password: password);
        var (userId, sessionId) = Ids(registered);
        await _host.LogoutAsync(IdentityHost.RefreshToken(registered));

        var error = await Assert.ThrowsAsync<GraphQLException>(() => Accounts.ChangePasswordAsync(userId, sessionId, password, "another-good-password"));

        Assert.Equal("AUTH_SESSION_REVOKED", error.Errors[0].Code);
        Assert.Equal(JsonValueKind.Null, (await _host.LoginAsync("pape@example.sn", password)).GetProperty("errors").ValueKind);
    }

    [Fact]
    public async Task A_user_is_found_with_their_roles()
    {
        var registered = await _host.RegisterOkAsync(email: "yacine@example.sn", password: "beignets-de-niebe");

        var user = await Accounts.FindUserAsync(Ids(registered).UserId);

        Assert.Equal("yacine@example.sn", user!.Email);
        Assert.Equal(PlatformRole.Reader, Assert.Single(user.Roles!).Role);
        Assert.Null(await Accounts.FindUserAsync(Guid.CreateVersion7()));
    }
}
