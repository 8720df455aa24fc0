using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Graph.Api.Data.Seed;
using Graph.Api.Identity;
using Graph.Api.Tests.GraphQL;
using Graph.Api.Tests.GraphQL.Streaming;
using Graph.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Graph.Api.Tests.Identity;

/// <summary>
/// What a signed-in user does with the account over HTTP, with real tokens from login: me, mySessions, revokeSession,
/// changePassword; and what staff do: users, node(id) of another account, setUserRoles.
/// </summary>
public sealed class SignedInAccountTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Password = DemoAccounts.DefaultPassword;

    private GraphApiFactory _factory = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        await using (var db = database.CreateContext())
        {
            await DemoSeeder.SeedAsync(db, TimeProvider.System, new DemoAccounts(Password, new PasswordHasher<User>()));
        }
        _factory = new GraphApiFactory(database.ConnectionString);
        _client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    private async Task<(string Access, string Refresh, string UserId)> LoginAsync(string email, string device = "Tecno Spark")
    {
        var body = await SendAsync("""
            mutation($input: LoginInput!) { login(input: $input) { user { id } tokens { accessToken refreshToken } errors { __typename } } }
            """, new { input = new { login = email, password = Password, device } });
        var login = body.GetProperty("data").GetProperty("login");
        Assert.Equal(JsonValueKind.Null, login.GetProperty("errors").ValueKind);
        return (login.GetProperty("tokens").GetProperty("accessToken").GetString()!, login.GetProperty("tokens").GetProperty("refreshToken").GetString()!,
            login.GetProperty("user").GetProperty("id").GetString()!);
    }

    private async Task<JsonElement> SendAsync(string query, object? variables = null, string? token = null, HttpStatusCode status = HttpStatusCode.OK)
    {
        var request = GraphQLHttp.PostQuery(query, variables);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        var response = await _client.SendGraphQLAsync(request);
        Assert.True(response.Status == status, $"{(int)response.Status}: {response.Text}");
        return response.Body.Clone();
    }

    private static string? Code(JsonElement body) =>
        body.TryGetProperty("errors", out var errors) ? errors[0].GetProperty("extensions").GetProperty("code").GetString() : null;

    [Fact]
    public async Task Me_and_my_sessions_answer_for_the_signed_in_user_and_refuse_anonymous_callers()
    {
        var (access, _, userId) = await LoginAsync("reader@graph.local");
        await LoginAsync("reader@graph.local", device: "Itel A70");

        var body = await SendAsync("{ me { id email roles } mySessions { device isCurrent } }", token: access);
        var anonymous = await SendAsync("{ me { id } }");

        Assert.Equal(userId, body.GetProperty("data").GetProperty("me").GetProperty("id").GetString());
        Assert.Equal("reader@graph.local", body.GetProperty("data").GetProperty("me").GetProperty("email").GetString());
        var sessions = body.GetProperty("data").GetProperty("mySessions").EnumerateArray().ToList();
        Assert.True(sessions.Count >= 2);
        Assert.Equal("Tecno Spark", Assert.Single(sessions, s => s.GetProperty("isCurrent").GetBoolean()).GetProperty("device").GetString());
        Assert.Equal("AUTH_NOT_AUTHENTICATED", Code(anonymous));
        Assert.Equal(JsonValueKind.Null, anonymous.GetProperty("data").GetProperty("me").ValueKind);
    }

    [Fact]
    public async Task Revoking_another_session_makes_its_access_token_refused()
    {
        var (phone, _, _) = await LoginAsync("analyst@graph.local", device: "Phone");
        var (laptop, _, _) = await LoginAsync("analyst@graph.local", device: "Laptop");
        var sessions = await SendAsync("{ mySessions { id device } }", token: laptop);
        var phoneSession = sessions.GetProperty("data").GetProperty("mySessions").EnumerateArray().Single(s => s.GetProperty("device").GetString() == "Phone");

        var revoked = await SendAsync("mutation($input: RevokeSessionInput!) { revokeSession(input: $input) { session { id } errors { __typename } } }",
            new { input = new { sessionId = phoneSession.GetProperty("id").GetString() } }, laptop);
        var refused = await SendAsync("{ me { id } }", token: phone, status: HttpStatusCode.Unauthorized);

        Assert.Equal(JsonValueKind.Null, revoked.GetProperty("data").GetProperty("revokeSession").GetProperty("errors").ValueKind);
        Assert.Equal("AUTH_SESSION_REVOKED", Code(refused));
    }

    [Fact]
    public async Task Another_users_session_cannot_be_revoked()
    {
        var (victim, _, _) = await LoginAsync("finance@graph.local");
        var (attacker, _, _) = await LoginAsync("buyer@graph.local");
        var victimSessions = await SendAsync("{ mySessions { id } }", token: victim);
        var id = victimSessions.GetProperty("data").GetProperty("mySessions")[0].GetProperty("id").GetString();

        var body = await SendAsync("mutation($input: RevokeSessionInput!) { revokeSession(input: $input) { session { id } errors { ... on Error { code } } } }",
            new { input = new { sessionId = id } }, attacker);

        Assert.Equal("SESSION_NOT_FOUND", body.GetProperty("data").GetProperty("revokeSession").GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _client.SendGraphQLAsync(WithToken(GraphQLHttp.PostQuery("{ me { id } }"), victim))).Status);
    }

    [Fact]
    public async Task Users_and_other_accounts_are_for_staff_only()
    {
        var (reader, _, _) = await LoginAsync("reader@graph.local");
        var (support, _, _) = await LoginAsync("support@graph.local");
        var (_, _, authorId) = await LoginAsync("author@graph.local");

        var readerList = await SendAsync("{ users(first: 50) { totalCount } }", token: reader);
        var supportList = await SendAsync("{ users(first: 50) { totalCount } }", token: support);
        var readerNode = await SendAsync("query($id: ID!) { node(id: $id) { id } }", new { id = authorId }, reader);
        var supportNode = await SendAsync("query($id: ID!) { node(id: $id) { ... on User { email } } }", new { id = authorId }, support);

        Assert.Equal("AUTH_NOT_AUTHORIZED", Code(readerList));
        Assert.True(supportList.GetProperty("data").GetProperty("users").GetProperty("totalCount").GetInt32() >= 8);
        Assert.Equal(JsonValueKind.Null, readerNode.GetProperty("data").GetProperty("node").ValueKind);
        Assert.Equal("author@graph.local", supportNode.GetProperty("data").GetProperty("node").GetProperty("email").GetString());
    }

    [Fact]
    public async Task Set_user_roles_changes_the_roles_ends_the_sessions_and_keeps_one_admin()
    {
        var (admin, _, adminId) = await LoginAsync("admin@graph.local");
        var (cooperative, _, cooperativeId) = await LoginAsync("cooperative.manager@graph.local");
        const string SetRoles = "mutation($input: SetUserRolesInput!) { setUserRoles(input: $input) { user { roles } errors { ... on Error { code } } } }";

        var denied = await SendAsync(SetRoles, new { input = new { userId = cooperativeId, roles = new[] { "ADMIN" } } }, cooperative);
        var changed = await SendAsync(SetRoles, new { input = new { userId = cooperativeId, roles = new[] { "COOPERATIVE_MANAGER", "BUYER" } } }, admin);
        var oldToken = await SendAsync("{ me { id } }", token: cooperative, status: HttpStatusCode.Unauthorized);
        var lastAdmin = await SendAsync(SetRoles, new { input = new { userId = adminId, roles = new[] { "READER" } } }, admin);

        Assert.Equal("AUTH_NOT_AUTHORIZED", Code(denied));
        Assert.Equal(["BUYER", "COOPERATIVE_MANAGER"], changed.GetProperty("data").GetProperty("setUserRoles").GetProperty("user").GetProperty("roles")
            .EnumerateArray().Select(r => r.GetString()!).Order().ToArray());
        Assert.Equal("AUTH_SESSION_REVOKED", Code(oldToken));
        Assert.Equal("LAST_ADMIN", lastAdmin.GetProperty("data").GetProperty("setUserRoles").GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Change_password_keeps_this_session_and_ends_the_others()
    {
        var (current, _, _) = await LoginAsync("support@graph.local", device: "Desk");
        var (other, _, _) = await LoginAsync("support@graph.local", device: "Phone");

        var body = await SendAsync("mutation($input: ChangePasswordInput!) { changePassword(input: $input) { user { id } errors { __typename } } }",
            new { input = new { currentPassword = Password, newPassword = "baobab-de-kaolack-1960" } }, current);
        var stillIn = await SendAsync("{ me { email } }", token: current);
        var ended = await SendAsync("{ me { email } }", token: other, status: HttpStatusCode.Unauthorized);

        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").GetProperty("changePassword").GetProperty("errors").ValueKind);
        Assert.Equal("support@graph.local", stillIn.GetProperty("data").GetProperty("me").GetProperty("email").GetString());
        Assert.Equal("AUTH_SESSION_REVOKED", Code(ended));
        await SendAsync("mutation($input: ChangePasswordInput!) { changePassword(input: $input) { errors { __typename } } }",
            new { input = new { currentPassword = "baobab-de-kaolack-1960", newPassword = Password } }, current);
    }

    [Fact]
    public async Task A_subscription_ends_with_AUTH_NOT_AUTHENTICATED_once_its_session_is_revoked()
    {
        var (console, refresh, _) = await LoginAsync("admin@graph.local", device: "Console");
        using var request = WithToken(GraphQLHttp.PostQuery("subscription { auditEntryAdded { action entityType } }", null, "text/event-stream"), console);
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());

        // Signing the console out writes audit entries; so does the sign-in that follows, after the revocation is known.
        await SendAsync("mutation($input: LogoutInput!) { logout(input: $input) { revokedAt } }", new { input = new { refreshToken = refresh } });
        await LoginAsync("reader@graph.local");

        JsonElement denial;
        var delivered = 0;
        do
        {
            denial = (await events.ReadEventAsync("next").WaitAsync(TimeSpan.FromSeconds(30))).Json;
            Assert.True(++delivered < 20, "The revoked subscriber kept receiving events.");
        }
        while (!denial.TryGetProperty("errors", out _));
        await events.ReadEventAsync("complete").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("AUTH_NOT_AUTHENTICATED", Code(denial));
    }

    private static HttpRequestMessage WithToken(HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
