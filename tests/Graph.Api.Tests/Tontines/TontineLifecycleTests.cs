using System.Text.Json;
using Graph.Api.Identity;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tontines;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Tontines;

/// <summary>A tontine's set-up and life through the graph: creation and its checks, updates, the payout order and its draw,
/// the start, suspension and resumption, and who may do each.</summary>
public sealed class TontineLifecycleTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private TontineTestKit _kit = null!;

    public Task InitializeAsync()
    {
        _kit = new TontineTestKit(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task CreateTontine_reports_every_broken_rule_at_once_and_creates_nothing()
    {
        var awa = await _kit.UserAsync("Awa Ndiaye");
        var input = TontineTestKit.Input(" \t ", new
        {
            type = "MIXED",
            contribution = new { amount = 2500.5m, currency = "XOF" },
            startDate = TontineTestKit.Date(TontineTestKit.Today.AddDays(-1)),
            memberLimit = 1,
            rules = new { graceDays = 61, penaltyMode = "PERCENT_PER_DAY", penaltyRate = 150m, penaltyCap = -5m },
            sessionCount = 5,
        });

        var payload = TontineTestKit.Data(await _kit.SendAsync(TontineTestKit.Create, new { input }, awa)).GetProperty("createTontine");

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("tontine").ValueKind);
        var errors = payload.GetProperty("errors").EnumerateArray().ToList();
        Assert.All(errors, e => Assert.Equal("INVALID_TONTINE_INPUT", e.GetProperty("code").GetString()));
        Assert.Equal(
            ["name", "contribution.amount", "startDate", "memberLimit", "rules.graceDays", "rules.penaltyRate", "rules.penaltyCap", "savingsPercent", "sessionCount"],
            errors.Select(e => e.GetProperty("field").GetString()));
        await using var db = _kit.Context();
        Assert.False(await db.TontineMembers.AnyAsync(m => m.UserId == awa));
    }

    [Theory]
    [InlineData("ROTATING", null, 30, "sessionCount")]
    [InlineData("CUMULATIVE", 20, null, "savingsPercent")]
    [InlineData("CUMULATIVE", null, 121, "sessionCount")]
    [InlineData("MIXED", 100, null, "savingsPercent")]
    [InlineData("MIXED", 0, null, "savingsPercent")]
    public async Task CreateTontine_checks_the_savings_percentage_and_session_count_against_the_type(string type, int? savingsPercent, int? sessionCount, string field)
    {
        var input = TontineTestKit.Input("Tontine des types", new { type, savingsPercent, sessionCount });
        var payload = TontineTestKit.Data(await _kit.SendAsync(TontineTestKit.Create, new { input }, await _kit.UserAsync("Fatou Sall"))).GetProperty("createTontine");
        Assert.Equal(field, Assert.Single(payload.GetProperty("errors").EnumerateArray()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task CreateTontine_refuses_a_start_too_far_ahead_and_a_pot_too_large_for_an_amount()
    {
        var far = TontineTestKit.Input("Tontine lointaine", new { startDate = TontineTestKit.Date(TontineTestKit.Today.AddYears(2).AddDays(1)) });
        var farPayload = TontineTestKit.Data(await _kit.SendAsync(TontineTestKit.Create, new { input = far }, await _kit.UserAsync("Fatou Sall"))).GetProperty("createTontine");
        Assert.Equal("startDate", Assert.Single(farPayload.GetProperty("errors").EnumerateArray()).GetProperty("field").GetString());

        var huge = TontineTestKit.Input("Tontine démesurée", new { contribution = new { amount = 99_999_999_999_999m, currency = "XOF" }, memberLimit = 20 });
        var hugePayload = TontineTestKit.Data(await _kit.SendAsync(TontineTestKit.Create, new { input = huge }, await _kit.UserAsync("Fatou Sall"))).GetProperty("createTontine");
        Assert.Equal("contribution.amount", Assert.Single(hugePayload.GetProperty("errors").EnumerateArray()).GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("NONE", "5", null, "rules.penaltyRate")]
    [InlineData("NONE", null, "1000", "rules.penaltyCap")]
    [InlineData("FIXED_PER_DAY", null, null, "rules.penaltyRate")]
    [InlineData("FIXED_PER_DAY", "250.5", null, "rules.penaltyRate")]
    [InlineData("FIXED_PER_DAY", "250", "99.5", "rules.penaltyCap")]
    [InlineData("FIXED_PER_DAY", "250", "0", "rules.penaltyCap")]
    [InlineData("PERCENT_PER_DAY", "0", null, "rules.penaltyRate")]
    [InlineData("PERCENT_PER_DAY", "100.5", null, "rules.penaltyRate")]
    [InlineData("PERCENT_PER_DAY", "1.23456", null, "rules.penaltyRate")]
    public async Task CreateTontine_checks_the_fine_against_its_mode(string penaltyMode, string? penaltyRate, string? penaltyCap, string field)
    {
        static decimal? Parse(string? text) => text is null ? null : decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var input = TontineTestKit.Input("Tontine des amendes", new { rules = new { penaltyMode, penaltyRate = Parse(penaltyRate), penaltyCap = Parse(penaltyCap) } });
        var payload = TontineTestKit.Data(await _kit.SendAsync(TontineTestKit.Create, new { input }, await _kit.UserAsync("Fatou Sall"))).GetProperty("createTontine");
        Assert.Equal(field, Assert.Single(payload.GetProperty("errors").EnumerateArray()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task An_alphabetical_order_sorts_the_names_without_regard_to_accents_or_case()
    {
        var president = await _kit.UserAsync("Mame Bineta");
        var id = await _kit.CreateAsync(president, "Tontine alphabétique");
        var names = new[] { "Élisabeth Diouf", "abdou Sarr", "Zeynab Fall", "Ousmane Ba", "Émile Ndour" };
        var users = new Dictionary<string, Guid>();
        foreach (var name in names)
        {
            users[name] = await _kit.UserAsync(name);
        }
        await _kit.AddMembersAsync(id, TontineRole.Member, [.. users.Values]);
        users["Mame Bineta"] = president;

        Assert.Empty(await _kit.CodesAsync("setPayoutOrder", "SetPayoutOrderInput", new { tontineId = GlobalIds.Tontine(id), method = "ALPHABETICAL" }, president));
        var passages = TontineTestKit.Data(await _kit.SendAsync(Order, new { id = GlobalIds.Tontine(id) }, president)).GetProperty("tontine").GetProperty("passages");
        Assert.Equal(["abdou Sarr", "Élisabeth Diouf", "Émile Ndour", "Mame Bineta", "Ousmane Ba", "Zeynab Fall"],
            passages.EnumerateArray().Select(p => users.Single(u => GlobalIds.User(u.Value) == p.GetProperty("beneficiary").GetProperty("id").GetString()).Key));
    }

    [Fact]
    public async Task CreateTontine_keeps_every_setting_and_makes_the_caller_president()
    {
        var awa = await _kit.UserAsync("Awa Gaye");
        var start = TontineTestKit.Today;
        var input = TontineTestKit.Input("  Tontine mixte des couturières ", new
        {
            type = "MIXED",
            frequency = "WEEKLY",
            contribution = new { amount = 12.5m, currency = "EUR" },
            startDate = TontineTestKit.Date(start),
            memberLimit = 20,
            rules = new { graceDays = 3, penaltyMode = "PERCENT_PER_DAY", penaltyRate = 2.5m, penaltyCap = 5m },
            savingsPercent = 30,
            payoutOrder = "JOIN_DATE",
        });

        var payload = TontineTestKit.Data(await _kit.SendAsync(TontineTestKit.Create, new { input }, awa)).GetProperty("createTontine");

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        var tontine = payload.GetProperty("tontine");
        Assert.Equal("Tontine mixte des couturières", tontine.GetProperty("name").GetString());
        Assert.Equal(("MIXED", "WEEKLY", "DRAFT", 20, 30, "JOIN_DATE", "PRESIDENT", 1), (
            tontine.GetProperty("type").GetString(), tontine.GetProperty("frequency").GetString(), tontine.GetProperty("status").GetString(),
            tontine.GetProperty("memberLimit").GetInt32(), tontine.GetProperty("savingsPercent").GetInt32(), tontine.GetProperty("payoutOrder").GetString(),
            tontine.GetProperty("myRole").GetString(), tontine.GetProperty("memberCount").GetInt32()));
        Assert.Equal(JsonValueKind.Null, tontine.GetProperty("sessionCount").ValueKind);
        Assert.Equal(TontineTestKit.Date(start), tontine.GetProperty("startDate").GetString());
        Assert.Equal((12.5m, "EUR"), (tontine.GetProperty("contribution").GetProperty("amount").GetDecimal(), tontine.GetProperty("contribution").GetProperty("currency").GetString()));
        var rules = tontine.GetProperty("rules");
        Assert.Equal((3, "PERCENT_PER_DAY", 2.5m, 5m, "EUR"), (rules.GetProperty("graceDays").GetInt32(), rules.GetProperty("penaltyMode").GetString(),
            rules.GetProperty("penaltyRate").GetDecimal(), rules.GetProperty("penaltyCap").GetProperty("amount").GetDecimal(), rules.GetProperty("penaltyCap").GetProperty("currency").GetString()));
        var code = tontine.GetProperty("joinCode").GetString();
        Assert.Equal(code, TontineJoinCodes.Normalize(code!));
    }

    [Fact]
    public async Task CreateTontine_defaults_to_twelve_members_a_random_order_and_no_fine()
    {
        var id = await _kit.CreateAsync(await _kit.UserAsync("Mame Diarra"), "Tontine par défaut");
        await using var db = _kit.Context();
        var tontine = await db.Tontines.SingleAsync(t => t.Id == id);
        Assert.Equal((12, PayoutOrderMethod.Random, LatePenaltyMode.None, 0, 0m, (decimal?)null), (tontine.MemberLimit, tontine.PayoutOrder, tontine.PenaltyMode, tontine.GraceDays, tontine.PenaltyRate, tontine.PenaltyCap));
    }

    private const string Update = """
        mutation($input: UpdateTontineInput!) {
          updateTontine(input: $input) {
            tontine { name type savingsPercent sessionCount memberLimit frequency contribution { amount } rules { penaltyMode penaltyRate penaltyCap { amount } } }
            errors { ... on Error { code } ... on InvalidTontineInputError { field } }
          }
        }
        """;

    [Fact]
    public async Task UpdateTontine_changes_the_fields_given_and_checks_them_together()
    {
        var president = await _kit.UserAsync("Seynabou Diop");
        var id = await _kit.CreateAsync(president, "Tontine à modifier", new { type = "MIXED", savingsPercent = 40, rules = new { penaltyMode = "FIXED_PER_DAY", penaltyRate = 200m, penaltyCap = 1000m } });
        await _kit.AddMembersAsync(id, TontineRole.Member, await _kit.UserAsync("Ami Fall"), await _kit.UserAsync("Bineta Sy"));
        var tontineId = GlobalIds.Tontine(id);

        // To ROTATING: the savings percentage no longer applies and goes.
        var rotating = TontineTestKit.Data(await _kit.SendAsync(Update, new { input = new { tontineId, type = "ROTATING", name = "Tontine modifiée" } }, president)).GetProperty("updateTontine");
        Assert.Equal(JsonValueKind.Null, rotating.GetProperty("errors").ValueKind);
        Assert.Equal(("Tontine modifiée", "ROTATING", JsonValueKind.Null, "MONTHLY"), (rotating.GetProperty("tontine").GetProperty("name").GetString(),
            rotating.GetProperty("tontine").GetProperty("type").GetString(), rotating.GetProperty("tontine").GetProperty("savingsPercent").ValueKind,
            rotating.GetProperty("tontine").GetProperty("frequency").GetString()));

        // Back to MIXED without a percentage, a session count on a MIXED one, a limit below the 3 members: all reported.
        var refused = TontineTestKit.Data(await _kit.SendAsync(Update, new { input = new { tontineId, type = "MIXED", sessionCount = 4, memberLimit = 2 } }, president)).GetProperty("updateTontine");
        Assert.Equal(["memberLimit", "savingsPercent", "sessionCount"], refused.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));

        // To CUMULATIVE with its session count, the fine to NONE (its rate and cap go).
        var cumulative = TontineTestKit.Data(await _kit.SendAsync(Update, new { input = new { tontineId, type = "CUMULATIVE", sessionCount = 10, rules = new { penaltyMode = "NONE" } } }, president))
            .GetProperty("updateTontine").GetProperty("tontine");
        Assert.Equal(("CUMULATIVE", 10, "NONE", 0m, JsonValueKind.Null), (cumulative.GetProperty("type").GetString(), cumulative.GetProperty("sessionCount").GetInt32(),
            cumulative.GetProperty("rules").GetProperty("penaltyMode").GetString(), cumulative.GetProperty("rules").GetProperty("penaltyRate").GetDecimal(),
            cumulative.GetProperty("rules").GetProperty("penaltyCap").ValueKind));
        await using var db = _kit.Context();
        var stored = await db.Tontines.SingleAsync(t => t.Id == id);
        Assert.Equal((TontineType.Cumulative, 10, (int?)null, "Tontine modifiée"), (stored.Type, stored.SessionCount.GetValueOrDefault(), stored.SavingsPercent, stored.Name));
        Assert.True(stored.UpdatedAt > stored.CreatedAt);
    }

    [Fact]
    public async Task UpdateTontine_is_refused_once_the_tontine_has_started_and_to_anyone_but_its_president()
    {
        var president = await _kit.UserAsync("Ndeye Fall");
        var treasurer = await _kit.UserAsync("Adja Ba");
        var id = await _kit.CreateAsync(president, "Tontine démarrée");
        await _kit.AddMembersAsync(id, TontineRole.Treasurer, treasurer);

        var denied = await _kit.SendAsync(Update, new { input = new { tontineId = GlobalIds.Tontine(id), name = "Pas moi" } }, treasurer);
        Assert.Equal("AUTH_NOT_AUTHORIZED", denied.ErrorCode);

        Assert.Empty(await _kit.CodesAsync("startTontine", "StartTontineInput", new { tontineId = GlobalIds.Tontine(id) }, president));
        Assert.Equal(["TONTINE_NOT_DRAFT"], await _kit.CodesAsync("updateTontine", "UpdateTontineInput", new { tontineId = GlobalIds.Tontine(id), name = "Trop tard" }, president));
        await using var db = _kit.Context();
        Assert.Equal("Tontine démarrée", (await db.Tontines.SingleAsync(t => t.Id == id)).Name);
    }

    private const string Order = """
        query($id: ID!) {
          tontine(id: $id) {
            payoutOrder
            draw { method seed algorithm drawnAt verified candidates { id } }
            passages(kind: ROTATION) { position kind status beneficiary { id } amount { amount currency } session { number dueDate } }
          }
        }
        """;

    [Fact]
    public async Task A_manual_order_names_every_member_once()
    {
        var president = await _kit.UserAsync("Coumba Ndoye");
        var (b, c) = (await _kit.UserAsync("Binta"), await _kit.UserAsync("Codou"));
        var id = await _kit.CreateAsync(president, "Tontine à ordre manuel", new { payoutOrder = "MANUAL" });
        await _kit.AddMembersAsync(id, TontineRole.Member, b, c);
        var tontineId = GlobalIds.Tontine(id);
        object Manual(params Guid[] users) => new { tontineId, method = "MANUAL", userIds = users.Select(GlobalIds.User).ToArray() };

        Assert.Equal(["INVALID_PAYOUT_ORDER"], await _kit.CodesAsync("setPayoutOrder", "SetPayoutOrderInput", Manual(b, c), president));
        Assert.Equal(["INVALID_PAYOUT_ORDER"], await _kit.CodesAsync("setPayoutOrder", "SetPayoutOrderInput", Manual(b, c, c), president));
        Assert.Equal(["INVALID_PAYOUT_ORDER"], await _kit.CodesAsync("setPayoutOrder", "SetPayoutOrderInput", Manual(b, c, president, president), president));
        Assert.Equal(["INVALID_PAYOUT_ORDER"], await _kit.CodesAsync("setPayoutOrder", "SetPayoutOrderInput", Manual(b, c, Guid.NewGuid()), president));
        Assert.Equal(["INVALID_PAYOUT_ORDER"], await _kit.CodesAsync("setPayoutOrder", "SetPayoutOrderInput",
            new { tontineId, method = "RANDOM", userIds = new[] { GlobalIds.User(b) } }, president));
        // A MANUAL tontine without its order does not start.
        Assert.Equal(["PAYOUT_ORDER_MISSING"], await _kit.CodesAsync("startTontine", "StartTontineInput", new { tontineId }, president));

        Assert.Empty(await _kit.CodesAsync("setPayoutOrder", "SetPayoutOrderInput", Manual(c, president, b), president));
        var tontine = TontineTestKit.Data(await _kit.SendAsync(Order, new { id = tontineId }, president)).GetProperty("tontine");
        Assert.Equal("MANUAL", tontine.GetProperty("payoutOrder").GetString());
        Assert.Equal(JsonValueKind.Null, tontine.GetProperty("draw").ValueKind);
        Assert.Equal([(1, GlobalIds.User(c)), (2, GlobalIds.User(president)), (3, GlobalIds.User(b))],
            tontine.GetProperty("passages").EnumerateArray().Select(p => (p.GetProperty("position").GetInt32(), p.GetProperty("beneficiary").GetProperty("id").GetString())));
        Assert.All(tontine.GetProperty("passages").EnumerateArray(), p => Assert.Equal(JsonValueKind.Null, p.GetProperty("amount").ValueKind));
    }

    [Fact]
    public async Task A_random_draw_is_replayed_from_its_seed_and_candidates_through_the_graph()
    {
        var president = await _kit.UserAsync("Yacine Diallo");
        var id = await _kit.CreateAsync(president, "Tontine tirée au sort");
        var others = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            others.Add(await _kit.UserAsync($"Membre {i}"));
        }
        await _kit.AddMembersAsync(id, TontineRole.Member, [.. others]);
        var tontineId = GlobalIds.Tontine(id);

        Assert.Empty(await _kit.CodesAsync("setPayoutOrder", "SetPayoutOrderInput", new { tontineId, method = "RANDOM" }, president));
        var tontine = TontineTestKit.Data(await _kit.SendAsync(Order, new { id = tontineId }, others[0])).GetProperty("tontine");

        var draw = tontine.GetProperty("draw");
        Assert.True(draw.GetProperty("verified").GetBoolean());
        Assert.Equal(PayoutDraw.Algorithm, draw.GetProperty("algorithm").GetString());
        var candidates = draw.GetProperty("candidates").EnumerateArray().Select(u => GlobalIds.KeyOf(u.GetProperty("id").GetString()!)).ToList();
        Assert.Equal(candidates.OrderBy(g => g.ToString(), StringComparer.Ordinal), candidates);
        Assert.Equal(others.Append(president).Order(), candidates.Order());
        var order = tontine.GetProperty("passages").EnumerateArray().Select(p => GlobalIds.KeyOf(p.GetProperty("beneficiary").GetProperty("id").GetString()!)).ToList();
        Assert.Equal(PayoutDraw.Order(draw.GetProperty("seed").GetString()!, candidates), order);

        // A second draw has another seed; an order changed behind the draw's back no longer verifies.
        Assert.Empty(await _kit.CodesAsync("setPayoutOrder", "SetPayoutOrderInput", new { tontineId, method = "RANDOM" }, president));
        var again = TontineTestKit.Data(await _kit.SendAsync(Order, new { id = tontineId }, president)).GetProperty("tontine").GetProperty("draw");
        Assert.NotEqual(draw.GetProperty("seed").GetString(), again.GetProperty("seed").GetString());
        await using (var db = _kit.Context())
        {
            // Both draws are in the audit log with their seeds: redrawing until the order suits leaves a trace.
            var drawn = await db.AuditEntries.Where(e => e.Action == "TONTINE_PAYOUT_ORDER_SET" && e.EntityId == id.ToString()).ToListAsync();
            Assert.Equal(2, drawn.Count);
            Assert.All(drawn, e => Assert.Equal(president, e.ActorUserId));
            Assert.Contains(again.GetProperty("seed").GetString(), drawn.SelectMany(e => Strings(e.Changes.RootElement)));
            var first = await db.TontinePassages.Where(p => p.TontineId == id && p.Position == 1).Select(p => p.Id).SingleAsync();
            await db.TontinePassages.Where(p => p.Id == first).ExecuteUpdateAsync(s => s.SetProperty(p => p.Position, 100));
            await db.TontinePassages.Where(p => p.TontineId == id && p.Position == 2).ExecuteUpdateAsync(s => s.SetProperty(p => p.Position, 1));
            await db.TontinePassages.Where(p => p.Id == first).ExecuteUpdateAsync(s => s.SetProperty(p => p.Position, 2));
        }
        var tampered = TontineTestKit.Data(await _kit.SendAsync(Order, new { id = tontineId }, president)).GetProperty("tontine").GetProperty("draw");
        Assert.False(tampered.GetProperty("verified").GetBoolean());
    }

    [Fact]
    public async Task StartTontine_plans_the_sessions_the_contributions_and_ties_each_turn_to_its_session()
    {
        var president = await _kit.UserAsync("Aminata Touré");
        var start = new DateOnly(TontineTestKit.Today.Year + 1, 1, 31);
        var id = await _kit.CreateAsync(president, "Tontine qui démarre", new { startDate = TontineTestKit.Date(start), contribution = new { amount = 15000, currency = "XOF" } });
        var members = new[] { await _kit.UserAsync("Awa"), await _kit.UserAsync("Binta"), await _kit.UserAsync("Coumba") };
        await _kit.AddMembersAsync(id, TontineRole.Member, members);
        var tontineId = GlobalIds.Tontine(id);

        var started = TontineTestKit.Data(await _kit.SendAsync("""
            mutation($input: StartTontineInput!) { startTontine(input: $input) { tontine { status startedAt } errors { ... on Error { code } } } }
            """, new { input = new { tontineId } }, president)).GetProperty("startTontine");
        Assert.Equal("ACTIVE", started.GetProperty("tontine").GetProperty("status").GetString());

        var passages = TontineTestKit.Data(await _kit.SendAsync(Order, new { id = tontineId }, president)).GetProperty("tontine").GetProperty("passages").EnumerateArray().ToList();
        Assert.Equal(4, passages.Count);
        var dates = TontineSchedule.DueDates(start, TontineFrequency.Monthly, 4);
        Assert.Equal(Enumerable.Range(1, 4).Select(n => (n, n, TontineTestKit.Date(dates[n - 1]), 60000m, "SCHEDULED")),
            passages.Select(p => (p.GetProperty("position").GetInt32(), p.GetProperty("session").GetProperty("number").GetInt32(),
                p.GetProperty("session").GetProperty("dueDate").GetString()!, p.GetProperty("amount").GetProperty("amount").GetDecimal(), p.GetProperty("status").GetString()!)));
        Assert.Equal(new DateOnly(start.Year, 2, DateTime.DaysInMonth(start.Year, 2)), dates[1]);

        await using var db = _kit.Context();
        Assert.Equal(4, await db.TontineSessions.CountAsync(s => s.TontineId == id));
        Assert.Equal(16, await db.TontineContributions.CountAsync(c => c.TontineId == id && c.Expected == 15000m && c.PaidAt == null));
        var notified = await db.Notifications.Where(n => n.Template == "tontine.started").Select(n => n.UserId).ToListAsync();
        Assert.Equal(members.Append(president).Order(), notified.Where(u => members.Contains(u) || u == president).Order());
        Assert.Equal(["TONTINE_NOT_DRAFT"], await _kit.CodesAsync("startTontine", "StartTontineInput", new { tontineId }, president));
    }

    [Fact]
    public async Task StartTontine_needs_two_members_and_a_start_date_not_yet_passed()
    {
        var president = await _kit.UserAsync("Rokhaya Sarr");
        var id = await _kit.CreateAsync(president, "Tontine trop tôt");
        await using (var db = _kit.Context())
        {
            await db.Tontines.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.StartDate, TontineTestKit.Today.AddDays(-2)));
        }

        Assert.Equal(["NOT_ENOUGH_MEMBERS", "START_DATE_PASSED"], await _kit.CodesAsync("startTontine", "StartTontineInput", new { tontineId = GlobalIds.Tontine(id) }, president));
        await using var check = _kit.Context();
        Assert.Equal(TontineStatus.Draft, (await check.Tontines.SingleAsync(t => t.Id == id)).Status);
        Assert.False(await check.TontineSessions.AnyAsync(s => s.TontineId == id));
    }

    [Fact]
    public async Task A_cumulative_tontine_starts_with_its_session_count_and_no_turns()
    {
        var president = await _kit.UserAsync("Maty Faye");
        var id = await _kit.CreateAsync(president, "Épargne cumulative", new { type = "CUMULATIVE", sessionCount = 6, frequency = "BIWEEKLY" });
        await _kit.AddMembersAsync(id, TontineRole.Member, await _kit.UserAsync("Ngoné"));
        Assert.Equal(["INVALID_PAYOUT_ORDER"], await _kit.CodesAsync("setPayoutOrder", "SetPayoutOrderInput", new { tontineId = GlobalIds.Tontine(id), method = "RANDOM" }, president));

        Assert.Empty(await _kit.CodesAsync("startTontine", "StartTontineInput", new { tontineId = GlobalIds.Tontine(id) }, president));
        await using var db = _kit.Context();
        Assert.Equal(6, await db.TontineSessions.CountAsync(s => s.TontineId == id));
        Assert.Equal(12, await db.TontineContributions.CountAsync(c => c.TontineId == id));
        Assert.False(await db.TontinePassages.AnyAsync(p => p.TontineId == id));
    }

    [Fact]
    public async Task Suspending_and_resuming_are_audited_and_follow_the_status()
    {
        var president = await _kit.UserAsync("Sokhna Diouf");
        var id = await _kit.CreateAsync(president, "Tontine en pause");
        await _kit.AddMembersAsync(id, TontineRole.Member, await _kit.UserAsync("Astou"));
        var tontineId = GlobalIds.Tontine(id);

        Assert.Equal(["TONTINE_NOT_ACTIVE"], await _kit.CodesAsync("suspendTontine", "SuspendTontineInput", new { tontineId, reason = "Fête de Tabaski" }, president));
        Assert.Empty(await _kit.CodesAsync("startTontine", "StartTontineInput", new { tontineId }, president));
        Assert.Equal(["TONTINE_NOT_SUSPENDED"], await _kit.CodesAsync("resumeTontine", "ResumeTontineInput", new { tontineId }, president));
        Assert.Equal(["INVALID_TONTINE_INPUT"], await _kit.CodesAsync("suspendTontine", "SuspendTontineInput", new { tontineId, reason = " a " }, president));

        DateTime before;
        await using (var db = _kit.Context())
        {
            before = (await db.Tontines.SingleAsync(t => t.Id == id)).UpdatedAt;
        }
        Assert.Empty(await _kit.CodesAsync("suspendTontine", "SuspendTontineInput", new { tontineId, reason = "Fête de Tabaski" }, president));
        await using (var db = _kit.Context())
        {
            var tontine = await db.Tontines.SingleAsync(t => t.Id == id);
            Assert.Equal(TontineStatus.Suspended, tontine.Status);
            Assert.True(tontine.UpdatedAt > before);
            var entry = await db.AuditEntries.SingleAsync(e => e.Action == "TONTINE_SUSPENDED" && e.EntityId == id.ToString());
            Assert.Equal(president, entry.ActorUserId);
            Assert.Contains("Fête de Tabaski", Strings(entry.Changes.RootElement));
        }
        Assert.Equal(["TONTINE_NOT_ACTIVE"], await _kit.CodesAsync("suspendTontine", "SuspendTontineInput", new { tontineId, reason = "Encore" }, president));
        Assert.Empty(await _kit.CodesAsync("resumeTontine", "ResumeTontineInput", new { tontineId }, president));
        await using (var db = _kit.Context())
        {
            Assert.Equal(TontineStatus.Active, (await db.Tontines.SingleAsync(t => t.Id == id)).Status);
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "TONTINE_RESUMED" && e.EntityId == id.ToString()));
        }
    }

    [Theory]
    [InlineData(TontineRole.Treasurer)]
    [InlineData(TontineRole.Member)]
    [InlineData(null)]
    public async Task Only_the_president_sets_up_starts_and_suspends_a_tontine(TontineRole? role)
    {
        var president = await _kit.UserAsync("Khadija Sow");
        var caller = await _kit.UserAsync("Moussa Kane");
        var other = await _kit.UserAsync("Aliou Ba");
        var id = await _kit.CreateAsync(president, "Tontine gardée");
        await _kit.AddMembersAsync(id, TontineRole.Member, other);
        if (role is { } held)
        {
            await _kit.AddMembersAsync(id, held, caller);
        }
        var tontineId = GlobalIds.Tontine(id);
        var calls = new (string Field, string Type, object Input)[]
        {
            ("updateTontine", "UpdateTontineInput", new { tontineId, name = "Prise" }),
            ("regenerateJoinCode", "RegenerateJoinCodeInput", new { tontineId }),
            ("setPayoutOrder", "SetPayoutOrderInput", new { tontineId, method = "RANDOM" }),
            ("startTontine", "StartTontineInput", new { tontineId }),
            ("suspendTontine", "SuspendTontineInput", new { tontineId, reason = "Sans droit" }),
            ("resumeTontine", "ResumeTontineInput", new { tontineId }),
            ("inviteToTontine", "InviteToTontineInput", new { tontineId, userId = GlobalIds.User(caller) }),
            ("removeTontineMember", "RemoveTontineMemberInput", new { tontineId, userId = GlobalIds.User(other) }),
        };
        var code = await _kit.JoinCodeAsync(id);

        foreach (var (field, type, input) in calls)
        {
            var response = await _kit.SendAsync($"mutation($input: {type}!) {{ {field}(input: $input) {{ errors {{ __typename }} }} }}", new { input }, caller);
            Assert.True("AUTH_NOT_AUTHORIZED" == response.ErrorCode, $"{field}: {response.Text}");
        }
        await using var db = _kit.Context();
        var tontine = await db.Tontines.SingleAsync(t => t.Id == id);
        Assert.Equal(("Tontine gardée", TontineStatus.Draft, code, (string?)null), (tontine.Name, tontine.Status, tontine.JoinCode, tontine.DrawSeed));
        Assert.Equal(role is null ? 2 : 3, await db.TontineMembers.CountAsync(m => m.TontineId == id));
        Assert.False(await db.TontineInvitations.AnyAsync(i => i.TontineId == id));
    }

    [Fact]
    public async Task The_join_code_is_shown_to_members_only_and_a_new_one_replaces_it()
    {
        var president = await _kit.UserAsync("Dior Mbaye");
        var member = await _kit.UserAsync("Penda Ly");
        var id = await _kit.CreateAsync(president, "Tontine au code");
        await _kit.AddMembersAsync(id, TontineRole.Member, member);
        const string Query = "query($id: ID!) { tontine(id: $id) { joinCode } }";
        var variables = new { id = GlobalIds.Tontine(id) };
        var code = await _kit.JoinCodeAsync(id);

        Assert.Equal(code, TontineTestKit.Data(await _kit.SendAsync(Query, variables, member)).GetProperty("tontine").GetProperty("joinCode").GetString());
        // Staff see the tontine, not its code.
        var staff = TontineTestKit.Data(await _kit.SendAsync(Query, variables, await _kit.UserAsync("Admin"), PlatformRoles.AdminName)).GetProperty("tontine");
        Assert.Equal(JsonValueKind.Null, staff.GetProperty("joinCode").ValueKind);

        var renewed = TontineTestKit.Data(await _kit.SendAsync("""
            mutation($input: RegenerateJoinCodeInput!) { regenerateJoinCode(input: $input) { tontine { joinCode } errors { __typename } } }
            """, new { input = new { tontineId = GlobalIds.Tontine(id) } }, president)).GetProperty("regenerateJoinCode").GetProperty("tontine").GetProperty("joinCode").GetString();
        Assert.NotEqual(code, renewed);
        Assert.Equal(renewed, await _kit.JoinCodeAsync(id));
        Assert.Equal(["JOIN_CODE_INVALID"], await _kit.CodesAsync("joinTontine", "JoinTontineInput", new { code }, await _kit.UserAsync("Retardataire")));
    }

    [Fact]
    public async Task Tontines_are_filtered_and_sorted_on_their_new_fields()
    {
        var president = await _kit.UserAsync("Filtre Diop");
        var draft = await _kit.CreateAsync(president, "Filtre B brouillon", new { type = "CUMULATIVE" });
        var active = await _kit.CreateAsync(president, "Filtre A active");
        await _kit.AddMembersAsync(active, TontineRole.Member, await _kit.UserAsync("Filtre Membre"));
        Assert.Empty(await _kit.CodesAsync("startTontine", "StartTontineInput", new { tontineId = GlobalIds.Tontine(active) }, president));

        var data = TontineTestKit.Data(await _kit.SendAsync("""
            {
              active: tontines(where: { status: { eq: ACTIVE } }) { nodes { id } }
              cumulative: tontines(where: { type: { in: [CUMULATIVE, MIXED] }, status: { neq: ACTIVE } }) { nodes { id } }
              byStart: tontines(order: [{ status: DESC }, { name: ASC }]) { nodes { id status } }
            }
            """, null, president));
        Assert.Equal([GlobalIds.Tontine(active)], data.GetProperty("active").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()));
        Assert.Equal([GlobalIds.Tontine(draft)], data.GetProperty("cumulative").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()));
        Assert.Equal(2, data.GetProperty("byStart").GetProperty("nodes").GetArrayLength());
    }

    /// <summary>Every string value in a JSON document, however deep.</summary>
    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };
}
