using System.Text.Json;
using Graph.Api.Audit;
using Graph.Api.Common;
using Graph.Api.Hosting;
using Graph.Api.Identity;
using Graph.Api.Payments;
using Graph.Api.Payments.Providers;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tests.Notifications;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Graph.Api.Tests.Payments;

/// <summary>
/// The reconciliation job on the real server and database, run by the test (<see cref="PaymentReconciler.RunOnceAsync"/>)
/// on the host's clock: the simulators' flows that never call back are settled, expired or failed; an unreachable provider
/// leaves the payment open and is reported once; concurrent runs settle each payment once; FINANCE reads the mismatches
/// and the report. Each test has a database of its own, so the runs' figures are the test's alone.
/// </summary>
public sealed class ReconciliationTests : IAsyncLifetime
{
    private const string Wallet = "+2217712345";

    private static readonly DefaultNodeIdSerializer Ids = new();

    private readonly DatabaseFixture _database = new();
    private PaymentsHost _host = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _host = PaymentsHost.Start(_database);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    private PaymentReconciler Reconciler => _host.Services.GetRequiredService<PaymentReconciler>();

    /// <summary>Initiates a subscription paid from a wallet whose number ends in <paramref name="ending"/> (the simulated
    /// customer's behaviour).</summary>
    private async Task<Payment> InitiateAsync(Guid payer, string ending, PaymentMethod method = PaymentMethod.OrangeMoney)
    {
        var created = await _host.Payments.InitiateAsync(PaymentsHost.Subscription(payer, method, Wallet + ending), payer, default);
        Assert.Null(created.Refusal);
        return created.Payment!;
    }

    [Fact]
    public async Task A_silent_success_is_found_by_a_run_once_the_payment_waited_long_enough()
    {
        var payer = await _host.AddUserAsync();
        var payment = await InitiateAsync(payer.Id, "04");

        // Within PendingAfter (2 min) the callback may still come: the run leaves the payment alone.
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        var early = await Reconciler.RunOnceAsync();
        _host.Clock.Advance(TimeSpan.FromMinutes(2));
        var run = await Reconciler.RunOnceAsync();

        Assert.Equal(0, early.LookedAt);
        Assert.Equal((1, 1, 0), (run.LookedAt, run.Settled, run.Errors));
        var (stored, history, postings) = await _host.LoadAsync(payment.Id);
        Assert.Equal(PaymentStatus.Succeeded, stored.Status);
        Assert.Equal(PaymentEventSource.Reconciliation, history.Single(h => h.To == PaymentStatus.Succeeded).Source);
        var posting = Assert.Single(postings);
        Assert.Equal(2500m, posting.Entries.Single(e => e.AccountType == LedgerAccountType.ProviderClearing).Amount);
        Assert.Null(stored.ReconcileAfter);
    }

    [Fact]
    public async Task A_customer_who_never_answers_makes_the_payment_expire_without_a_posting()
    {
        var payer = await _host.AddUserAsync();
        var payment = await InitiateAsync(payer.Id, "03", PaymentMethod.MtnMomo);

        _host.Clock.Advance(TimeSpan.FromMinutes(3));
        var run = await Reconciler.RunOnceAsync();

        Assert.Equal((1, 1), (run.LookedAt, run.Expired));
        var (stored, history, postings) = await _host.LoadAsync(payment.Id);
        Assert.Equal(PaymentStatus.Expired, stored.Status);
        Assert.Equal(PaymentEventSource.Reconciliation, history[^1].Source);
        Assert.Empty(postings);
    }

