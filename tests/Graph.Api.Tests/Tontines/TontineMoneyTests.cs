using System.Text.Json;
using Graph.Api.Common;
using Graph.Api.Payments;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tontines;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Tontines;

/// <summary>
/// The money of a running tontine over GraphQL: sessions open in order, contributions paid by mobile money (one payment at
/// a time) or in cash (maker-checker), fines accrued and waived, passages started on their day, refused when the pot lacks
/// the money, paid and confirmed by their beneficiary only; the session's figures read with a bounded number of queries.
/// </summary>
public sealed class TontineMoneyTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Errors = "errors { __typename ... on Error { code message } }";

    private const string Open = $"mutation($input: OpenTontineSessionInput!) {{ openTontineSession(input: $input) {{ session {{ id status openedAt }} {Errors} }} }}";

    private const string Close = $"mutation($input: CloseTontineSessionInput!) {{ closeTontineSession(input: $input) {{ session {{ id status }} {Errors} }} }}";

    private const string ContributionFields = "member { id } expected { amount currency } received { amount currency } penalty { amount currency } status daysLate paidAt "
        + "penaltyWaived { at reason by { id } } payments { amount { amount } penalty { amount } status method settledAt payment { id } }";

    private const string Pay = $$"""
        mutation($input: PayContributionInput!) {
          payContribution(input: $input) { payment { id status amount { amount currency } } customerAction contribution { {{ContributionFields}} } {{Errors}} }
        }
        """;

    private const string RecordCash = $$"""
        mutation($input: RecordCashContributionInput!) {
          recordCashContribution(input: $input) { payment { id status method amount { amount } } contribution { status } {{Errors}} }
        }
        """;

    private const string ValidateCash = $"mutation($input: ValidateCashPaymentInput!) {{ validateCashPayment(input: $input) {{ payment {{ id status }} {Errors} }} }}";

    private const string Waive = $$"""
        mutation($input: WaiveContributionPenaltyInput!) { waiveContributionPenalty(input: $input) { contribution { {{ContributionFields}} } {{Errors}} } }
        """;

    private const string StartPassage = $"mutation($input: StartPassageInput!) {{ startPassage(input: $input) {{ passage {{ id status startedAt }} {Errors} }} }}";

    private const string PayPassage = $"mutation($input: PayPassageInput!) {{ payPassage(input: $input) {{ passage {{ id status }} payment {{ id status amount {{ amount }} }} {Errors} }} }}";

    private const string ConfirmPassage = $"mutation($input: ConfirmPassageInput!) {{ confirmPassage(input: $input) {{ passage {{ id status confirmedAt }} {Errors} }} }}";

    private const string Sessions = """
        query($id: ID!) {
          tontine(id: $id) {
            status potBalance { amount currency }
            statistics { received { amount } paidOut { amount } penaltiesCollected { amount } lateContributions }
            sessions {
              id number status dueDate beneficiary { id } passage { id kind status amount { amount } }
              statistics { expected { amount } received { amount } outstanding { amount } penaltiesAccrued { amount } penaltiesPaid { amount }
                           paidCount lateCount dueCount memberCount collectionRate }
            }
          }
        }
        """;

    private const string Contributions = $$"""
        query($id: ID!) { node(id: $id) { ... on TontineSession { contributions { {{ContributionFields}} } } } }
        """;

    private const string Everything = """
        query($id: ID!) {
          tontine(id: $id) {
            potBalance { amount }
            sessions { number status beneficiary { id } statistics { received { amount } paidCount } contributions { member { id } status penalty { amount } payments { status } } }
          }
        }
        """;

    private TontineMoneyHost _host = null!;

    public Task InitializeAsync()
    {
        _host = TontineMoneyHost.Start(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Sessions_open_in_order_by_the_treasurer_or_president_only_and_close_once()
    {
        var tontine = await _host.StartAsync(members: 1);
        var member = tontine.People[2];

        var early = await _host.MutateAsync(tontine.Treasurer.Id, Open, "openTontineSession", new { sessionId = SessionId(tontine.Sessions[1]) });
        var byMember = await _host.MutateAsync(member.Id, Open, "openTontineSession", new { sessionId = SessionId(tontine.Sessions[0]) });
        var stranger = await _host.AddUserAsync("Inconnu");
        var byStranger = await _host.MutateAsync(stranger.Id, Open, "openTontineSession", new { sessionId = SessionId(tontine.Sessions[0]) });
        var first = await _host.MutateAsync(tontine.Treasurer.Id, Open, "openTontineSession", new { sessionId = SessionId(tontine.Sessions[0]) });
        var again = await _host.MutateAsync(tontine.President.Id, Open, "openTontineSession", new { sessionId = SessionId(tontine.Sessions[0]) });
        var closeScheduled = await _host.MutateAsync(tontine.President.Id, Close, "closeTontineSession", new { sessionId = SessionId(tontine.Sessions[1]) });
        var second = await _host.MutateAsync(tontine.President.Id, Open, "openTontineSession", new { sessionId = SessionId(tontine.Sessions[1]) });
        var closed = await _host.MutateAsync(tontine.Treasurer.Id, Close, "closeTontineSession", new { sessionId = SessionId(tontine.Sessions[0]) });
        var closedAgain = await _host.MutateAsync(tontine.Treasurer.Id, Close, "closeTontineSession", new { sessionId = SessionId(tontine.Sessions[0]) });

        Assert.Equal(["SESSION_OUT_OF_ORDER"], TontineMoneyHost.Codes(early));
        Assert.Equal(["TONTINE_ROLE_REQUIRED"], TontineMoneyHost.Codes(byMember));
        Assert.Equal(["SESSION_NOT_FOUND"], TontineMoneyHost.Codes(byStranger));
        Assert.Equal("OPEN", first.GetProperty("session").GetProperty("status").GetString());
        Assert.Equal(["SESSION_STATUS_CONFLICT"], TontineMoneyHost.Codes(again));
        Assert.Equal(["SESSION_STATUS_CONFLICT"], TontineMoneyHost.Codes(closeScheduled));
        Assert.Equal("OPEN", second.GetProperty("session").GetProperty("status").GetString());
        Assert.Equal("CLOSED", closed.GetProperty("session").GetProperty("status").GetString());
        Assert.Equal(["SESSION_STATUS_CONFLICT"], TontineMoneyHost.Codes(closedAgain));
    }

    [Fact]
    public async Task A_member_pays_their_contribution_by_mobile_money_which_is_received_once_settled()
    {
        var tontine = await _host.StartAsync(members: 2);
        var member = tontine.People[2];
        await OpenAsync(tontine, 0);

        var scheduled = await PayAsync(member.Id, tontine.Sessions[1]);
        var paid = await PayAsync(member.Id, tontine.Sessions[0]);
        var payment = paid.GetProperty("payment");
        Assert.Empty(TontineMoneyHost.Codes(paid));
        Assert.Equal("PENDING", payment.GetProperty("status").GetString());
        Assert.Equal(10_000m, payment.GetProperty("amount").GetProperty("amount").GetDecimal());
        Assert.Equal("DUE", paid.GetProperty("contribution").GetProperty("status").GetString());
        var pending = Assert.Single(paid.GetProperty("contribution").GetProperty("payments").EnumerateArray());
        Assert.Equal("PENDING", pending.GetProperty("status").GetString());
        Assert.Equal(["SESSION_STATUS_CONFLICT"], TontineMoneyHost.Codes(scheduled));

        await _host.SucceedAsync(GlobalIds.KeyOf(payment.GetProperty("id").GetString()!));
        var again = await PayAsync(member.Id, tontine.Sessions[0]);

        Assert.Equal(["CONTRIBUTION_ALREADY_PAID"], TontineMoneyHost.Codes(again));
        var data = (await _host.DataAsync(member.Id, Sessions, new { id = GlobalIds.Tontine(tontine.Id) })).GetProperty("tontine");
        Assert.Equal(10_000m, data.GetProperty("potBalance").GetProperty("amount").GetDecimal());
        Assert.Equal(10_000m, data.GetProperty("statistics").GetProperty("received").GetProperty("amount").GetDecimal());
        var session = data.GetProperty("sessions")[0];
        Assert.Equal(GlobalIds.User(tontine.President.Id), session.GetProperty("beneficiary").GetProperty("id").GetString());
        var statistics = session.GetProperty("statistics");
        Assert.Equal((40_000m, 10_000m, 30_000m), (statistics.GetProperty("expected").GetProperty("amount").GetDecimal(),
            statistics.GetProperty("received").GetProperty("amount").GetDecimal(), statistics.GetProperty("outstanding").GetProperty("amount").GetDecimal()));
        Assert.Equal((1, 0, 3, 4), (statistics.GetProperty("paidCount").GetInt32(), statistics.GetProperty("lateCount").GetInt32(),
            statistics.GetProperty("dueCount").GetInt32(), statistics.GetProperty("memberCount").GetInt32()));
        Assert.Equal(0.25m, statistics.GetProperty("collectionRate").GetDecimal());
        var mine = await ContributionAsync(member.Id, tontine, 0, member.Id);
        Assert.Equal(("PAID", 10_000m), (mine.GetProperty("status").GetString(), mine.GetProperty("received").GetProperty("amount").GetDecimal()));
        // The treasurer sees the payment; another member sees that the contribution is paid, not the payment itself.
        var seenByTreasurer = await ContributionAsync(tontine.Treasurer.Id, tontine, 0, member.Id);
        Assert.NotEqual(JsonValueKind.Null, seenByTreasurer.GetProperty("payments")[0].GetProperty("payment").ValueKind);
        var seenByOther = await ContributionAsync(tontine.People[3].Id, tontine, 0, member.Id);
        Assert.Equal("SUCCEEDED", seenByOther.GetProperty("payments")[0].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, seenByOther.GetProperty("payments")[0].GetProperty("payment").ValueKind);
    }

    [Fact]
    public async Task Two_payments_of_one_contribution_at_once_under_two_keys_make_one_payment_and_one_contribution_in_progress()
    {
        var tontine = await _host.StartAsync(members: 1);
        var member = tontine.People[2];
        await OpenAsync(tontine, 0);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PayAsync(member.Id, tontine.Sessions[0])));

        Assert.Single(results, r => TontineMoneyHost.Codes(r).Count == 0);
        Assert.All(results.Where(r => TontineMoneyHost.Codes(r).Count > 0), r => Assert.Equal(["CONTRIBUTION_IN_PROGRESS"], TontineMoneyHost.Codes(r)));
        await using var db = _host.TestContext();
        Assert.Equal(1, await db.ContributionPayments.CountAsync(c => c.SessionId == tontine.Sessions[0] && c.UserId == member.Id));
        Assert.Equal(1, await db.Payments.CountAsync(p => p.TontineId == tontine.Id));
    }

    [Theory]
    [InlineData(LatePenaltyMode.FixedPerDay, 500, null, 2, 0, 0)]
    [InlineData(LatePenaltyMode.FixedPerDay, 500, null, 2, 2, 0)]
    [InlineData(LatePenaltyMode.FixedPerDay, 500, null, 2, 3, 500)]
    [InlineData(LatePenaltyMode.FixedPerDay, 500, 2000.0, 2, 10, 2000)]
    [InlineData(LatePenaltyMode.PercentPerDay, 2.5, null, 0, 3, 750)]
    [InlineData(LatePenaltyMode.PercentPerDay, 2.5, 1000.0, 0, 30, 1000)]
    [InlineData(LatePenaltyMode.None, 0, null, 0, 30, 0)]
    public async Task A_late_contribution_accrues_its_fine_per_day_after_the_grace_period_up_to_the_cap_and_pays_it(
        LatePenaltyMode mode, double rate, double? cap, int grace, int days, int fine)
    {
        var tontine = await _host.StartAsync(members: 1, penaltyMode: mode, penaltyRate: (decimal)rate, penaltyCap: (decimal?)cap, graceDays: grace);
        var member = tontine.People[2];
        await OpenAsync(tontine, 0);
        _host.Clock.Advance(TimeSpan.FromDays(days));

        var before = await ContributionAsync(member.Id, tontine, 0, member.Id);
        var paid = await PayAsync(member.Id, tontine.Sessions[0]);
        await _host.SucceedAsync(GlobalIds.KeyOf(paid.GetProperty("payment").GetProperty("id").GetString()!));
        var after = await ContributionAsync(member.Id, tontine, 0, member.Id);

        var late = Math.Max(0, days - grace);
        Assert.Equal((fine, late, late > 0 ? "LATE" : "DUE"),
            ((int)before.GetProperty("penalty").GetProperty("amount").GetDecimal(), before.GetProperty("daysLate").GetInt32(), before.GetProperty("status").GetString()));
        Assert.Equal(10_000m + fine, paid.GetProperty("payment").GetProperty("amount").GetProperty("amount").GetDecimal());
        Assert.Equal(("PAID", fine, 10_000m), (after.GetProperty("status").GetString(), (int)after.GetProperty("penalty").GetProperty("amount").GetDecimal(),
            after.GetProperty("received").GetProperty("amount").GetDecimal()));
        var payment = after.GetProperty("payments")[0];
        Assert.Equal((10_000m, (decimal)fine), (payment.GetProperty("amount").GetProperty("amount").GetDecimal(), payment.GetProperty("penalty").GetProperty("amount").GetDecimal()));
        // Days later, the paid fine stays what was paid.
        _host.Clock.Advance(TimeSpan.FromDays(5));
        Assert.Equal(fine, (int)(await ContributionAsync(member.Id, tontine, 0, member.Id)).GetProperty("penalty").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task The_president_waives_an_unpaid_fine_with_a_reason_audited_and_a_paid_fine_cannot_be_waived()
    {
        var tontine = await _host.StartAsync(members: 2, penaltyMode: LatePenaltyMode.FixedPerDay, penaltyRate: 100m);
        var (late, punctual) = (tontine.People[2], tontine.People[3]);
        await OpenAsync(tontine, 0);

        var notLate = await WaiveAsync(tontine.President.Id, tontine, late.Id, "Malade, excusée");
        _host.Clock.Advance(TimeSpan.FromDays(4));
        var paid = await PayAsync(punctual.Id, tontine.Sessions[0]);
        await _host.SucceedAsync(GlobalIds.KeyOf(paid.GetProperty("payment").GetProperty("id").GetString()!));
        var byTreasurer = await WaiveAsync(tontine.Treasurer.Id, tontine, late.Id, "Malade, excusée");
        var shortReason = await WaiveAsync(tontine.President.Id, tontine, late.Id, " ok ");
        var alreadyPaid = await WaiveAsync(tontine.President.Id, tontine, punctual.Id, "Erreur de la banque");
        var waived = await WaiveAsync(tontine.President.Id, tontine, late.Id, "Malade, excusée");
        var twice = await WaiveAsync(tontine.President.Id, tontine, late.Id, "Malade, excusée");
        var payment = await PayAsync(late.Id, tontine.Sessions[0]);

        Assert.Equal(["NO_PENALTY"], TontineMoneyHost.Codes(notLate));
        Assert.Equal(["TONTINE_ROLE_REQUIRED"], TontineMoneyHost.Codes(byTreasurer));
        Assert.Equal(["INVALID_TONTINE_INPUT"], TontineMoneyHost.Codes(shortReason));
        Assert.Equal(["PENALTY_ALREADY_PAID"], TontineMoneyHost.Codes(alreadyPaid));
        Assert.Equal(["NO_PENALTY"], TontineMoneyHost.Codes(twice));
        var contribution = waived.GetProperty("contribution");
        Assert.Equal(("LATE", 0m), (contribution.GetProperty("status").GetString(), contribution.GetProperty("penalty").GetProperty("amount").GetDecimal()));
        Assert.Equal(("Malade, excusée", GlobalIds.User(tontine.President.Id)),
            (contribution.GetProperty("penaltyWaived").GetProperty("reason").GetString(), contribution.GetProperty("penaltyWaived").GetProperty("by").GetProperty("id").GetString()));
        Assert.Equal(10_000m, payment.GetProperty("payment").GetProperty("amount").GetProperty("amount").GetDecimal());
        await using var db = _host.TestContext();
        var audit = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == TontineTreasury.PenaltyWaivedAction && e.EntityId == $"{tontine.Sessions[0]:D}/{late.Id:D}");
        Assert.Equal(tontine.President.Id, audit.ActorUserId);
    }

    [Fact]
    public async Task Cash_recorded_by_the_treasurer_is_refused_to_them_as_checker_and_validated_by_the_president()
    {
        var tontine = await _host.StartAsync(members: 1);
        var member = tontine.People[2];
        await OpenAsync(tontine, 0);

        var byMember = await RecordCashAsync(member.Id, tontine, member.Id);
        var recorded = await RecordCashAsync(tontine.Treasurer.Id, tontine, member.Id);
        var paymentId = recorded.GetProperty("payment").GetProperty("id").GetString()!;
        var duringCash = await PayAsync(member.Id, tontine.Sessions[0]);
        var self = await _host.MutateAsync(tontine.Treasurer.Id, ValidateCash, "validateCashPayment", new { paymentId });
        var checkedByPresident = await _host.MutateAsync(tontine.President.Id, ValidateCash, "validateCashPayment", new { paymentId });

        Assert.Equal(["TONTINE_ROLE_REQUIRED"], TontineMoneyHost.Codes(byMember));
        Assert.Equal(("PENDING", "CASH", 10_000m), (recorded.GetProperty("payment").GetProperty("status").GetString(),
            recorded.GetProperty("payment").GetProperty("method").GetString(), recorded.GetProperty("payment").GetProperty("amount").GetProperty("amount").GetDecimal()));
        Assert.Equal(["CONTRIBUTION_IN_PROGRESS"], TontineMoneyHost.Codes(duringCash));
        Assert.Equal(["MAKER_CANNOT_CHECK"], TontineMoneyHost.Codes(self));
        Assert.Equal("SUCCEEDED", checkedByPresident.GetProperty("payment").GetProperty("status").GetString());
        var contribution = await ContributionAsync(member.Id, tontine, 0, member.Id);
        Assert.Equal(("PAID", "CASH"), (contribution.GetProperty("status").GetString(), contribution.GetProperty("payments")[0].GetProperty("method").GetString()));
    }

    [Fact]
    public async Task A_passage_starts_on_its_due_date_is_refused_while_the_pot_lacks_its_amount_and_is_confirmed_by_its_beneficiary_only()
    {
        var tontine = await _host.StartAsync(members: 0, startDate: DateOnly.FromDateTime(_host.Now).AddDays(3));
        var (president, treasurer) = (tontine.President, tontine.Treasurer);
        var passages = await PassagesAsync(tontine.Id);

        var notDue = await _host.MutateAsync(treasurer.Id, StartPassage, "startPassage", new { passageId = PassageId(passages[0]) });
        _host.Clock.Advance(TimeSpan.FromDays(3));
        var byPresidentTurn = await _host.MutateAsync(treasurer.Id, StartPassage, "startPassage", new { passageId = PassageId(passages[0]) });
        var empty = await PayPassageAsync(treasurer.Id, passages[0]);
        var countAfterRefusal = await PaymentsOfAsync(tontine.Id);

        await OpenAsync(tontine, 0);
        foreach (var person in tontine.People)
        {
            var paid = await PayAsync(person.Id, tontine.Sessions[0]);
            await _host.SucceedAsync(GlobalIds.KeyOf(paid.GetProperty("payment").GetProperty("id").GetString()!));
        }
        var payout = await PayPassageAsync(treasurer.Id, passages[0]);
        var twice = await PayPassageAsync(treasurer.Id, passages[0]);
        var early = await _host.MutateAsync(president.Id, ConfirmPassage, "confirmPassage", new { passageId = PassageId(passages[0]) });
        await _host.SucceedAsync(GlobalIds.KeyOf(payout.GetProperty("payment").GetProperty("id").GetString()!));
        var byOther = await _host.MutateAsync(treasurer.Id, ConfirmPassage, "confirmPassage", new { passageId = PassageId(passages[0]) });
        var confirmed = await _host.MutateAsync(president.Id, ConfirmPassage, "confirmPassage", new { passageId = PassageId(passages[0]) });

        Assert.Equal(["PASSAGE_NOT_DUE"], TontineMoneyHost.Codes(notDue));
        Assert.Equal("STARTED", byPresidentTurn.GetProperty("passage").GetProperty("status").GetString());
        Assert.Equal(["INSUFFICIENT_FUNDS"], TontineMoneyHost.Codes(empty));
        Assert.Equal(0, countAfterRefusal);
        Assert.Equal(("STARTED", "PENDING", 20_000m), (payout.GetProperty("passage").GetProperty("status").GetString(),
            payout.GetProperty("payment").GetProperty("status").GetString(), payout.GetProperty("payment").GetProperty("amount").GetProperty("amount").GetDecimal()));
        Assert.Equal(["PASSAGE_STATUS_CONFLICT"], TontineMoneyHost.Codes(twice));
        Assert.Equal(["PASSAGE_STATUS_CONFLICT"], TontineMoneyHost.Codes(early));
        Assert.Equal(["NOT_BENEFICIARY"], TontineMoneyHost.Codes(byOther));
        Assert.Equal("CONFIRMED", confirmed.GetProperty("passage").GetProperty("status").GetString());
        var data = (await _host.DataAsync(president.Id, Sessions, new { id = GlobalIds.Tontine(tontine.Id) })).GetProperty("tontine");
        Assert.Equal(0m, data.GetProperty("potBalance").GetProperty("amount").GetDecimal());
        Assert.Equal(20_000m, data.GetProperty("statistics").GetProperty("paidOut").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task A_refunded_contribution_is_owed_again_and_can_be_paid_anew()
    {
        var tontine = await _host.StartAsync(members: 1);
        var member = tontine.People[2];
        await OpenAsync(tontine, 0);
        var paid = await _host.Treasury.PayContributionAsync(tontine.Sessions[0], PaymentMethod.Wave, TontineMoneyHost.Wallet, "refund-1", new TontineActor(member.Id), default);
        await _host.SucceedAsync(paid.Value!.Payment.Id);

        var refund = await _host.Payments.Payments.RefundAsync(paid.Value.Payment.Id, "Payée deux fois", "refund-key", tontine.President.Id, default);
        if (refund.Payment is { Status: not PaymentStatus.Succeeded } pending)
        {
            await _host.SucceedAsync(pending.Id);
        }

        Assert.Null(refund.Refusal);
        var contribution = await ContributionAsync(member.Id, tontine, 0, member.Id);
        Assert.Equal(("DUE", 0m), (contribution.GetProperty("status").GetString(), contribution.GetProperty("received").GetProperty("amount").GetDecimal()));
        Assert.Equal(JsonValueKind.Null, contribution.GetProperty("payments")[0].GetProperty("settledAt").ValueKind);
        var again = await PayAsync(member.Id, tontine.Sessions[0]);
        Assert.Empty(TontineMoneyHost.Codes(again));
    }

    [Fact]
    public async Task A_contribution_is_not_given_back_once_its_session_is_closed_or_the_tontine_suspended()
    {
        var tontine = await _host.StartAsync(members: 1);
        var member = tontine.People[2];
        await OpenAsync(tontine, 0);
        var paid = await _host.Treasury.PayContributionAsync(tontine.Sessions[0], PaymentMethod.Wave, TontineMoneyHost.Wallet, "kept-1", new TontineActor(member.Id), default);
        await _host.SucceedAsync(paid.Value!.Payment.Id);
        await using (var db = _host.TestContext())
        {
            await db.TontineSessions.Where(x => x.Id == tontine.Sessions[0])
                .ExecuteUpdateAsync(x => x.SetProperty(y => y.Status, TontineSessionStatus.Closed).SetProperty(y => y.ClosedAt, DateTime.UtcNow));
        }

        var closed = await _host.Payments.Payments.RefundAsync(paid.Value.Payment.Id, "Erreur", "kept-refund-1", tontine.President.Id, default);
        Assert.Equal("PAYMENT_STATUS_CONFLICT", closed.Refusal?.Code);
        Assert.Contains("session is closed", closed.Refusal!.Message, StringComparison.Ordinal);

        await using (var db = _host.TestContext())
        {
            await db.Tontines.Where(t => t.Id == tontine.Id).ExecuteUpdateAsync(x => x.SetProperty(t => t.Status, TontineStatus.Suspended));
        }
        var suspended = await _host.Payments.Payments.RefundAsync(paid.Value.Payment.Id, "Erreur", "kept-refund-2", tontine.President.Id, default);
        Assert.Contains("SUSPENDED", suspended.Refusal?.Message, StringComparison.Ordinal);
        // Nor does the generic payment path move money in or out of a suspended tontine.
        var payout = await _host.Payments.Payments.CreateAsync(new PaymentRequest
        {
            Purpose = PaymentPurpose.TontinePayout,
            Method = PaymentMethod.Cash,
            Amount = new Graph.Api.Common.Money(1_000m, Graph.Api.Common.Currency.XOF),
            PayeeUserId = member.Id,
            TontineId = tontine.Id,
            Description = "Versement hors tour",
            IdempotencyKey = "kept-payout",
        }, tontine.President.Id, default);
        Assert.Contains("suspended", payout.Refusal?.Message, StringComparison.Ordinal);
        await using var check = _host.TestContext();
        Assert.Equal(PaymentStatus.Succeeded, await check.Payments.Where(p => p.Id == paid.Value.Payment.Id).Select(p => p.Status).SingleAsync());
        Assert.False(await check.Payments.AnyAsync(p => p.IdempotencyKey == "kept-payout" || p.RefundOfPaymentId == paid.Value.Payment.Id));
    }

    [Fact]
    public async Task A_suspended_tontine_takes_no_contribution_and_pays_no_passage()
    {
        var tontine = await _host.StartAsync(members: 1);
        await OpenAsync(tontine, 0);
        await using (var db = _host.TestContext())
        {
            await db.Tontines.Where(t => t.Id == tontine.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TontineStatus.Suspended));
        }

        var paid = await PayAsync(tontine.People[2].Id, tontine.Sessions[0]);
        var cash = await RecordCashAsync(tontine.Treasurer.Id, tontine, tontine.People[2].Id);
        var started = await _host.MutateAsync(tontine.Treasurer.Id, StartPassage, "startPassage", new { passageId = PassageId((await PassagesAsync(tontine.Id))[0]) });

        Assert.Equal(["TONTINE_NOT_ACTIVE"], TontineMoneyHost.Codes(paid));
        Assert.Equal(["TONTINE_NOT_ACTIVE"], TontineMoneyHost.Codes(cash));
        Assert.Equal(["TONTINE_NOT_ACTIVE"], TontineMoneyHost.Codes(started));
        Assert.Equal(0, await PaymentsOfAsync(tontine.Id));
    }

    [Fact]
    public async Task A_tontine_of_three_sessions_and_five_members_loads_with_a_bounded_number_of_queries()
    {
        var tontine = await _host.StartAsync(members: 1);
        var bigger = await _host.StartAsync(members: 3);
        foreach (var one in new[] { tontine, bigger })
        {
            await OpenAsync(one, 0);
            var paid = await PayAsync(one.People[2].Id, one.Sessions[0]);
            await _host.SucceedAsync(GlobalIds.KeyOf(paid.GetProperty("payment").GetProperty("id").GetString()!));
        }

        int small;
        using (var commands = new SqlCommandCounter(database.Name))
        {
            await _host.DataAsync(tontine.President.Id, Everything, new { id = GlobalIds.Tontine(tontine.Id) });
            small = commands.Count;
        }
        using (var commands = new SqlCommandCounter(database.Name))
        {
            var data = await _host.DataAsync(bigger.President.Id, Everything, new { id = GlobalIds.Tontine(bigger.Id) });
            Assert.Equal(5, data.GetProperty("tontine").GetProperty("sessions").GetArrayLength());
            Assert.Equal(5, data.GetProperty("tontine").GetProperty("sessions")[0].GetProperty("contributions").GetArrayLength());
            // Each list is loaded in batches, not a query per row: 5 x 5 contributions (25 rows, with their members, fines and
            // payments) take a handful more batches than 3 x 3 at most, as the batches are dispatched level by level.
            Assert.True(commands.Count <= small + 6 && commands.Count < 20, $"{commands.Count} commands for 5 x 5, {small} for 3 x 3:\n{string.Join("\n", commands.Commands)}");
        }
    }

    private async Task OpenAsync(StartedTontine tontine, int index)
    {
        var opened = await _host.Treasury.OpenSessionAsync(tontine.Sessions[index], new TontineActor(tontine.President.Id), default);
        Assert.Null(opened.Error);
    }

    private Task<JsonElement> PayAsync(Guid member, Guid sessionId) =>
        _host.MutateAsync(member, Pay, "payContribution",
            new { sessionId = SessionId(sessionId), method = "ORANGE_MONEY", walletNumber = TontineMoneyHost.Wallet, idempotencyKey = Guid.NewGuid().ToString("N") });

    private Task<JsonElement> RecordCashAsync(Guid maker, StartedTontine tontine, Guid member) =>
        _host.MutateAsync(maker, RecordCash, "recordCashContribution",
            new { sessionId = SessionId(tontine.Sessions[0]), memberId = GlobalIds.User(member), reference = "RECU-7", note = "En billets", idempotencyKey = Guid.NewGuid().ToString("N") });

    private Task<JsonElement> WaiveAsync(Guid caller, StartedTontine tontine, Guid member, string reason) =>
        _host.MutateAsync(caller, Waive, "waiveContributionPenalty", new { sessionId = SessionId(tontine.Sessions[0]), memberId = GlobalIds.User(member), reason });

    private Task<JsonElement> PayPassageAsync(Guid caller, Guid passageId) =>
        _host.MutateAsync(caller, PayPassage, "payPassage",
            new { passageId = PassageId(passageId), method = "WAVE", walletNumber = "+221770000010", idempotencyKey = Guid.NewGuid().ToString("N") });

    private async Task<JsonElement> ContributionAsync(Guid caller, StartedTontine tontine, int session, Guid member)
    {
        var data = await _host.DataAsync(caller, Contributions, new { id = SessionId(tontine.Sessions[session]) });
        return data.GetProperty("node").GetProperty("contributions").EnumerateArray()
            .Single(c => c.GetProperty("member").GetProperty("id").GetString() == GlobalIds.User(member)).Clone();
    }

    private async Task<List<Guid>> PassagesAsync(Guid tontineId)
    {
        await using var db = _host.TestContext();
        return await db.TontinePassages.Where(p => p.TontineId == tontineId).OrderBy(p => p.Kind).ThenBy(p => p.Position).Select(p => p.Id).ToListAsync();
    }

    private async Task<int> PaymentsOfAsync(Guid tontineId)
    {
        await using var db = _host.TestContext();
        return await db.Payments.CountAsync(p => p.TontineId == tontineId);
    }

    private static readonly Graph.GraphQL.Types.Relay.DefaultNodeIdSerializer Ids = new();

    private static string SessionId(Guid id) => Ids.Format(nameof(TontineSession), id);

    private static string PassageId(Guid id) => Ids.Format(nameof(TontinePassage), id);
}
