using System.Text.Json;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tontines;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Tontines;

/// <summary>Who belongs to a tontine: joining with its code, invitations, leaving and removal with their refusals.</summary>
public sealed class TontineMembershipTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Join = """
        mutation($input: JoinTontineInput!) {
          joinTontine(input: $input) { tontine { id myRole memberCount } errors { ... on Error { code } } }
        }
        """;

    private TontineTestKit _kit = null!;

    public Task InitializeAsync()
    {
        _kit = new TontineTestKit(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task A_person_joins_with_the_code_typed_in_any_case_with_spaces_or_a_dash()
    {
        var president = await _kit.UserAsync("Mariama Diallo");
        var id = await _kit.CreateAsync(president, "Tontine ouverte");
        var code = await _kit.JoinCodeAsync(id);
        var joiner = await _kit.UserAsync("Oumy Sarr");

        var joined = TontineTestKit.Data(await _kit.SendAsync(Join, new { input = new { code = $" {code[..4].ToLowerInvariant()}-{code[4..]} " } }, joiner)).GetProperty("joinTontine");

        Assert.Equal(JsonValueKind.Null, joined.GetProperty("errors").ValueKind);
        Assert.Equal((GlobalIds.Tontine(id), "MEMBER", 2), (joined.GetProperty("tontine").GetProperty("id").GetString(),
            joined.GetProperty("tontine").GetProperty("myRole").GetString(), joined.GetProperty("tontine").GetProperty("memberCount").GetInt32()));
        Assert.Equal(["ALREADY_TONTINE_MEMBER"], await _kit.CodesAsync("joinTontine", "JoinTontineInput", new { code }, joiner));
    }

    [Fact]
    public async Task A_malformed_code_and_an_unknown_one_get_the_same_error()
    {
        var president = await _kit.UserAsync("Codou Faye");
        var id = await _kit.CreateAsync(president, "Tontine fermée");
        var code = await _kit.JoinCodeAsync(id);
        var unknown = string.Concat(code.Select(c => TontineJoinCodes.Alphabet[(TontineJoinCodes.Alphabet.IndexOf(c) + 1) % TontineJoinCodes.Alphabet.Length]));
        var prober = await _kit.UserAsync("Curieux");

        foreach (var typed in new[] { "OOOOIIII", "1234", unknown, code + "2", "" })
        {
            var response = await _kit.SendAsync("""
                mutation($input: JoinTontineInput!) { joinTontine(input: $input) { tontine { id } errors { ... on Error { code message } } } }
                """, new { input = new { code = typed } }, prober);
            var error = Assert.Single(TontineTestKit.Data(response).GetProperty("joinTontine").GetProperty("errors").EnumerateArray());
            Assert.Equal(("JOIN_CODE_INVALID", "This code matches no tontine: check it with the member who gave it to you."),
                (error.GetProperty("code").GetString(), error.GetProperty("message").GetString()));
        }
        await using var db = _kit.Context();
        Assert.False(await db.TontineMembers.AnyAsync(m => m.UserId == prober));
    }

    [Fact]
    public async Task Five_people_racing_for_two_places_get_exactly_two()
    {
        var president = await _kit.UserAsync("Aïda Ndiaye");
        var id = await _kit.CreateAsync(president, "Tontine de trois", new { memberLimit = 3 });
        var code = await _kit.JoinCodeAsync(id);
        var racers = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            racers.Add(await _kit.UserAsync($"Coureuse {i}"));
        }

        var results = await Task.WhenAll(racers.Select(r => _kit.CodesAsync("joinTontine", "JoinTontineInput", new { code }, r)));

        Assert.Equal(2, results.Count(r => r.Count == 0));
        Assert.Equal(3, results.Count(r => r.SequenceEqual(["TONTINE_FULL"])));
        await using var db = _kit.Context();
        Assert.Equal(3, await db.TontineMembers.CountAsync(m => m.TontineId == id));
    }

    [Fact]
    public async Task Joining_forgets_the_order_set_and_a_started_tontine_takes_nobody()
    {
        var president = await _kit.UserAsync("Sira Keita");
        var id = await _kit.CreateAsync(president, "Tontine déjà tirée");
        await _kit.AddMembersAsync(id, TontineRole.Member, await _kit.UserAsync("Nafi"));
        Assert.Empty(await _kit.CodesAsync("setPayoutOrder", "SetPayoutOrderInput", new { tontineId = GlobalIds.Tontine(id), method = "RANDOM" }, president));
        var code = await _kit.JoinCodeAsync(id);

        Assert.Empty(await _kit.CodesAsync("joinTontine", "JoinTontineInput", new { code }, await _kit.UserAsync("Nouvelle")));
        await using (var db = _kit.Context())
        {
            var tontine = await db.Tontines.SingleAsync(t => t.Id == id);
            Assert.Equal(((string?)null, (DateTime?)null), (tontine.DrawSeed, tontine.OrderSetAt));
            Assert.False(await db.TontinePassages.AnyAsync(p => p.TontineId == id));
        }

        Assert.Empty(await _kit.CodesAsync("startTontine", "StartTontineInput", new { tontineId = GlobalIds.Tontine(id) }, president));
        Assert.Equal(["TONTINE_NOT_DRAFT"], await _kit.CodesAsync("joinTontine", "JoinTontineInput", new { code }, await _kit.UserAsync("Trop tard")));
    }

    private const string Invite = """
        mutation($input: InviteToTontineInput!) {
          inviteToTontine(input: $input) { invitation { id role status tontineName user { id } invitedBy { id } } errors { ... on Error { code } } }
        }
        """;

    private const string Respond = """
        mutation($input: RespondToTontineInvitationInput!) {
          respondToTontineInvitation(input: $input) { invitation { id status respondedAt } errors { ... on Error { code } } }
        }
        """;

    private async Task<string> InviteAsync(Guid tontine, Guid user, Guid president, string role = "MEMBER")
    {
        var payload = TontineTestKit.Data(await _kit.SendAsync(Invite, new { input = new { tontineId = GlobalIds.Tontine(tontine), userId = GlobalIds.User(user), role } }, president))
            .GetProperty("inviteToTontine");
        Assert.Empty(TontineTestKit.Codes(payload));
        return payload.GetProperty("invitation").GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task An_invitee_is_told_sees_the_invitation_and_joins_by_accepting()
    {
        var president = await _kit.UserAsync("Ramata Cissé");
        var invitee = await _kit.UserAsync("Fanta Camara");
        var id = await _kit.CreateAsync(president, "Tontine sur invitation");

        var invitation = await InviteAsync(id, invitee, president, "TREASURER");
        Assert.Equal(["TONTINE_INVITATION_PENDING"], await _kit.CodesAsync("inviteToTontine", "InviteToTontineInput",
            new { tontineId = GlobalIds.Tontine(id), userId = GlobalIds.User(invitee), role = "MEMBER" }, president));
        Assert.Equal(["ALREADY_TONTINE_MEMBER"], await _kit.CodesAsync("inviteToTontine", "InviteToTontineInput",
            new { tontineId = GlobalIds.Tontine(id), userId = GlobalIds.User(president) }, president));
        Assert.Equal(["USER_NOT_FOUND"], await _kit.CodesAsync("inviteToTontine", "InviteToTontineInput",
            new { tontineId = GlobalIds.Tontine(id), userId = GlobalIds.User(Guid.NewGuid()) }, president));

        await using (var db = _kit.Context())
        {
            var notification = await db.Notifications.SingleAsync(n => n.UserId == invitee);
            Assert.Equal("tontine.invitation", notification.Template);
            Assert.Contains("Tontine sur invitation", notification.Body, StringComparison.Ordinal);
            Assert.Contains("Ramata Cissé", notification.Body, StringComparison.Ordinal);
        }
        var mine = TontineTestKit.Data(await _kit.SendAsync("{ myTontineInvitations { totalCount nodes { id role tontineName invitedBy { displayName } } } }", null, invitee))
            .GetProperty("myTontineInvitations");
        var listed = Assert.Single(mine.GetProperty("nodes").EnumerateArray());
        Assert.Equal((invitation, "TREASURER", "Tontine sur invitation", "Ramata Cissé"), (listed.GetProperty("id").GetString(), listed.GetProperty("role").GetString(),
            listed.GetProperty("tontineName").GetString(), listed.GetProperty("invitedBy").GetProperty("displayName").GetString()));
        // Another person cannot answer it.
        Assert.Equal(["TONTINE_INVITATION_NOT_FOUND"], await _kit.CodesAsync("respondToTontineInvitation", "RespondToTontineInvitationInput",
            new { invitationId = invitation, accept = true }, await _kit.UserAsync("Intruse")));

        var accepted = TontineTestKit.Data(await _kit.SendAsync(Respond, new { input = new { invitationId = invitation, accept = true } }, invitee)).GetProperty("respondToTontineInvitation");
        Assert.Equal("ACCEPTED", accepted.GetProperty("invitation").GetProperty("status").GetString());
        Assert.Equal(["TONTINE_INVITATION_NOT_PENDING"], await _kit.CodesAsync("respondToTontineInvitation", "RespondToTontineInvitationInput",
            new { invitationId = invitation, accept = false }, invitee));
        await using var check = _kit.Context();
        Assert.Equal(TontineRole.Treasurer, (await check.TontineMembers.SingleAsync(m => m.TontineId == id && m.UserId == invitee)).Role);
        Assert.Equal(0, TontineTestKit.Data(await _kit.SendAsync("{ myTontineInvitations { totalCount } }", null, invitee)).GetProperty("myTontineInvitations").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Declined_and_revoked_invitations_add_nobody_and_accepting_respects_the_limit()
    {
        var president = await _kit.UserAsync("Hawa Traoré");
        var (a, b, c) = (await _kit.UserAsync("Awa"), await _kit.UserAsync("Bintou"), await _kit.UserAsync("Coura"));
        var id = await _kit.CreateAsync(president, "Tontine de deux", new { memberLimit = 2 });
        var tontineId = GlobalIds.Tontine(id);
        var forA = await InviteAsync(id, a, president);
        var forB = await InviteAsync(id, b, president);
        var forC = await InviteAsync(id, c, president);

        Assert.Empty(await _kit.CodesAsync("respondToTontineInvitation", "RespondToTontineInvitationInput", new { invitationId = forA, accept = false }, a));
        Assert.Empty(await _kit.CodesAsync("revokeTontineInvitation", "RevokeTontineInvitationInput", new { tontineId, invitationId = forB }, president));
        Assert.Equal(["TONTINE_INVITATION_NOT_PENDING"], await _kit.CodesAsync("respondToTontineInvitation", "RespondToTontineInvitationInput", new { invitationId = forB, accept = true }, b));
        Assert.Equal(["TONTINE_INVITATION_NOT_PENDING"], await _kit.CodesAsync("revokeTontineInvitation", "RevokeTontineInvitationInput", new { tontineId, invitationId = forB }, president));
        Assert.Equal(["TONTINE_INVITATION_NOT_FOUND"], await _kit.CodesAsync("revokeTontineInvitation", "RevokeTontineInvitationInput",
            new { tontineId, invitationId = TontineTestKit.Id("TontineInvitation", Guid.NewGuid()) }, president));

        // The only free place goes to someone who joined with the code: C's acceptance finds the tontine full.
        Assert.Empty(await _kit.CodesAsync("joinTontine", "JoinTontineInput", new { code = await _kit.JoinCodeAsync(id) }, await _kit.UserAsync("Rapide")));
        Assert.Equal(["TONTINE_FULL"], await _kit.CodesAsync("respondToTontineInvitation", "RespondToTontineInvitationInput", new { invitationId = forC, accept = true }, c));

        var invitations = TontineTestKit.Data(await _kit.SendAsync("query($id: ID!) { tontine(id: $id) { invitations { status user { id } } } }", new { id = tontineId }, president))
            .GetProperty("tontine").GetProperty("invitations").EnumerateArray()
            .ToDictionary(i => GlobalIds.KeyOf(i.GetProperty("user").GetProperty("id").GetString()!), i => i.GetProperty("status").GetString());
        Assert.Equal(new Dictionary<Guid, string?> { [a] = "DECLINED", [b] = "REVOKED", [c] = "PENDING" }, invitations);
        await using var db = _kit.Context();
        Assert.False(await db.TontineMembers.AnyAsync(m => m.TontineId == id && (m.UserId == a || m.UserId == b || m.UserId == c)));
    }

    [Fact]
    public async Task A_plain_member_may_not_see_the_invitations_nor_revoke_them()
    {
        var president = await _kit.UserAsync("Salimata Koné");
        var member = await _kit.UserAsync("Djeneba");
        var id = await _kit.CreateAsync(president, "Tontine discrète");
        await _kit.AddMembersAsync(id, TontineRole.Member, member);
        var invitation = await InviteAsync(id, await _kit.UserAsync("Invitée"), president);

        var seen = await _kit.SendAsync("query($id: ID!) { tontine(id: $id) { name invitations { id } } }", new { id = GlobalIds.Tontine(id) }, member);
        Assert.Equal("AUTH_NOT_AUTHORIZED", seen.ErrorCode);
        var revoke = await _kit.SendAsync("mutation($input: RevokeTontineInvitationInput!) { revokeTontineInvitation(input: $input) { errors { __typename } } }",
            new { input = new { tontineId = GlobalIds.Tontine(id), invitationId = invitation } }, member);
        Assert.Equal("AUTH_NOT_AUTHORIZED", revoke.ErrorCode);
    }

    [Fact]
    public async Task In_a_draft_a_member_leaves_the_president_removes_and_the_last_president_stays()
    {
        var president = await _kit.UserAsync("Maïmouna Sy");
        var (a, b) = (await _kit.UserAsync("Adama"), await _kit.UserAsync("Boubacar"));
        var id = await _kit.CreateAsync(president, "Tontine qui se vide");
        await _kit.AddMembersAsync(id, TontineRole.Member, a, b);
        var tontineId = GlobalIds.Tontine(id);
        Assert.Empty(await _kit.CodesAsync("setPayoutOrder", "SetPayoutOrderInput", new { tontineId, method = "ALPHABETICAL" }, president));

        Assert.Empty(await _kit.CodesAsync("leaveTontine", "LeaveTontineInput", new { tontineId }, a));
        await using (var db = _kit.Context())
        {
            Assert.False(await db.TontinePassages.AnyAsync(p => p.TontineId == id));
            Assert.Null((await db.Tontines.SingleAsync(t => t.Id == id)).OrderSetAt);
        }
        Assert.Equal(["LAST_TONTINE_PRESIDENT"], await _kit.CodesAsync("leaveTontine", "LeaveTontineInput", new { tontineId }, president));
        Assert.Equal(["LAST_TONTINE_PRESIDENT"], await _kit.CodesAsync("removeTontineMember", "RemoveTontineMemberInput", new { tontineId, userId = GlobalIds.User(president) }, president));
        Assert.Equal(["NOT_TONTINE_MEMBER"], await _kit.CodesAsync("removeTontineMember", "RemoveTontineMemberInput", new { tontineId, userId = GlobalIds.User(a) }, president));
        Assert.Equal("AUTH_NOT_AUTHORIZED", (await _kit.SendAsync("mutation($input: RemoveTontineMemberInput!) { removeTontineMember(input: $input) { errors { __typename } } }",
            new { input = new { tontineId, userId = GlobalIds.User(president) } }, b)).ErrorCode);
        Assert.Empty(await _kit.CodesAsync("removeTontineMember", "RemoveTontineMemberInput", new { tontineId, userId = GlobalIds.User(b) }, president));

        await using var check = _kit.Context();
        Assert.Equal([president], await check.TontineMembers.Where(m => m.TontineId == id).Select(m => m.UserId).ToListAsync());
        Assert.Equal("AUTH_NOT_AUTHORIZED", (await _kit.SendAsync("mutation($input: LeaveTontineInput!) { leaveTontine(input: $input) { tontineId } }",
            new { input = new { tontineId } }, a)).ErrorCode);
    }

    /// <summary>A started ROTATING tontine of four (president first in the order, then A, B, C), monthly from tomorrow.</summary>
    private async Task<(Guid Id, Guid President, Guid A, Guid B, Guid C)> StartedAsync(string name)
    {
        var president = await _kit.UserAsync("Présidente " + name);
        var (a, b, c) = (await _kit.UserAsync("A " + name), await _kit.UserAsync("B " + name), await _kit.UserAsync("C " + name));
        var id = await _kit.CreateAsync(president, name, new { payoutOrder = "MANUAL" });
        await _kit.AddMembersAsync(id, TontineRole.Member, a, b, c);
        Assert.Empty(await _kit.CodesAsync("setPayoutOrder", "SetPayoutOrderInput",
            new { tontineId = GlobalIds.Tontine(id), method = "MANUAL", userIds = new[] { president, a, b, c }.Select(GlobalIds.User).ToArray() }, president));
        Assert.Empty(await _kit.CodesAsync("startTontine", "StartTontineInput", new { tontineId = GlobalIds.Tontine(id) }, president));
        return (id, president, a, b, c);
    }

    /// <summary>Marks the contribution of <paramref name="user"/> to session <paramref name="number"/> paid.</summary>
    private async Task PayAsync(Guid tontine, Guid user, int number)
    {
        await using var db = _kit.Context();
        var session = await db.TontineSessions.Where(s => s.TontineId == tontine && s.Number == number).Select(s => s.Id).SingleAsync();
        await db.TontineContributions.Where(c => c.SessionId == session && c.UserId == user)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Received, c => c.Expected).SetProperty(c => c.PaidAt, DateTime.UtcNow));
    }

    private async Task PaidOutAsync(Guid tontine, Guid user, bool confirmed = false)
    {
        await using var db = _kit.Context();
        var now = DateTime.UtcNow;
        await db.TontinePassages.Where(p => p.TontineId == tontine && p.UserId == user)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, confirmed ? PassageStatus.Confirmed : PassageStatus.Paid).SetProperty(p => p.StartedAt, now)
                .SetProperty(p => p.PaidAt, now).SetProperty(p => p.ConfirmedAt, confirmed ? now : null));
    }

    private async Task PastDueAsync(Guid tontine, int number)
    {
        await using var db = _kit.Context();
        await db.TontineSessions.Where(s => s.TontineId == tontine && s.Number == number)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.DueDate, TontineTestKit.Today.AddDays(-3)));
    }

    [Fact]
    public async Task A_member_owing_a_past_due_contribution_may_not_leave()
    {
        var (id, president, a, _, _) = await StartedAsync("Tontine des retards");
        await PastDueAsync(id, 1);

        Assert.Equal(["DUES_OUTSTANDING"], await _kit.CodesAsync("leaveTontine", "LeaveTontineInput", new { tontineId = GlobalIds.Tontine(id) }, a));
        Assert.Equal(["DUES_OUTSTANDING"], await _kit.CodesAsync("removeTontineMember", "RemoveTontineMemberInput", new { tontineId = GlobalIds.Tontine(id), userId = GlobalIds.User(a) }, president));
    }

    [Fact]
    public async Task A_member_who_took_the_pot_owes_the_later_sessions()
    {
        var (id, president, a, _, _) = await StartedAsync("Tontine des dettes");
        // The president's turn came first: she paid session 1 and took the pot, sessions 2 to 4 are still to pay.
        await PayAsync(id, president, 1);
        await PaidOutAsync(id, president);
        await _kit.AddMembersAsync(id, TontineRole.President, await _kit.UserAsync("Vice-présidente"));

        var response = await _kit.SendAsync("""
            mutation($input: LeaveTontineInput!) { leaveTontine(input: $input) { tontineId errors { ... on Error { code message } ... on TurnsOwedError { contributions } } } }
            """, new { input = new { tontineId = GlobalIds.Tontine(id) } }, president);
        var error = Assert.Single(TontineTestKit.Data(response).GetProperty("leaveTontine").GetProperty("errors").EnumerateArray());
        Assert.Equal(("TURNS_OWED", 3), (error.GetProperty("code").GetString(), error.GetProperty("contributions").GetInt32()));
        Assert.Contains("pay the contributions", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_who_paid_and_was_not_paid_out_would_lose_money()
    {
        var (id, _, a, _, _) = await StartedAsync("Tontine des avances");
        await PayAsync(id, a, 1);

        // Their turn is still to come (PASSAGE_PENDING comes first in a rotating tontine).
        Assert.Equal(["PASSAGE_PENDING"], await _kit.CodesAsync("leaveTontine", "LeaveTontineInput", new { tontineId = GlobalIds.Tontine(id) }, a));
        await using var db = _kit.Context();
        Assert.True(await db.TontineMembers.AnyAsync(m => m.TontineId == id && m.UserId == a));
    }

    [Fact]
    public async Task A_member_paid_out_leaves_only_once_they_confirmed_it_and_paid_the_later_sessions()
    {
        var (id, _, a, _, _) = await StartedAsync("Tontine à confirmer");
        for (var n = 1; n <= 4; n++)
        {
            await PayAsync(id, a, n);
        }
        await PaidOutAsync(id, a);
        Assert.Equal(["PASSAGE_PENDING"], await _kit.CodesAsync("leaveTontine", "LeaveTontineInput", new { tontineId = GlobalIds.Tontine(id) }, a));

        await using var db = _kit.Context();
        Assert.True(await db.TontineMembers.AnyAsync(m => m.TontineId == id && m.UserId == a));
    }

    [Fact]
    public async Task A_member_who_paid_everything_and_took_the_pot_leaves_and_keeps_their_history()
    {
        var (id, _, a, _, _) = await StartedAsync("Tontine soldée");
        for (var n = 1; n <= 4; n++)
        {
            await PayAsync(id, a, n);
        }
        await PaidOutAsync(id, a, confirmed: true);

        Assert.Empty(await _kit.CodesAsync("leaveTontine", "LeaveTontineInput", new { tontineId = GlobalIds.Tontine(id) }, a));
        await using var db = _kit.Context();
        Assert.False(await db.TontineMembers.AnyAsync(m => m.TontineId == id && m.UserId == a));
        Assert.Equal(4, await db.TontineContributions.CountAsync(c => c.TontineId == id && c.UserId == a));
        Assert.True(await db.TontinePassages.AnyAsync(p => p.TontineId == id && p.UserId == a && p.Status == PassageStatus.Confirmed));
    }

    [Fact]
    public async Task A_member_whose_turn_is_still_to_come_may_not_leave_a_started_tontine_even_owing_nothing()
    {
        var (id, president, _, _, c) = await StartedAsync("Tontine quittée tôt");

        // Leaving would leave their session's pot without a beneficiary: refused, nothing changes.
        Assert.Equal(["PASSAGE_PENDING"], await _kit.CodesAsync("removeTontineMember", "RemoveTontineMemberInput", new { tontineId = GlobalIds.Tontine(id), userId = GlobalIds.User(c) }, president));

        await using var db = _kit.Context();
        Assert.True(await db.TontineMembers.AnyAsync(m => m.TontineId == id && m.UserId == c));
        Assert.Equal(4, await db.TontineContributions.CountAsync(x => x.TontineId == id && x.UserId == c));
        Assert.True(await db.TontinePassages.AnyAsync(p => p.TontineId == id && p.UserId == c && p.Status == PassageStatus.Scheduled));
    }
}