    [Fact]
    public async Task A_provider_still_pending_at_the_expiry_makes_the_payment_expire_and_not_before()
    {
        // The payment expires (20 s) before the simulated customer answers (30 s): the provider says PENDING throughout.
        await using var host = PaymentsHost.Start(_database, new Dictionary<string, string?>
        {
            ["Graph:Payments:PendingExpiry"] = "00:00:20",
            ["Graph:Payments:Reconciliation:PendingAfter"] = "00:00:10",
        });
        var reconciler = host.Services.GetRequiredService<PaymentReconciler>();
        var payer = await host.AddUserAsync();
        var created = await host.Payments.InitiateAsync(PaymentsHost.Subscription(payer.Id, PaymentMethod.Wave, Wallet + "67"), payer.Id, default);

        host.Clock.Advance(TimeSpan.FromSeconds(15));
        var before = await reconciler.RunOnceAsync();
        Assert.Equal((1, 1), (before.LookedAt, before.StillPending));
        Assert.Equal(PaymentStatus.Pending, (await host.LoadAsync(created.Payment!.Id)).Payment.Status);

        host.Clock.Advance(TimeSpan.FromSeconds(10));
        var after = await reconciler.RunOnceAsync();

        Assert.Equal((1, 1), (after.LookedAt, after.Expired));
        var (stored, history, postings) = await host.LoadAsync(created.Payment.Id);
        Assert.Equal(PaymentStatus.Expired, stored.Status);
        Assert.Equal("The provider still reported the payment pending at its expiry.", history[^1].Note);
        Assert.Empty(postings);
    }

    [Fact]
    public async Task An_initiation_that_never_reached_the_provider_fails_once_expired_and_is_left_alone_before()
    {
        var payer = await _host.AddUserAsync();
        // Ending 06: the initiation times out, the payment stays INITIATED without a reference.
        var payment = await InitiateAsync(payer.Id, "06", PaymentMethod.FreeMoney);
        Assert.Equal(PaymentStatus.Initiated, payment.Status);

        _host.Clock.Advance(TimeSpan.FromMinutes(3));
        var before = await Reconciler.RunOnceAsync();
        Assert.Equal((1, 1), (before.LookedAt, before.StillPending));
        Assert.Equal(PaymentStatus.Initiated, (await _host.LoadAsync(payment.Id)).Payment.Status);

        _host.Clock.Advance(TimeSpan.FromMinutes(13));
        var after = await Reconciler.RunOnceAsync();

        Assert.Equal((1, 1), (after.LookedAt, after.Failed));
        var (stored, history, postings) = await _host.LoadAsync(payment.Id);
        Assert.Equal((PaymentStatus.Failed, PaymentFailureReason.ProviderError), (stored.Status, stored.FailureReason));
        Assert.Equal([PaymentStatus.Initiated, PaymentStatus.Failed], history.Select(h => h.To));
        Assert.Equal(PaymentEventSource.Reconciliation, history[^1].Source);
        Assert.Empty(postings);
    }

    [Fact]
    public async Task An_unreachable_provider_leaves_the_payment_open_and_is_reported_once_past_the_expiry()
    {
        var payer = await _host.AddUserAsync();
        var created = await _host.Payments.CreateAsync(PaymentsHost.Subscription(payer.Id, PaymentMethod.Wave, Wallet + "67"), payer.Id, default);
        var paymentId = created.Payment!.Id;
        await _host.Payments.ApplyAsync(paymentId, new ProviderUpdate(ProviderState.Pending, "T_0000000042"), new TransitionOrigin(PaymentEventSource.Provider), default);
        var wave = new UnreachableProvider(PaymentMethod.Wave);
        var reconciler = ReconcilerWith(wave);

        // Asked at 3 min, at 16 min (expired at 15) and 17 min 30 s (past the expiry by PendingAfter), then once more.
        var runs = new List<PaymentReconciliationSummary>();
        foreach (var step in new[] { TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(13), TimeSpan.FromSeconds(90), TimeSpan.FromMinutes(5) })
        {
            _host.Clock.Advance(step);
            runs.Add(await reconciler.RunOnceAsync());
        }

        Assert.Equal(4, wave.Asked);
        Assert.All(runs, r => Assert.Equal((1, 1), (r.LookedAt, r.Errors)));
        Assert.Equal([0, 0, 1, 0], runs.Select(r => r.Mismatches));
        await using var db = _host.TestContext();
        var mismatch = Assert.Single(await db.PaymentMismatches.AsNoTracking().Where(m => m.PaymentId == paymentId).ToListAsync());
        Assert.Equal((MismatchKind.Unresolved, PaymentMethod.Wave, PaymentStatus.Pending, PaymentReconciler.UnreachableStatus, "T_0000000042"),
            (mismatch.Kind, mismatch.Provider, mismatch.OurStatus, mismatch.ProviderStatus, mismatch.ProviderReference));
        Assert.Null(mismatch.ResolvedAt);
        var (stored, _, postings) = await _host.LoadAsync(paymentId);
        Assert.Equal(PaymentStatus.Pending, stored.Status);
        Assert.Empty(postings);
    }

