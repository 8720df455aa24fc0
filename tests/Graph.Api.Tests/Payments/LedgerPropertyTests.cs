using Graph.Api.Common;
using Graph.Api.Data;
using Graph.Api.Payments;
using Graph.Api.Payments.Providers;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Payments;

/// <summary>
/// The ledger's invariants over thousands of generated payment histories, on the real server and database: payments of
/// every purpose, method and currency pair (converted ones included), each sent a random sequence of provider news
/// (duplicates, news arriving late, contradictions, the same news several times at once), some succeeded ones refunded.
/// Whatever the history: the ledger sums to zero in every currency, no payment is settled twice, every SUCCEEDED payment
/// has exactly one posting and every other none, and each account's balance is what the succeeded payments make it.
/// </summary>
public sealed class LedgerPropertyTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    /// <summary>How many histories are generated.</summary>
    private const int Histories = 2_000;

    /// <summary>The generator's seed: a failure names it, and the same seed replays the same histories.</summary>
    private const int Seed = 20261122;

    private static readonly ProviderState[] News =
        [ProviderState.Pending, ProviderState.Succeeded, ProviderState.Succeeded, ProviderState.Failed, ProviderState.Expired, ProviderState.Cancelled, ProviderState.Unknown];

    private static readonly PaymentMethod[] Methods = [PaymentMethod.OrangeMoney, PaymentMethod.MtnMomo, PaymentMethod.MoovMoney, PaymentMethod.Wave, PaymentMethod.FreeMoney];

    private PaymentsHost _host = null!;

    public Task InitializeAsync()
    {
        _host = PaymentsHost.Start(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Whatever_the_history_the_ledger_balances_and_each_success_is_posted_exactly_once()
    {
        var users = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            users.Add((await _host.AddUserAsync()).Id);
        }
        var tontines = new[] { Guid.CreateVersion7(), Guid.CreateVersion7() };
        var authors = new[] { Guid.CreateVersion7(), Guid.CreateVersion7() };
        await using (var db = _host.TestContext())
        {
            db.FxRates.Add(new FxRate { Base = Currency.USD, Quote = Currency.XOF, Date = new DateOnly(2026, 1, 1), Rate = 603.27m, Source = "Test", CreatedAt = _host.Now });
            db.FxRates.Add(new FxRate { Base = Currency.EUR, Quote = Currency.USD, Date = new DateOnly(2026, 1, 1), Rate = 1.0871m, Source = "Test", CreatedAt = _host.Now });
            await db.SaveChangesAsync();
        }

        // The pots start with money in every currency, so that payouts are not refused for an empty pot.
        var funding = 0;
        foreach (var tontine in tontines)
        {
            foreach (var currency in Enum.GetValues<Currency>())
            {
                var fund = await _host.Payments.CreateAsync(new PaymentRequest
                {
                    Purpose = PaymentPurpose.TontineContribution,
                    Method = PaymentMethod.Wave,
                    Amount = new Money(currency == Currency.XOF ? 1_000_000_000m : 10_000_000m, currency),
                    WalletNumber = "+221770000000",
                    PayerUserId = users[0],
                    TontineId = tontine,
                    Description = "Fonds de départ",
                    IdempotencyKey = $"fund-{tontine:N}-{currency}",
                }, users[0], default);
                await _host.Payments.ApplyAsync(fund.Payment!.Id, new ProviderUpdate(ProviderState.Succeeded, $"FUND-{++funding}", Amount: fund.Payment.Amount), new TransitionOrigin(PaymentEventSource.Callback), default);
            }
        }

        var random = new Random(Seed);
        var plans = Enumerable.Range(0, Histories).Select(i => Plan(random, i, users, tontines, authors)).ToList();
        await Parallel.ForEachAsync(plans, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (plan, cancellationToken) => await RunAsync(plan, cancellationToken));

        await using var check = _host.TestContext();
        var payments = await check.Payments.AsNoTracking().ToListAsync();
        var postings = await check.LedgerPostings.AsNoTracking().Include(p => p.Entries).ToListAsync();
        var entries = postings.SelectMany(p => p.Entries).ToList();
        Assert.Equal(Histories + plans.Count(p => p.Refund) + funding, payments.Count);
        Assert.True(payments.Count(p => p.Status == PaymentStatus.Succeeded) > Histories / 10, "Too few histories end SUCCEEDED to prove anything.");
        Assert.Contains(payments, p => p.Status == PaymentStatus.Refunded);
        Assert.Contains(payments, p => p.FxRate is not null && p.Status == PaymentStatus.Succeeded);

        // 1. The ledger sums to zero in every currency, and so does every posting.
        foreach (var currency in Enum.GetValues<Currency>())
        {
            Assert.Equal(0m, entries.Where(e => e.Currency == currency).Sum(e => e.Amount));
        }
        Assert.All(postings, p => Assert.All(p.Entries.GroupBy(e => e.Currency), g => Assert.Equal(0m, g.Sum(e => e.Amount))));

        // 2. Every settled payment has exactly one posting (its settlement, or for a refund its reversal); others none.
        var postingsOf = postings.ToLookup(p => p.PaymentId);
        foreach (var payment in payments)
        {
            var own = postingsOf[payment.Id].ToList();
            if (payment.Status is PaymentStatus.Succeeded or PaymentStatus.Refunded)
            {
                var posting = Assert.Single(own);
                Assert.Equal(payment.Purpose == PaymentPurpose.Refund ? PostingKind.Refund : PostingKind.Settlement, posting.Kind);
                Assert.NotNull(payment.SettledAt);
            }
            else
            {
                Assert.Empty(own);
            }
        }

        // 3. A payment is REFUNDED exactly when its refund SUCCEEDED; a refund reverses its original's entries exactly.
        var refunds = payments.Where(p => p.Purpose == PaymentPurpose.Refund).ToDictionary(p => p.RefundOfPaymentId!.Value);
        foreach (var payment in payments.Where(p => p.Purpose != PaymentPurpose.Refund))
        {
            var refunded = refunds.TryGetValue(payment.Id, out var refund) && refund.Status == PaymentStatus.Succeeded;
            Assert.Equal(refunded, payment.Status == PaymentStatus.Refunded);
            if (refunded)
            {
                var reversed = postingsOf[refund!.Id].Single().Entries.Select(e => (e.AccountType, e.AccountKey, e.Currency, -e.Amount)).Order();
                Assert.Equal(postingsOf[payment.Id].Single().Entries.Select(e => (e.AccountType, e.AccountKey, e.Currency, e.Amount)).Order(), reversed);
            }
        }

        // 4. The final status is what the news make it, one move at a time through the state machine.
        foreach (var plan in plans)
        {
            Assert.Equal(plan.Expected, payments.Single(p => p.Id == plan.PaymentId).Status);
        }

        // 5. Balances derived from the postings are those the payments that stayed SUCCEEDED make (refunded ones cancel out).
        var expected = payments.Where(p => p.Status == PaymentStatus.Succeeded && p.Purpose != PaymentPurpose.Refund)
            .SelectMany(p => LedgerPoster.Settlement(p, p.SettledAt!.Value).Entries)
            .GroupBy(e => (e.AccountType, e.AccountKey, e.Currency))
            .ToDictionary(g => g.Key, g => g.Sum(e => e.Amount));
        var actual = entries.GroupBy(e => (e.AccountType, e.AccountKey, e.Currency)).ToDictionary(g => g.Key, g => g.Sum(e => e.Amount));
        foreach (var key in expected.Keys.Union(actual.Keys))
        {
            Assert.Equal(expected.GetValueOrDefault(key), actual.GetValueOrDefault(key));
        }

        // 6. Each history is a chain of allowed moves, each status entered at most once.
        var history = (await check.PaymentStatusChanges.AsNoTracking().OrderBy(c => c.Id).ToListAsync()).ToLookup(c => c.PaymentId);
        foreach (var payment in payments)
        {
            var changes = history[payment.Id].ToList();
            Assert.Null(changes[0].From);
            Assert.Equal(PaymentStatus.Initiated, changes[0].To);
            for (var i = 1; i < changes.Count; i++)
            {
                Assert.Equal(changes[i - 1].To, changes[i].From);
                Assert.True(PaymentStateMachine.CanMove(changes[i].From!.Value, changes[i].To), $"{changes[i].From} -> {changes[i].To}");
            }
            Assert.Equal(payment.Status, changes[^1].To);
        }
    }

    /// <summary>One generated history: the payment to create, the news to send it (each with how many copies are sent at
    /// once), whether a success is then refunded, and the status the state machine says it must end in.</summary>
    private sealed record HistoryPlan(PaymentRequest Request, Guid Initiator, List<(ProviderUpdate Update, int Copies)> News, bool Refund)
    {
        public Guid PaymentId { get; set; }

        public PaymentStatus Expected { get; set; }
    }

    private static HistoryPlan Plan(Random random, int index, List<Guid> users, Guid[] tontines, Guid[] authors)
    {
        var purpose = (PaymentPurpose)random.Next(0, 5);
        var currency = (Currency)random.Next(0, 3);
        var amount = currency == Currency.XOF ? random.Next(100, 500_000) : Math.Round((decimal)random.Next(1, 100_000) / 100m, 2);
        // A third of the payments settle in another currency.
        Currency? settlement = random.Next(3) == 0 ? (Currency)random.Next(0, 3) : null;
        var payer = users[random.Next(users.Count)];
        var request = new PaymentRequest
        {
            Purpose = purpose,
            Method = Methods[random.Next(Methods.Length)],
            Amount = new Money(amount, currency),
            SettlementCurrency = settlement == currency ? null : settlement,
            WalletNumber = "+22177" + random.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            PayerUserId = purpose == PaymentPurpose.TontinePayout ? null : payer,
            PayeeUserId = purpose is PaymentPurpose.TontinePayout or PaymentPurpose.PlanterPayment ? users[random.Next(users.Count)] : null,
            TontineId = purpose is PaymentPurpose.TontineContribution or PaymentPurpose.TontinePayout ? tontines[random.Next(tontines.Length)] : null,
            RoyaltyAuthorId = purpose == PaymentPurpose.BookPurchase && random.Next(2) == 0 ? authors[random.Next(authors.Length)] : null,
            Description = $"History {index}",
            IdempotencyKey = $"history-{index}",
        };
        if (request.RoyaltyAuthorId is not null)
        {
            request = request with { RoyaltyRate = random.Next(0, 101) / 100m };
        }

        var news = new List<(ProviderUpdate, int)>();
        var status = PaymentStatus.Initiated;
        for (var i = random.Next(1, 7); i > 0; i--)
        {
            var state = News[random.Next(News.Length)];
            // One news in twenty reports another amount: a mismatch, never a move.
            var wrongAmount = random.Next(20) == 0;
            var update = new ProviderUpdate(state, $"REF-{index}", state == ProviderState.Failed ? PaymentFailureReason.InsufficientFunds : null,
                Amount: wrongAmount ? new Money(request.Amount.Amount + 1, currency) : request.Amount);
            news.Add((update, random.Next(4) == 0 ? random.Next(2, 5) : 1));
            if (!wrongAmount && PaymentService.StatusOf(state) is { } target && target != status)
            {
                var path = PaymentStateMachine.PathTo(status, target);
                if (path.Count > 0)
                {
                    status = path[^1];
                }
            }
        }
        var refund = status == PaymentStatus.Succeeded && LedgerPoster.IsCollection(purpose) && random.Next(4) == 0;
        return new HistoryPlan(request, payer, news, refund) { Expected = refund ? PaymentStatus.Refunded : status };
    }

    private async Task RunAsync(HistoryPlan plan, CancellationToken cancellationToken)
    {
        var created = await _host.Payments.CreateAsync(plan.Request, plan.Initiator, cancellationToken);
        Assert.Null(created.Refusal);
        plan.PaymentId = created.Payment!.Id;
        foreach (var (update, copies) in plan.News)
        {
            await Task.WhenAll(Enumerable.Range(0, copies).Select(_ =>
                _host.Payments.ApplyAsync(plan.PaymentId, update, new TransitionOrigin(PaymentEventSource.Callback), cancellationToken)));
        }
        if (plan.Refund)
        {
            var refund = await _host.Payments.CreateAsync(new PaymentRequest
            {
                Purpose = PaymentPurpose.Refund,
                Method = plan.Request.Method,
                Amount = plan.Request.Amount,
                SettlementCurrency = plan.Request.SettlementCurrency,
                WalletNumber = plan.Request.WalletNumber,
                PayerUserId = plan.Request.PayerUserId,
                RefundOfPaymentId = plan.PaymentId,
                Description = "Refund",
                IdempotencyKey = $"refund-{plan.PaymentId:N}",
            }, plan.Initiator, cancellationToken);
            Assert.Null(refund.Refusal);
            var success = new ProviderUpdate(ProviderState.Succeeded, $"R-{plan.PaymentId:N}", Amount: plan.Request.Amount);
            await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
                _host.Payments.ApplyAsync(refund.Payment!.Id, success, new TransitionOrigin(PaymentEventSource.Provider), cancellationToken)));
        }
    }
}
