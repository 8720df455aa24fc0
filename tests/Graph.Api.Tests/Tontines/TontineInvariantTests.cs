using Graph.Api.Common;
using Graph.Api.Payments;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tontines;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Graph.Api.Tests.Tontines;

/// <summary>
/// The money invariants of tontines, over many generated tontines (seeded, replayable): every type and frequency,
/// contributions in XOF and EUR, fines, members paying on time, late or never, by mobile money (which may fail) or in cash
/// (validated by a second person), payouts attempted with and without the money in the pot, and late catch-ups. Each tontine
/// is driven step by step through <see cref="TontineTreasury"/>, and after every step:
/// <list type="bullet">
/// <item>(a) the succeeded contributions equal the succeeded payouts plus what the pot's ledger account holds, which is never negative;</item>
/// <item>(b) every member has exactly one ROTATION passage (ROTATING, MIXED), and none is paid twice;</item>
/// <item>(c) once the savings are fixed, each member's SAVINGS passage is their own savings (CUMULATIVE: all they paid;
/// MIXED: the savings share of what they paid), and a settled savings payout pays exactly that;</item>
/// <item>(d) each contribution's received amount is the sum of its settled contribution payments, and it is PAID exactly when whole.</item>
/// </list>
/// A failure names the seed and the step, so the case can be replayed alone (<see cref="Seeds"/>).
/// </summary>
/// <remarks>It runs alone (its collection is not parallel): its lanes keep both cores busy for a minute, and beside another
/// class's concurrent requests that starves them into timeouts.</remarks>
[Collection(RunsAlone.Name)]
public sealed class TontineInvariantTests(DatabaseFixture database, ITestOutputHelper output) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    /// <summary>How many tontines are generated, and the seed of the first (case i has seed First + i).</summary>
    private const int Cases = 40;

    private const int First = 20_261_122;

    /// <summary>How many cases run at once (each on its own tontine).</summary>
    private const int Lanes = 4;

    private TontineMoneyHost _host = null!;

    public Task InitializeAsync()
    {
        // The notifications the payments write are not sent: their dispatcher would only compete for the processor.
        _host = TontineMoneyHost.Start(database, new Dictionary<string, string?> { ["Graph:Notifications:Dispatcher:Enabled"] = "false" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>The seeds of every case.</summary>
    public static IEnumerable<int> Seeds => Enumerable.Range(First, Cases);

    [Fact]
    public async Task The_money_of_generated_tontines_always_balances_and_every_member_is_paid_their_due()
    {
        var started = DateTime.UtcNow;
        var queue = new Queue<int>(Seeds);
        var summaries = new List<string>();
        async Task LaneAsync()
        {
            while (true)
            {
                int seed;
                lock (queue)
                {
                    if (!queue.TryDequeue(out seed))
                    {
                        return;
                    }
                }
                var summary = await new Simulation(_host, seed).RunAsync();
                lock (summaries)
                {
                    summaries.Add(summary);
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Lanes).Select(_ => LaneAsync()));
        foreach (var summary in summaries.Order())
        {
            output.WriteLine(summary);
        }
        output.WriteLine($"{Cases} tontines in {(DateTime.UtcNow - started).TotalSeconds:0.0} s.");
        Assert.Equal(Cases, summaries.Count);
    }

    /// <summary>One generated tontine, driven to its end.</summary>
    private sealed class Simulation(TontineMoneyHost host, int seed)
    {
        // Consecutive seeds give System.Random correlated first draws: each seed is spread over the 32 bits first.
        private readonly Random _random = new((int)((uint)seed * 2_654_435_761u));
        private StartedTontine _tontine = null!;
        private Tontine _rules = null!;
        private int _step;
        private string _shape = "";
        private int _insufficient;
        private int _failedPayments;

        private TontineActor President => new(_tontine.President.Id);

        private TontineActor Treasurer => new(_tontine.Treasurer.Id);

        private readonly DateTime _began = DateTime.UtcNow;

        public async Task<string> RunAsync()
        {
            await SetUpAsync();
            await CheckAsync("start");
            for (var k = 0; k < _tontine.Sessions.Count; k++)
            {
                await RunSessionAsync(k);
            }
            // The end: savings (CUMULATIVE, MIXED), catch-ups, payouts retried, confirmations.
            for (var round = 0; round < 3; round++)
            {
                if (_random.Next(3) > 0)
                {
                    await CatchUpAsync(probability: 1.0);
                }
                await PassagesAsync(upTo: int.MaxValue, confirmProbability: 1.0);
            }
            var status = await StatusAsync();
            var allDone = await AllConfirmedAsync();
            Assert.True(allDone == (status == TontineStatus.Completed), Because($"the tontine is {status} while every passage confirmed is {allDone}"));
 return $"seed {seed}: {_shape} -> {status}, {_step} steps (checks {_checking.TotalSeconds:0.0} s of {(DateTime.UtcNow - _began).TotalSeconds:0.0} s), {_insufficient} payouts refused for lack of money, {_failedPayments} mobile payments failed";
        }

        private async Task SetUpAsync()
        {
            // 2 to 8 people, small groups more often (the work grows with the square of the size).
            var people = 2 + (int)(7 * Math.Pow(_random.NextDouble(), 3));
            var type = (TontineType)_random.Next(3);
            var frequency = (TontineFrequency)_random.Next(5);
            var eur = _random.Next(3) == 0;
            var contribution = eur ? new Money(_random.Next(1_000, 5_000) / 100m, Currency.EUR) : new Money(_random.Next(10, 41) * 500m, Currency.XOF);
            var mode = (LatePenaltyMode)_random.Next(3);
            var rate = mode switch
            {
                LatePenaltyMode.FixedPerDay => eur ? _random.Next(10, 100) / 100m : _random.Next(1, 6) * 100m,
                LatePenaltyMode.PercentPerDay => _random.Next(5, 50) / 10m,
                _ => 0m,
            };
            decimal? cap = mode != LatePenaltyMode.None && _random.Next(2) == 0 ? contribution.Amount / 4 : null;
            if (cap is { } c)
            {
                cap = decimal.Round(c, Money.MinorUnits(contribution.Currency), MidpointRounding.ToZero);
            }
            var grace = _random.Next(0, 4);
            int? savings = type == TontineType.Mixed ? _random.Next(1, 10) * 10 : null;
            int? sessions = type == TontineType.Cumulative && _random.Next(2) == 0 ? _random.Next(2, 7) : null;
            _shape = $"{type} {frequency} {people} people {contribution} {mode} {rate} cap {cap?.ToString() ?? "-"} grace {grace}"
                     + (savings is null ? "" : $" savings {savings}%") + (sessions is null ? "" : $" {sessions} sessions");
            _tontine = await host.StartAsync(type, members: people - 2, contribution, frequency, penaltyMode: mode, penaltyRate: rate, penaltyCap: cap,
                graceDays: grace, savingsPercent: savings, sessionCount: sessions);
            await using var db = host.TestContext();
            _rules = await db.Tontines.AsNoTracking().SingleAsync(t => t.Id == _tontine.Id);
        }

        private async Task RunSessionAsync(int k)
        {
            var sessionId = _tontine.Sessions[k];
            await using (var db = host.TestContext())
            {
                var due = await db.TontineSessions.Where(s => s.Id == sessionId).Select(s => s.DueDate).SingleAsync();
                WaitUntil(due);
            }
            Expect(await host.Treasury.OpenSessionAsync(sessionId, _random.Next(2) == 0 ? Treasurer : President, default), "open session");
            await CheckAsync($"open session {k + 1}");

            var late = new List<Guid>();
            foreach (var person in _tontine.People)
            {
                switch (_random.Next(10))
                {
                    case < 7:
                        await PayAsync(sessionId, person.Id);
                        break;
                    case < 9:
                        late.Add(person.Id);
                        break;
                }
            }
            var closed = false;
            if (_random.Next(2) == 0)
            {
                closed = await CloseAsync(sessionId, k);
            }
            host.Clock.Advance(TimeSpan.FromDays(_random.Next(1, 7)));
            foreach (var member in late)
            {
                await PayAsync(sessionId, member);
            }
            if (!closed)
            {
                await CloseAsync(sessionId, k);
            }
            if (_random.Next(3) == 0)
            {
                await CatchUpAsync(probability: 0.5);
            }
            await PassagesAsync(upTo: k + 1, confirmProbability: 0.85);
        }

        /// <summary>Closes the session; the last one of a CUMULATIVE or MIXED tontine may be refused while a payment is open.</summary>
        private async Task<bool> CloseAsync(Guid sessionId, int k)
        {
            var closed = await host.Treasury.CloseSessionAsync(sessionId, _random.Next(2) == 0 ? Treasurer : President, default);
            await CheckAsync($"close session {k + 1}");
            Assert.True(closed.Error is null, Because($"closing session {k + 1}: {closed.Error?.Code} {closed.Error?.Message}"));
            return true;
        }

        /// <summary>Pays the member's contribution: by mobile money (which fails 1 time in 8) or in cash, recorded by the
        /// treasurer (or the president for the treasurer's own) and validated by the other.</summary>
        private async Task PayAsync(Guid sessionId, Guid memberId)
        {
            if (_random.Next(5) < 3)
            {
                var paid = await host.Treasury.PayContributionAsync(sessionId, PaymentMethod.OrangeMoney + _random.Next(5), TontineMoneyHost.Wallet,
                    Guid.NewGuid().ToString("N"), new TontineActor(memberId), default);
                if (paid.Error is { } error)
                {
                    Assert.True(error.Code is "CONTRIBUTION_ALREADY_PAID" or "SESSION_STATUS_CONFLICT" or "TONTINE_NOT_ACTIVE", Because($"payContribution: {error.Code} {error.Message}"));
                    return;
                }
                await CheckAsync("mobile money contribution started");
                if (_random.Next(8) == 0)
                {
                    _failedPayments++;
                    await host.FailAsync(paid.Value!.Payment.Id);
                    await CheckAsync("mobile money contribution failed");
                    return;
                }
                await host.SucceedAsync(paid.Value!.Payment.Id);
                await CheckAsync("mobile money contribution succeeded");
                return;
            }
            var (maker, checker) = memberId == _tontine.Treasurer.Id || _random.Next(4) == 0 ? (President, Treasurer) : (Treasurer, President);
            var recorded = await host.Treasury.RecordCashContributionAsync(sessionId, memberId, $"RECU-{_step}", null, Guid.NewGuid().ToString("N"), maker, default);
            if (recorded.Error is { } refused)
            {
                Assert.True(refused.Code is "CONTRIBUTION_ALREADY_PAID" or "SESSION_STATUS_CONFLICT" or "TONTINE_NOT_ACTIVE", Because($"recordCashContribution: {refused.Code} {refused.Message}"));
                return;
            }
            await CheckAsync("cash contribution recorded");
            if (_random.Next(4) == 0)
            {
                var self = await host.Cash.ValidateAsync(recorded.Value!.Payment.Id, maker.UserId, default);
                Assert.True(self.Error?.Code == "MAKER_CANNOT_CHECK", Because("the maker validated their own cash"));
            }
            var validated = await host.Cash.ValidateAsync(recorded.Value!.Payment.Id, checker.UserId, default);
            Assert.True(validated.Error is null, Because($"validating cash: {validated.Error?.Code}"));
            await CheckAsync("cash contribution validated");
        }

        /// <summary>Members pay contributions they missed in closed sessions (each with the probability given).</summary>
        private async Task CatchUpAsync(double probability)
        {
            List<(Guid SessionId, Guid UserId)> unpaid;
            await using (var db = host.TestContext())
            {
                unpaid = (await db.TontineContributions.AsNoTracking()
                    .Where(c => c.TontineId == _tontine.Id && c.PaidAt == null
                                && db.TontineSessions.Any(s => s.Id == c.SessionId && s.Status == TontineSessionStatus.Closed))
                    .Select(c => new { c.SessionId, c.UserId }).ToListAsync()).Select(c => (c.SessionId, c.UserId)).ToList();
            }
            foreach (var (sessionId, userId) in unpaid.OrderBy(u => u.SessionId).ThenBy(u => u.UserId))
            {
                if (_random.NextDouble() < probability)
                {
                    await PayAsync(sessionId, userId);
                }
            }
        }

        /// <summary>Moves every passage it can: starts those due (ROTATION of sessions up to <paramref name="upTo"/>, SAVINGS),
        /// pays them (refused exactly when the pot lacks the money), settles their payouts, and has beneficiaries confirm.</summary>
        private async Task PassagesAsync(int upTo, double confirmProbability)
        {
            List<TontinePassage> passages;
            Dictionary<Guid, int> numbers;
            await using (var db = host.TestContext())
            {
                passages = await db.TontinePassages.AsNoTracking().Where(p => p.TontineId == _tontine.Id).OrderBy(p => p.Kind).ThenBy(p => p.Position).ToListAsync();
                numbers = await db.TontineSessions.AsNoTracking().Where(s => s.TontineId == _tontine.Id).ToDictionaryAsync(s => s.Id, s => s.Number);
            }
            foreach (var passage in passages)
            {
                if (passage.Kind == PassageKind.Rotation && numbers[passage.SessionId!.Value] > upTo)
                {
                    continue;
                }
                var status = passage.Status;
                if (status == PassageStatus.Scheduled)
                {
                    Expect(await host.Treasury.StartPassageAsync(passage.Id, _random.Next(2) == 0 ? Treasurer : President, default), "start passage");
                    await CheckAsync($"start {passage.Kind} passage {passage.Position}");
                    status = PassageStatus.Started;
                }
                if (status == PassageStatus.Started)
                {
                    status = await PayPassageAsync(passage);
                }
                if (status == PassageStatus.Paid && _random.NextDouble() < confirmProbability)
                {
                    var other = _tontine.People.First(p => p.Id != passage.UserId);
                    var refused = await host.Treasury.ConfirmPassageAsync(passage.Id, new TontineActor(other.Id), default);
                    Assert.True(refused.Error?.Code == "NOT_BENEFICIARY", Because("someone else confirmed a passage"));
                    Expect(await host.Treasury.ConfirmPassageAsync(passage.Id, new TontineActor(passage.UserId), default), "confirm passage");
                    await CheckAsync($"confirm {passage.Kind} passage {passage.Position}");
                }
            }
        }

        /// <summary>Pays a STARTED passage, expecting INSUFFICIENT_FUNDS exactly when the pot holds less than its amount (for
        /// a MIXED turn, the pot beyond the members' savings: a turn never spends them).</summary>
        private async Task<PassageStatus> PayPassageAsync(TontinePassage passage)
        {
            var amount = passage.Amount ?? 0m;
            var available = await PotAsync();
            if (_rules.Type == TontineType.Mixed && passage.Kind == PassageKind.Rotation)
            {
                await using var db = host.TestContext();
                var received = await db.TontineContributions.Where(c => c.TontineId == _tontine.Id).GroupBy(c => c.UserId)
                    .Select(g => g.Sum(c => c.Received)).ToListAsync();
                available -= received.Sum(r => TontineTreasury.SavingsOf(_rules, r));
            }
            var cash = _random.Next(3) == 0;
            var actor = _random.Next(2) == 0 ? Treasurer : President;
            var paid = await host.Treasury.PayPassageAsync(passage.Id, cash ? PaymentMethod.Cash : PaymentMethod.Wave, cash ? null : "+221770000020",
                Guid.NewGuid().ToString("N"), null, actor, default);
            await CheckAsync($"pay {passage.Kind} passage {passage.Position}");
            if (amount > 0 && available < amount)
            {
                Assert.True(paid.Error?.Code == "INSUFFICIENT_FUNDS", Because($"a payout of {amount} from a pot of {available} gave {paid.Error?.Code ?? "a payment"}"));
                _insufficient++;
                return PassageStatus.Started;
            }
            Assert.True(paid.Error is null, Because($"a payout of {amount} from a pot of {available}: {paid.Error?.Code} {paid.Error?.Message}"));
            if (paid.Value!.Payment is not { } payment)
            {
                Assert.True(amount == 0 && paid.Value.Passage.Status == PassageStatus.Paid, Because("a passage without payment"));
                return PassageStatus.Paid;
            }
            Assert.Equal(amount, payment.Amount.Amount);
            if (cash)
            {
                var other = actor.UserId == _tontine.President.Id ? _tontine.Treasurer.Id : _tontine.President.Id;
                Assert.True((await host.Cash.ValidateAsync(payment.Id, other, default)).Error is null, Because("validating a cash payout"));
            }
            else if (_random.Next(8) == 0)
            {
                _failedPayments++;
                await host.FailAsync(payment.Id);
                await CheckAsync($"payout of passage {passage.Position} failed");
                return PassageStatus.Started;
            }
            else
            {
                await host.SucceedAsync(payment.Id);
            }
            await CheckAsync($"payout of passage {passage.Position} settled");
            return PassageStatus.Paid;
        }

        /// <summary>Checks the invariants (a) to (d) on the tontine as stored.</summary>
        private async Task CheckAsync(string step)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                await CheckCoreAsync(step);
            }
            finally
            {
                _checking += watch.Elapsed;
            }
        }

        private TimeSpan _checking;

        private async Task CheckCoreAsync(string step)
        {
            _step++;
            var label = $"step {_step} ({step})";
            await using var db = host.TestContext();
            var payments = await db.Payments.AsNoTracking().Where(p => p.TontineId == _tontine.Id).ToListAsync();
            var pot = await PotAsync(db);
            var contributions = await db.TontineContributions.AsNoTracking().Where(c => c.TontineId == _tontine.Id).ToListAsync();
            var parts = await db.ContributionPayments.AsNoTracking().Where(c => c.TontineId == _tontine.Id).ToListAsync();
            var passages = await db.TontinePassages.AsNoTracking().Where(p => p.TontineId == _tontine.Id).ToListAsync();

            // (a) The money balances, and the pot is never overdrawn.
            var collected = payments.Where(p => p.Purpose == PaymentPurpose.TontineContribution && p.Status == PaymentStatus.Succeeded).Sum(p => p.Amount.Amount);
            var paidOut = payments.Where(p => p.Purpose == PaymentPurpose.TontinePayout && p.Status == PaymentStatus.Succeeded).Sum(p => p.Amount.Amount);
            Assert.True(collected == paidOut + pot, Because($"{label}: contributions {collected} != payouts {paidOut} + pot {pot}"));
            Assert.True(pot >= 0, Because($"{label}: the pot holds {pot}"));

            // (b) One ROTATION passage per member, never paid twice.
            if (_rules.Type != TontineType.Cumulative)
            {
                var rotation = passages.Where(p => p.Kind == PassageKind.Rotation).ToList();
                Assert.True(rotation.Select(p => p.UserId).Order().SequenceEqual(_tontine.People.Select(p => p.Id).Order()),
                    Because($"{label}: the ROTATION passages are not one per member"));
            }
            Assert.True(passages.Where(p => p.Status is PassageStatus.Paid or PassageStatus.Confirmed).GroupBy(p => (p.UserId, p.Kind)).All(g => g.Count() == 1),
                Because($"{label}: a member was paid twice"));
            foreach (var passage in passages.Where(p => p.Status is PassageStatus.Paid or PassageStatus.Confirmed && p.Amount > 0))
            {
                var payout = payments.SingleOrDefault(p => p.Id == passage.PaymentId);
                Assert.True(payout is { Status: PaymentStatus.Succeeded } && payout.Amount.Amount == passage.Amount && payout.PayeeUserId == passage.UserId,
                    Because($"{label}: passage {passage.Kind} {passage.Position} is {passage.Status} without its payout succeeded"));
            }
            Assert.True(payments.Count(p => p.Purpose == PaymentPurpose.TontinePayout && p.Status == PaymentStatus.Succeeded)
                        == passages.Count(p => p.Status is PassageStatus.Paid or PassageStatus.Confirmed && p.Amount > 0),
                Because($"{label}: a payout succeeded without its passage paid"));

            // (c) The savings are each member's own.
            var savings = passages.Where(p => p.Kind == PassageKind.Savings).ToList();
            if (savings.Count > 0)
            {
                var share = TontineMoney.SavingsShare(_rules);
                foreach (var person in _tontine.People)
                {
                    var mine = contributions.Where(c => c.UserId == person.Id).ToList();
                    var expected = _rules.Type == TontineType.Cumulative ? mine.Sum(c => c.Received) : mine.Count(c => c.PaidAt != null) * share;
                    var passage = savings.Single(p => p.UserId == person.Id);
                    Assert.True(passage.Amount == expected, Because($"{label}: {person.DisplayName} saved {expected}, their SAVINGS passage pays {passage.Amount}"));
                }
            }
            else
            {
                Assert.True(_rules.Type == TontineType.Rotating || contributions.Count == 0 || await db.TontineSessions.AnyAsync(s => s.TontineId == _tontine.Id && s.Status != TontineSessionStatus.Closed),
                    Because($"{label}: every session is closed but the savings are not fixed"));
            }

            // (d) What a contribution received is what its settled payments brought.
            foreach (var contribution in contributions)
            {
                var settled = parts.Where(p => p.SessionId == contribution.SessionId && p.UserId == contribution.UserId && p.SettledAt != null).ToList();
                Assert.True(contribution.Received == settled.Sum(p => p.Amount) && contribution.PenaltyPaid == settled.Sum(p => p.Penalty),
                    Because($"{label}: a contribution received {contribution.Received} (fine {contribution.PenaltyPaid}), its settled payments {settled.Sum(p => p.Amount)} ({settled.Sum(p => p.Penalty)})"));
                Assert.True((contribution.PaidAt != null) == (contribution.Received == contribution.Expected), Because($"{label}: a contribution's PAID disagrees with its amounts"));
            }
            foreach (var part in parts)
            {
                var payment = payments.Single(p => p.Id == part.PaymentId);
                Assert.True((part.SettledAt != null) == (payment.Status == PaymentStatus.Succeeded) && payment.Amount.Amount == part.Amount + part.Penalty,
                    Because($"{label}: a contribution payment disagrees with its payment ({payment.Status}, {payment.Amount})"));
            }
        }

        private async Task<decimal> PotAsync()
        {
            await using var db = host.TestContext();
            return await PotAsync(db);
        }

        private async Task<decimal> PotAsync(Graph.Api.Data.GraphDbContext db)
        {
            var key = _tontine.Id.ToString("D");
            return -await db.LedgerEntries.Where(e => e.AccountType == LedgerAccountType.TontinePot && e.AccountKey == key && e.Currency == _rules.Contribution.Currency)
                .SumAsync(e => e.Amount);
        }

        private async Task<TontineStatus> StatusAsync()
        {
            await using var db = host.TestContext();
            return await db.Tontines.Where(t => t.Id == _tontine.Id).Select(t => t.Status).SingleAsync();
        }

        private async Task<bool> AllConfirmedAsync()
        {
            await using var db = host.TestContext();
            return await db.TontinePassages.Where(p => p.TontineId == _tontine.Id).AllAsync(p => p.Status == PassageStatus.Confirmed)
                   && await db.TontinePassages.AnyAsync(p => p.TontineId == _tontine.Id);
        }

        /// <summary>Moves the shared clock to <paramref name="day"/> when it is behind it.</summary>
        private void WaitUntil(DateOnly day)
        {
            lock (host.Clock)
            {
                var now = host.Now;
                var target = day.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
                if (target > now)
                {
                    host.Clock.Advance(target - now);
                }
            }
        }

        private void Expect<T>(TreasuryResult<T> result, string what) where T : class =>
            Assert.True(result.Error is null, Because($"{what}: {result.Error?.Code} {result.Error?.Message}"));

        private string Because(string what) => $"seed {seed} ({_shape}): {what}";
    }
}