    [Fact]
    public async Task Runs_in_parallel_claim_each_payment_once_and_settle_it_once_with_one_posting()
    {
        var payer = await _host.AddUserAsync();
        var methods = Enum.GetValues<PaymentMethod>().Where(m => m != PaymentMethod.Cash).ToArray();
        var payments = new List<Payment>();
        for (var i = 0; i < 20; i++)
        {
            payments.Add(await InitiateAsync(payer.Id, "04", methods[i % methods.Length]));
        }
        _host.Clock.Advance(TimeSpan.FromMinutes(3));

        // Four runs of at most eight payments each: together they could claim 32, so every payment is claimed by one.
        await using var small = PaymentsHost.Start(_database, new Dictionary<string, string?> { ["Graph:Payments:Reconciliation:BatchSize"] = "8" });
        small.Clock.Advance(TimeSpan.FromMinutes(3));
        var reconciler = small.Services.GetRequiredService<PaymentReconciler>();
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => reconciler.RunOnceAsync())));

        Assert.Equal(20, runs.Sum(r => r.LookedAt));
        Assert.Equal(20, runs.Sum(r => r.Settled));
        Assert.All(runs, r => Assert.True(r.LookedAt <= 8));
        foreach (var payment in payments)
        {
            var (stored, history, postings) = await _host.LoadAsync(payment.Id);
            Assert.Equal(PaymentStatus.Succeeded, stored.Status);
            Assert.Single(history, h => h.To == PaymentStatus.Succeeded);
            Assert.Equal(0m, Assert.Single(postings).Entries.Sum(e => e.Amount));
            Assert.Null(stored.ReconcileAfter);
        }
        // Nothing is left to claim.
        Assert.Equal(0, (await reconciler.RunOnceAsync()).LookedAt);
    }

    [Fact]
    public async Task A_payment_claimed_by_a_run_is_passed_over_by_the_others_until_given_back()
    {
        var payer = await _host.AddUserAsync();
        var payment = await InitiateAsync(payer.Id, "04");
        _host.Clock.Advance(TimeSpan.FromMinutes(3));
        // Another instance's run holds it (its claim runs out in 10 minutes).
        await using (var db = _host.TestContext())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE payments SET reconcile_after = {_host.Now + PaymentReconciler.ClaimDuration} WHERE id = {payment.Id}");
        }

        var held = await Reconciler.RunOnceAsync();
        _host.Clock.Advance(PaymentReconciler.ClaimDuration);
        var lapsed = await Reconciler.RunOnceAsync();

        Assert.Equal(0, held.LookedAt);
        Assert.Equal((1, 1), (lapsed.LookedAt, lapsed.Settled));
    }

    [Fact]
    public async Task The_report_counts_payments_per_status_and_method_and_its_zero_figures_catch_a_broken_ledger()
    {
        var payer = await _host.AddUserAsync();
        var finance = await _host.AddUserAsync();
        var start = _host.Now;
        var succeeded = await InitiateAsync(payer.Id, "04", PaymentMethod.OrangeMoney);
        await InitiateAsync(payer.Id, "03", PaymentMethod.MtnMomo);
        var failed = await InitiateAsync(payer.Id, "01", PaymentMethod.Wave);
        _host.Clock.Advance(TimeSpan.FromMinutes(3));
        await Reconciler.RunOnceAsync();
        // Open: a mobile money payment nobody reconciles (past its expiry below), and cash awaiting its checker.
        await InitiateAsync(payer.Id, "67", PaymentMethod.MoovMoney);
        var cash = await _host.Services.GetRequiredService<CashPaymentsService>().RecordAsync(new RecordCashPaymentInput
        {
            Purpose = PaymentPurpose.Subscription,
            Amount = new MoneyInput { Amount = 2500m, Currency = Currency.XOF },
            PayerId = payer.Id,
            Description = "Abonnement payé au guichet",
            IdempotencyKey = "guichet-1",
            Proof = new CashProofInput { Reference = "RECU-77" },
        }, finance.Id, default);
        Assert.Null(cash.Error);
        // A provider contradicting a settled payment: an open mismatch.
        Assert.Equal(TransitionOutcome.Conflict, await _host.Payments.ApplyAsync(succeeded.Id,
            new ProviderUpdate(ProviderState.Failed, FailureReason: PaymentFailureReason.Rejected), new TransitionOrigin(PaymentEventSource.Callback), default));
        _host.Clock.Advance(TimeSpan.FromMinutes(20));

        var report = await ReportAsync(finance.Id, start.AddHours(-1), start.AddHours(1));

        Assert.Equal(
            new[] { ("PENDING", "CASH", 1), ("PENDING", "MOOV_MONEY", 1), ("SUCCEEDED", "ORANGE_MONEY", 1), ("FAILED", "WAVE", 1), ("EXPIRED", "MTN_MOMO", 1) },
            report.GetProperty("counts").EnumerateArray().Select(c => (c.GetProperty("status").GetString()!, c.GetProperty("method").GetString()!, c.GetProperty("count").GetInt32())));
        Assert.Equal((1, 0, 0, 1, 1, true), Figures(report));
        Assert.All(report.GetProperty("ledgerTotals").EnumerateArray(), t => Assert.Equal(0m, t.GetProperty("total").GetDecimal()));
        Assert.Equal(["XOF", "EUR", "USD"], report.GetProperty("ledgerTotals").EnumerateArray().Select(t => t.GetProperty("currency").GetString()));
        // Another period holds none of it.
        var empty = await ReportAsync(finance.Id, start.AddDays(1), start.AddDays(2));
        Assert.Empty(empty.GetProperty("counts").EnumerateArray());

        // Break the ledger behind the platform's back: a FAILED payment marked SUCCEEDED without a posting, and the
        // SUCCEEDED one (posted) marked FAILED.
        await using (var db = _host.TestContext())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE payments SET status = 'SUCCEEDED', settled_at = {_host.Now}, failure_reason = NULL WHERE id = {failed.Id}");
            await db.Database.ExecuteSqlAsync($"UPDATE payments SET status = 'FAILED', settled_at = NULL, failure_reason = 'PROVIDER_ERROR' WHERE id = {succeeded.Id}");
        }
        var broken = await ReportAsync(finance.Id, start.AddHours(-1), start.AddHours(1));
        Assert.Equal((1, 1, 1, 1, 1, false), Figures(broken));
    }

    [Theory]
    [InlineData("2026-11-21T10:00:00Z", "2026-11-21T10:00:00Z")]
    [InlineData("2026-11-21T10:00:00Z", "2026-11-20T10:00:00Z")]
    [InlineData("2025-01-01T00:00:00Z", "2026-11-21T00:00:00Z")]
    public async Task A_report_of_an_empty_reversed_or_too_long_period_is_refused(string from, string to)
    {
        var finance = await _host.AddUserAsync();
        var response = await _host.Inbox.Host.SendAsync("query($from: DateTime!, $to: DateTime!) { paymentReconciliationReport(from: $from, to: $to) { consistent } }",
            new { from, to }, _host.Inbox.TokenOf(finance.Id, PlatformRole.Finance));

        var error = Assert.Single(response.Body.GetProperty("errors").EnumerateArray());
        Assert.Equal(PaymentReconciliationQueries.InvalidPeriodCode, error.GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Finance_lists_mismatches_open_first_and_resolves_one_once_in_the_audit_log()
    {
        var payer = await _host.AddUserAsync();
        var finance = await _host.AddUserAsync();
        var token = _host.Inbox.TokenOf(finance.Id, PlatformRole.Finance);
        var first = await SettledAsync(payer.Id);
        await ConflictAsync(first);
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await SettledAsync(payer.Id);
        await ConflictAsync(second);
        const string list = """
            query($resolved: Boolean) {
              paymentMismatches(first: 10, resolved: $resolved) { totalCount nodes { id kind ourStatus providerStatus resolvedAt resolution payment { id } resolvedBy { id } } }
            }
            """;

        var before = (await _host.Inbox.DataAsync(token, list)).GetProperty("paymentMismatches").GetProperty("nodes");
        Assert.Equal([second, first], before.EnumerateArray().Select(PaymentOf));
        var firstMismatch = before[1].GetProperty("id").GetString()!;
        Assert.Equal(("STATUS_CONFLICT", "SUCCEEDED", "FAILED"), (before[1].GetProperty("kind").GetString(), before[1].GetProperty("ourStatus").GetString(), before[1].GetProperty("providerStatus").GetString()));

        const string resolve = """
            mutation($input: ResolvePaymentMismatchInput!) {
              resolvePaymentMismatch(input: $input) {
                mismatch { id resolvedAt resolution resolvedBy { id } }
                errors { __typename ... on Error { code } ... on InvalidPaymentInputError { field } }
              }
            }
            """;
        var blank = await _host.Inbox.MutateAsync(token, resolve, "resolvePaymentMismatch", new { mismatchId = firstMismatch, resolution = "   " });
        Assert.Equal(("InvalidPaymentInputError", "INVALID_PAYMENT_INPUT", "resolution"), InboxHost.SingleError(blank));
        var resolved = await _host.Inbox.MutateAsync(token, resolve, "resolvePaymentMismatch", new { mismatchId = firstMismatch, resolution = "Débit confirmé par le fournisseur ; remboursé à la main." });
        var again = await _host.Inbox.MutateAsync(token, resolve, "resolvePaymentMismatch", new { mismatchId = firstMismatch, resolution = "Encore" });

        Assert.Equal(GlobalIds.User(finance.Id), resolved.GetProperty("mismatch").GetProperty("resolvedBy").GetProperty("id").GetString());
        Assert.Equal(("PaymentMismatchAlreadyResolvedError", "PAYMENT_MISMATCH_ALREADY_RESOLVED", null), InboxHost.SingleError(again));
        var after = (await _host.Inbox.DataAsync(token, list)).GetProperty("paymentMismatches").GetProperty("nodes");
        // The open one first, then the resolved one.
        Assert.Equal([second, first], after.EnumerateArray().Select(PaymentOf));
        Assert.Equal("Débit confirmé par le fournisseur ; remboursé à la main.", after[1].GetProperty("resolution").GetString());
        var open = (await _host.Inbox.DataAsync(token, list, new { resolved = false })).GetProperty("paymentMismatches");
        Assert.Equal([second], open.GetProperty("nodes").EnumerateArray().Select(PaymentOf));
        var closed = (await _host.Inbox.DataAsync(token, list, new { resolved = true })).GetProperty("paymentMismatches");
        Assert.Equal([first], closed.GetProperty("nodes").EnumerateArray().Select(PaymentOf));
        var byKind = await _host.Inbox.DataAsync(token, "{ paymentMismatches(where: { kind: { eq: UNRESOLVED } }) { totalCount } }");
        Assert.Equal(0, byKind.GetProperty("paymentMismatches").GetProperty("totalCount").GetInt32());

        await using var db = _host.TestContext();
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditActions.PaymentMismatchResolved);
        Assert.Equal((finance.Id, nameof(PaymentMismatch), GlobalIds.KeyOf(firstMismatch).ToString()), (entry.ActorUserId, entry.EntityType, entry.EntityId));
    }

    [Fact]
    public async Task Reconcile_payments_runs_one_reconciliation_now_and_is_audited()
    {
        var payer = await _host.AddUserAsync();
        var admin = await _host.AddUserAsync();
        var payment = await InitiateAsync(payer.Id, "04");
        _host.Clock.Advance(TimeSpan.FromMinutes(3));

        var data = await _host.Inbox.DataAsync(_host.Inbox.TokenOf(admin.Id, PlatformRole.Admin),
            "mutation { reconcilePayments { summary { lookedAt settled expired failed stillPending mismatches errors } } }");

        var summary = data.GetProperty("reconcilePayments").GetProperty("summary");
        Assert.Equal((1, 1, 0), (summary.GetProperty("lookedAt").GetInt32(), summary.GetProperty("settled").GetInt32(), summary.GetProperty("errors").GetInt32()));
        Assert.Equal(PaymentStatus.Succeeded, (await _host.LoadAsync(payment.Id)).Payment.Status);
        await using var db = _host.TestContext();
        Assert.Equal(admin.Id, (await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditActions.PaymentsReconciled)).ActorUserId);
    }

    [Fact]
    public async Task The_background_job_settles_a_silent_success_on_its_own()
    {
        await using var host = PaymentsHost.Start(_database, new Dictionary<string, string?>
        {
            ["Graph:Payments:Reconciliation:Enabled"] = "true",
            ["Graph:Payments:Reconciliation:Interval"] = "00:00:01",
        });
        var payer = await host.AddUserAsync();
        var created = await host.Payments.InitiateAsync(PaymentsHost.Subscription(payer.Id, PaymentMethod.OrangeMoney, Wallet + "04"), payer.Id, default);
        host.Clock.Advance(TimeSpan.FromMinutes(3));

        // The job runs every second of real time; the payment is due on the host's clock from now on.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var status = PaymentStatus.Pending;
        while (status != PaymentStatus.Succeeded && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            status = (await host.LoadAsync(created.Payment!.Id)).Payment.Status;
        }
        Assert.Equal(PaymentStatus.Succeeded, status);
        Assert.Single((await host.LoadAsync(created.Payment!.Id)).Postings);
    }

    [Theory]
    [InlineData(ProviderState.Pending, PaymentStatus.Pending, false, null)]
    [InlineData(ProviderState.Pending, PaymentStatus.Initiated, false, ProviderState.Pending)]
    [InlineData(ProviderState.Pending, PaymentStatus.Pending, true, ProviderState.Expired)]
    [InlineData(ProviderState.Unknown, PaymentStatus.Initiated, false, null)]
    [InlineData(ProviderState.Unknown, PaymentStatus.Initiated, true, ProviderState.Failed)]
    [InlineData(ProviderState.Succeeded, PaymentStatus.Pending, true, ProviderState.Succeeded)]
    [InlineData(ProviderState.Failed, PaymentStatus.Pending, false, ProviderState.Failed)]
    public void The_answer_applied_depends_on_the_expiry(ProviderState answer, PaymentStatus status, bool expired, ProviderState? applied)
    {
        var now = new DateTime(2026, 11, 21, 9, 0, 0, DateTimeKind.Utc);
        var payment = new Payment
        {
            Amount = new Money(1000m, Currency.XOF),
            Description = "x",
            IdempotencyKey = "k",
            RequestHash = "h",
            Status = status,
            ExpiresAt = expired ? now : now.AddSeconds(1),
        };

        var update = PaymentReconciler.Decide(payment, new ProviderUpdate(answer), now);

        Assert.Equal(applied, update?.State);
        if (answer == ProviderState.Unknown && applied is not null)
        {
            Assert.Equal(PaymentFailureReason.ProviderError, update!.FailureReason);
        }
    }

    private static Guid PaymentOf(JsonElement mismatch) => GlobalIds.KeyOf(mismatch.GetProperty("payment").GetProperty("id").GetString()!);

    private static (int OpenMismatches, int SettledWithoutPosting, int PostingsOfUnsettled, int OpenPastExpiry, int CashAwaiting, bool Consistent) Figures(JsonElement report) =>
        (report.GetProperty("openMismatches").GetInt32(), report.GetProperty("settledWithoutPosting").GetInt32(), report.GetProperty("postingsOfUnsettledPayments").GetInt32(),
         report.GetProperty("openPastExpiry").GetInt32(), report.GetProperty("cashAwaitingValidation").GetInt32(), report.GetProperty("consistent").GetBoolean());

    private async Task<JsonElement> ReportAsync(Guid financeId, DateTime from, DateTime to)
    {
        var data = await _host.Inbox.DataAsync(_host.Inbox.TokenOf(financeId, PlatformRole.Finance), """
            query($from: DateTime!, $to: DateTime!) {
              paymentReconciliationReport(from: $from, to: $to) {
                counts { status method count }
                openMismatches settledWithoutPosting postingsOfUnsettledPayments openPastExpiry cashAwaitingValidation consistent
                ledgerTotals { currency total }
              }
            }
            """, new { from = from.ToString("O"), to = to.ToString("O") });
        return data.GetProperty("paymentReconciliationReport");
    }

    /// <summary>A payment that succeeded (by the provider's answer).</summary>
    private async Task<Guid> SettledAsync(Guid payer)
    {
        var payment = await InitiateAsync(payer, "67");
        Assert.Equal(TransitionOutcome.Applied, await _host.Payments.ApplyAsync(payment.Id,
            new ProviderUpdate(ProviderState.Succeeded, payment.ProviderReference, Amount: payment.Amount), new TransitionOrigin(PaymentEventSource.Callback), default));
        return payment.Id;
    }

    /// <summary>News of a failure for a payment that succeeded: a status conflict, recorded as a mismatch.</summary>
    private async Task ConflictAsync(Guid paymentId) =>
        Assert.Equal(TransitionOutcome.Conflict, await _host.Payments.ApplyAsync(paymentId,
            new ProviderUpdate(ProviderState.Failed, FailureReason: PaymentFailureReason.Rejected), new TransitionOrigin(PaymentEventSource.Callback), default));

    /// <summary>A reconciler whose provider for <paramref name="provider"/>'s method is <paramref name="provider"/>.</summary>
    private PaymentReconciler ReconcilerWith(IPaymentProvider provider)
    {
        var options = new GraphOptions();
        options.Payments.Providers.For(provider.Method).Kind = ProviderKind.Http;
        var providers = new PaymentProviders(Options.Create(options), _host.Clock, [new SingleProviderFactory(provider)]);
        return new PaymentReconciler(
            _host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>(),
            _host.Services.GetRequiredService<IDbContextFactory<Graph.Api.Data.GraphDbContext>>(),
            _host.Payments,
            providers,
            _host.Services.GetRequiredService<IOptions<GraphOptions>>(),
            _host.Clock,
            _host.Services.GetRequiredService<ILogger<PaymentReconciler>>());
    }

    /// <summary>A provider whose API cannot be reached: every status request fails as a refused connection does.</summary>
    private sealed class UnreachableProvider(PaymentMethod method) : IPaymentProvider
    {
        private int _asked;

        public int Asked => _asked;

        public PaymentMethod Method { get; } = method;

        public Task<ProviderUpdate> InitiateAsync(ProviderPaymentRequest request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("Connection refused (test).");

        public Task<ProviderUpdate> CheckStatusAsync(ProviderPaymentRequest request, string? providerReference, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _asked);
            throw new HttpRequestException("Connection refused (test).");
        }

        public CallbackVerification VerifyCallback(ProviderCallbackRequest request) =>
            CallbackVerification.Refused(CallbackRejection.BadSignature, "This provider sends no callbacks.");

        public Task<ProviderUpdate> RefundAsync(ProviderPaymentRequest original, string providerReference, Guid refundId, CancellationToken cancellationToken) =>
            throw new HttpRequestException("Connection refused (test).");
    }

    private sealed class SingleProviderFactory(IPaymentProvider provider) : IPaymentProviderFactory
    {
        public PaymentMethod Method => provider.Method;

        public IPaymentProvider Create(PaymentsOptions.ProviderOptions settings) => provider;
    }
}
