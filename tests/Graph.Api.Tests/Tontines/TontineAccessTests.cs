using System.Net;
using System.Text.Json;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.Api.Tests.GraphQL;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tontines;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Tontines;

/// <summary>Who sees which tontine, and who may change its members: the row rule and the per-tontine role policies.</summary>
public sealed class TontineAccessTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string AddMember = """
        mutation($input: AddTontineMemberInput!) {
          addTontineMember(input: $input) { member { role user { id displayName } } errors { __typename ... on Error { code } } }
        }
        """;

    private const string SetRole = """
        mutation($input: SetTontineMemberRoleInput!) {
          setTontineMemberRole(input: $input) { member { role user { id } } errors { __typename ... on Error { code } } }
        }
        """;

    private GraphApiFactory _factory = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _factory = new GraphApiFactory(database.ConnectionString, services: TestClients.Add);
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task A_member_sees_only_their_tontines_in_the_list_by_id_and_by_node()
    {
        var awa = await UserAsync("Awa Traoré");
        var binta = await UserAsync("Binta Camara");
        var mine = await TontineAsync("Tontine des tisserandes", (binta, TontineRole.President), (awa, TontineRole.Member));
        var other = await TontineAsync("Tontine des pêcheurs", (binta, TontineRole.President));

        var list = await SendAsync("""
            { tontines(first: 5) { totalCount nodes { id name myRole members { role user { id displayName } } } } }
            """, null, awa);
        var connection = Data(list).GetProperty("tontines");
        Assert.Equal(1, connection.GetProperty("totalCount").GetInt32());
        var node = Assert.Single(connection.GetProperty("nodes").EnumerateArray());
        Assert.Equal(GlobalIds.Tontine(mine), node.GetProperty("id").GetString());
        Assert.Equal("MEMBER", node.GetProperty("myRole").GetString());
        Assert.Equal(
            [("PRESIDENT", GlobalIds.User(binta), "Binta Camara"), ("MEMBER", GlobalIds.User(awa), "Awa Traoré")],
            node.GetProperty("members").EnumerateArray().Select(m => (
                m.GetProperty("role").GetString(),
                m.GetProperty("user").GetProperty("id").GetString(),
                m.GetProperty("user").GetProperty("displayName").GetString())));

        const string ById = """
            query($id: ID!) { tontine(id: $id) { name } node(id: $id) { ... on Tontine { name } } }
            """;
        var seen = Data(await SendAsync(ById, new { id = GlobalIds.Tontine(mine) }, awa));
        Assert.Equal("Tontine des tisserandes", seen.GetProperty("tontine").GetProperty("name").GetString());
        Assert.Equal("Tontine des tisserandes", seen.GetProperty("node").GetProperty("name").GetString());
        var hidden = Data(await SendAsync(ById, new { id = GlobalIds.Tontine(other) }, awa));
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("tontine").ValueKind);
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("node").ValueKind);
    }

    [Theory]
    [InlineData(PlatformRoles.AdminName)]
    [InlineData(PlatformRoles.SupportName)]
    [InlineData(PlatformRoles.FinanceName)]
    public async Task Admin_support_and_finance_see_every_tontine(string role)
    {
        var president = await UserAsync("Coumba Fall");
        var first = await TontineAsync($"Tontine des maraîchères {role}", (president, TontineRole.President));
        var second = await TontineAsync($"Tontine des tailleurs {role}", (president, TontineRole.President));
        var staff = await UserAsync("Kofi Asante");

        var response = await SendAsync("""
            query($names: [String!], $id: ID!) {
              tontines(where: { name: { in: $names } }) { totalCount }
              tontine(id: $id) { name myRole }
            }
            """, new { names = new[] { $"Tontine des maraîchères {role}", $"Tontine des tailleurs {role}" }, id = GlobalIds.Tontine(second) }, staff, role);

        var data = Data(response);
        Assert.Equal(2, data.GetProperty("tontines").GetProperty("totalCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("tontine").GetProperty("myRole").ValueKind);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Anonymous_callers_are_refused_the_list_and_see_no_tontine_by_node()
    {
        var president = await UserAsync("Ramatou Bah");
        var tontine = await TontineAsync("Tontine du marché Kermel", (president, TontineRole.President));

        var list = await _client.SendGraphQLAsync(GraphQLHttp.PostQuery("{ tontines { totalCount } }"));
        Assert.Equal("AUTH_NOT_AUTHENTICATED", list.ErrorCode);

        var node = await _client.SendGraphQLAsync(GraphQLHttp.PostQuery("query($id: ID!) { node(id: $id) { id } }", new { id = GlobalIds.Tontine(tontine) }));
        Assert.Equal(JsonValueKind.Null, Data(node).GetProperty("node").ValueKind);
    }

    [Fact]
    public async Task CreateTontine_makes_the_caller_its_president()
    {
        var awa = await UserAsync("Awa Diagne");

        var response = await SendAsync("""
            mutation($start: Date!) {
              createTontine(input: { name: "  Tontine de la Médina ", type: ROTATING, frequency: MONTHLY, contribution: { amount: 10000, currency: XOF }, startDate: $start }) {
                tontine { id name myRole } errors { __typename }
              }
            }
            """, new { start = Tomorrow }, awa);

        var tontine = Data(response).GetProperty("createTontine").GetProperty("tontine");
        Assert.Equal("Tontine de la Médina", tontine.GetProperty("name").GetString());
        Assert.Equal("PRESIDENT", tontine.GetProperty("myRole").GetString());
        var id = GlobalIds.KeyOf(tontine.GetProperty("id").GetString()!);
        await using var db = database.CreateContext();
        var member = await db.TontineMembers.SingleAsync(m => m.TontineId == id);
        Assert.Equal((awa, TontineRole.President), (member.UserId, member.Role));
    }

    [Fact]
    public async Task CreateTontine_refuses_an_empty_name()
    {
        var response = await SendAsync("""
            mutation($start: Date!) {
              createTontine(input: { name: "   ", type: ROTATING, frequency: WEEKLY, contribution: { amount: 5000, currency: XOF }, startDate: $start }) {
                tontine { id } errors { ... on Error { code } }
              }
            }
            """, new { start = Tomorrow }, await UserAsync("Awa Sy"));

        var payload = Data(response).GetProperty("createTontine");
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("tontine").ValueKind);
        Assert.Equal("INVALID_TONTINE_INPUT", Assert.Single(payload.GetProperty("errors").EnumerateArray()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_president_adds_members_and_sets_their_roles()
    {
        var president = await UserAsync("Ndeye Sarr");
        var newcomer = await UserAsync("Adama Cissé");
        var tontine = await TontineAsync("Tontine des coiffeuses", (president, TontineRole.President));

        var added = Data(await SendAsync(AddMember, Input(tontine, newcomer, "MEMBER"), president)).GetProperty("addTontineMember");
        Assert.Equal(JsonValueKind.Null, added.GetProperty("errors").ValueKind);
        Assert.Equal("MEMBER", added.GetProperty("member").GetProperty("role").GetString());
        Assert.Equal("Adama Cissé", added.GetProperty("member").GetProperty("user").GetProperty("displayName").GetString());

        var changed = Data(await SendAsync(SetRole, Input(tontine, newcomer, "TREASURER"), president)).GetProperty("setTontineMemberRole");
        Assert.Equal(JsonValueKind.Null, changed.GetProperty("errors").ValueKind);
        Assert.Equal("TREASURER", changed.GetProperty("member").GetProperty("role").GetString());

        Assert.Equal(TontineRole.Treasurer, await RoleAsync(tontine, newcomer));
    }

    [Fact]
    public async Task AddTontineMember_reports_an_unknown_user_and_an_existing_member()
    {
        var president = await UserAsync("Mariama Baldé");
        var member = await UserAsync("Oumou Sangaré");
        var tontine = await TontineAsync("Tontine de Colobane", (president, TontineRole.President), (member, TontineRole.Member));

        Assert.Equal("USER_NOT_FOUND", await ErrorCodeAsync(AddMember, "addTontineMember", Input(tontine, Guid.CreateVersion7(), "MEMBER"), president));
        Assert.Equal("ALREADY_TONTINE_MEMBER", await ErrorCodeAsync(AddMember, "addTontineMember", Input(tontine, member, "TREASURER"), president));
        Assert.Equal(TontineRole.Member, await RoleAsync(tontine, member));
    }

    [Theory]
    [InlineData(TontineRole.Treasurer)]
    [InlineData(TontineRole.Member)]
    [InlineData(null)]
    public async Task Treasurers_members_and_outsiders_may_not_manage_members_and_nothing_is_written(TontineRole? callerRole)
    {
        var president = await UserAsync("Sokhna Mbaye");
        var caller = await UserAsync("Ibrahima Gueye");
        var outsider = await UserAsync("Aliou Faye");
        (Guid, TontineRole)[] members = callerRole is { } role ? [(president, TontineRole.President), (caller, role)] : [(president, TontineRole.President)];
        var tontine = await TontineAsync("Tontine des vendeuses de poisson", members);

        var add = await SendAsync(AddMember, Input(tontine, outsider, "MEMBER"), caller);
        var promote = await SendAsync(SetRole, Input(tontine, caller, "PRESIDENT"), caller);
        var demote = await SendAsync(SetRole, Input(tontine, president, "MEMBER"), caller);

        Assert.Equal("AUTH_NOT_AUTHORIZED", add.ErrorCode);
        Assert.Equal("AUTH_NOT_AUTHORIZED", promote.ErrorCode);
        Assert.Equal("AUTH_NOT_AUTHORIZED", demote.ErrorCode);
        await using var db = database.CreateContext();
        Assert.Equal(
            members.Select(m => (m.Item1, m.Item2)).OrderBy(m => m.Item1),
            (await db.TontineMembers.Where(m => m.TontineId == tontine).ToListAsync()).Select(m => (m.UserId, m.Role)).OrderBy(m => m.UserId));
    }

    [Fact]
    public async Task An_admin_manages_the_members_of_any_tontine()
    {
        var president = await UserAsync("Astou Kane");
        var newcomer = await UserAsync("Pape Diouf");
        var tontine = await TontineAsync("Tontine de Pikine", (president, TontineRole.President));

        var response = await SendAsync(AddMember, Input(tontine, newcomer, "TREASURER"), await UserAsync("Aïssatou Sow"), PlatformRoles.AdminName);

        Assert.Equal("TREASURER", Data(response).GetProperty("addTontineMember").GetProperty("member").GetProperty("role").GetString());
        Assert.Equal(TontineRole.Treasurer, await RoleAsync(tontine, newcomer));
    }

    [Fact]
    public async Task The_last_president_may_not_be_demoted_until_another_member_is_president()
    {
        var president = await UserAsync("Khady Seck");
        var treasurer = await UserAsync("Rokhaya Diallo");
        var tontine = await TontineAsync("Tontine de Grand-Yoff", (president, TontineRole.President), (treasurer, TontineRole.Treasurer));

        Assert.Equal("LAST_TONTINE_PRESIDENT", await ErrorCodeAsync(SetRole, "setTontineMemberRole", Input(tontine, president, "MEMBER"), president));
        Assert.Equal(TontineRole.President, await RoleAsync(tontine, president));

        Assert.Null(await ErrorCodeAsync(SetRole, "setTontineMemberRole", Input(tontine, treasurer, "PRESIDENT"), president));
        Assert.Null(await ErrorCodeAsync(SetRole, "setTontineMemberRole", Input(tontine, president, "MEMBER"), president));
        Assert.Equal(TontineRole.Member, await RoleAsync(tontine, president));
        Assert.Equal(TontineRole.President, await RoleAsync(tontine, treasurer));
    }

    [Fact]
    public async Task SetTontineMemberRole_reports_a_user_who_is_not_a_member()
    {
        var president = await UserAsync("Dieynaba Ly");
        var tontine = await TontineAsync("Tontine de Thiaroye", (president, TontineRole.President));

        Assert.Equal("NOT_TONTINE_MEMBER", await ErrorCodeAsync(SetRole, "setTontineMemberRole", Input(tontine, await UserAsync("Malick Sall"), "MEMBER"), president));
    }

    private static string Tomorrow => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1).ToString("yyyy-MM-dd");

    private static object Input(Guid tontine, Guid user, string role) =>
        new { input = new { tontineId = GlobalIds.Tontine(tontine), userId = GlobalIds.User(user), role } };

    private async Task<GraphQLHttpResponse> SendAsync(string query, object? variables, Guid user, params string[] roles) =>
        await _client.SendGraphQLAsync(GraphQLHttp.PostQuery(query, variables).As(user, "Test", roles));

    private async Task<string?> ErrorCodeAsync(string mutation, string field, object variables, Guid user)
    {
        var errors = Data(await SendAsync(mutation, variables, user)).GetProperty(field).GetProperty("errors");
        return errors.ValueKind == JsonValueKind.Null ? null : Assert.Single(errors.EnumerateArray()).GetProperty("code").GetString();
    }

    private static JsonElement Data(GraphQLHttpResponse response)
    {
        Assert.False(response.HasErrors, response.Text);
        return response.Body.GetProperty("data");
    }

    private async Task<Guid> UserAsync(string displayName)
    {
        await using var db = database.CreateContext();
        var now = DateTime.UtcNow;
        var user = new User
        {
            Email = $"{Guid.NewGuid():N}@tontines.test",
            DisplayName = displayName,
            PreferredLanguage = PreferredLanguage.Fr,
            CreatedAt = now,
            PasswordChangedAt = now,
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    private async Task<Guid> TontineAsync(string name, params (Guid User, TontineRole Role)[] members)
    {
        await using var db = database.CreateContext();
        var now = DateTime.UtcNow;
        var tontine = new Tontine { Name = name, CreatedAt = now };
        db.Tontines.Add(tontine);
        foreach (var (user, role) in members)
        {
            tontine.Members.Add(new TontineMember { TontineId = tontine.Id, UserId = user, Role = role, JoinedAt = now });
        }
        await db.SaveChangesAsync();
        return tontine.Id;
    }

    private async Task<TontineRole?> RoleAsync(Guid tontine, Guid user)
    {
        await using var db = database.CreateContext();
        return await db.TontineMembers.Where(m => m.TontineId == tontine && m.UserId == user).Select(m => (TontineRole?)m.Role).SingleOrDefaultAsync();
    }
}
