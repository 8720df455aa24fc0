using System.Security.Claims;
using Graph.Api.Common;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.Api.Payments;
using Graph.GraphQL.Execution.DataLoader;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tontines;

/// <summary>The money fields of Tontine: its sessions, what its pot holds, and its figures.</summary>
[ExtendObjectType<Tontine>]
public sealed class TontineMoneyFields
{
    /// <summary>The tontine's sessions, by rank (none before the start).</summary>
    [ListSize(AssumedSize = TontineRules.DefaultMemberLimit)]
    public Task<TontineSession[]> GetSessionsAsync([Parent] Tontine tontine, SessionsByTontineIdDataLoader sessions, CancellationToken cancellationToken) =>
        sessions.LoadAsync(tontine.Id, cancellationToken);

    /// <summary>What the pot holds, from the ledger (the TONTINE_POT account, in the contribution's currency): every
    /// contribution settled, less every payout settled.</summary>
    public async Task<Money> GetPotBalanceAsync([Parent] Tontine tontine, PotBalanceDataLoader balances, CancellationToken cancellationToken)
    {
        var all = await balances.LoadAsync(tontine.Id, cancellationToken);
        return new Money(all.GetValueOrDefault(tontine.Contribution.Currency), tontine.Contribution.Currency);
    }

    /// <summary>The tontine's money figures so far.</summary>
    public async Task<TontineStatistics> GetStatisticsAsync([Parent] Tontine tontine, IDbContextFactory<GraphDbContext> contexts, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var dueDates = await db.TontineSessions.AsNoTracking().Where(s => s.TontineId == tontine.Id).ToDictionaryAsync(s => s.Id, s => s.DueDate, cancellationToken);
        var contributions = await db.TontineContributions.AsNoTracking().Where(c => c.TontineId == tontine.Id).ToListAsync(cancellationToken);
        var paidOut = await db.TontinePassages.AsNoTracking()
            .Where(p => p.TontineId == tontine.Id && (p.Status == PassageStatus.Paid || p.Status == PassageStatus.Confirmed))
            .SumAsync(p => p.Amount ?? 0m, cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var currency = tontine.Contribution.Currency;
        return new TontineStatistics
        {
            Received = new Money(contributions.Sum(c => c.Received), currency),
            PaidOut = new Money(paidOut, currency),
            PenaltiesCollected = new Money(contributions.Sum(c => c.PenaltyPaid), currency),
            LateContributions = contributions.Count(c => ContributionFigures.Of(tontine, dueDates[c.SessionId], c, today).DaysLate > 0),
        };
    }
}

/// <summary>A tontine's money figures so far.</summary>
public sealed class TontineStatistics
{
    /// <summary>The contributions received (settled), fines aside.</summary>
    public required Money Received { get; init; }

    /// <summary>The passages paid out (PAID or CONFIRMED).</summary>
    public required Money PaidOut { get; init; }

    /// <summary>The fines paid with late contributions.</summary>
    public required Money PenaltiesCollected { get; init; }

    /// <summary>How many contributions are late now, or were paid late.</summary>
    public required int LateContributions { get; init; }
}

/// <summary>Fields of TontineSession that need the database.</summary>
[ExtendObjectType<TontineSession>]
public sealed class TontineSessionFields
{
    /// <summary>Resolves a TontineSession's global ID for node and nodes: the members of its tontine (and ADMIN, SUPPORT,
    /// FINANCE) see it; anyone else gets null.</summary>
    [NodeResolver]
    public static async Task<TontineSession?> GetTontineSessionByIdAsync(Guid id, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var session = await db.TontineSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        return session is not null && await db.Tontines.Where(t => t.Id == session.TontineId).VisibleTo(user).AnyAsync(cancellationToken) ? session : null;
    }

    /// <summary>The tontine the session belongs to.</summary>
    public Task<Tontine> GetTontineAsync([Parent] TontineSession session, TontineRowDataLoader tontines, CancellationToken cancellationToken) =>
        tontines.LoadAsync(session.TontineId, cancellationToken);

    /// <summary>Every member's contribution to the session, in the order of the tontine's members.</summary>
    [ListSize(AssumedSize = TontineRules.DefaultMemberLimit)]
    public async Task<IReadOnlyList<TontineContribution>> GetContributionsAsync([Parent] TontineSession session, ContributionsBySessionIdDataLoader contributions,
        MembersByTontineIdDataLoader members, CancellationToken cancellationToken)
    {
        var rows = await contributions.LoadAsync(session.Id, cancellationToken);
        var order = (await members.LoadAsync(session.TontineId, cancellationToken)).Select((m, i) => (m.UserId, i)).ToDictionary(x => x.UserId, x => x.i);
        return [.. rows.OrderBy(c => order.GetValueOrDefault(c.UserId, int.MaxValue)).ThenBy(c => c.UserId)];
    }

    /// <summary>The session's figures: what was expected and received, the fines, and how many members paid.</summary>
    public async Task<TontineSessionStatistics> GetStatisticsAsync([Parent] TontineSession session, ContributionsBySessionIdDataLoader contributions,
        TontineRowDataLoader tontines, TimeProvider clock, CancellationToken cancellationToken)
    {
        var tontine = await tontines.LoadAsync(session.TontineId, cancellationToken);
        var rows = await contributions.LoadAsync(session.Id, cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var figures = rows.Select(c => (Row: c, Figures: ContributionFigures.Of(tontine, session.DueDate, c, today))).ToList();
        var currency = tontine.Contribution.Currency;
        var expected = rows.Sum(c => c.Expected);
        var received = rows.Sum(c => c.Received);
        return new TontineSessionStatistics
        {
            Expected = new Money(expected, currency),
            Received = new Money(received, currency),
            Outstanding = new Money(expected - received, currency),
            PenaltiesAccrued = new Money(figures.Where(f => f.Row.PaidAt is null).Sum(f => f.Figures.Penalty), currency),
            PenaltiesPaid = new Money(rows.Sum(c => c.PenaltyPaid), currency),
            PaidCount = figures.Count(f => f.Figures.Status == ContributionStatus.Paid),
            LateCount = figures.Count(f => f.Figures.Status == ContributionStatus.Late),
            DueCount = figures.Count(f => f.Figures.Status == ContributionStatus.Due),
            MemberCount = rows.Length,
            CollectionRate = expected == 0 ? 0m : decimal.Round(received / expected, 4),
        };
    }

    /// <summary>The ROTATION passage that pays this session's pot; null for CUMULATIVE tontines.</summary>
    public Task<TontinePassage?> GetPassageAsync([Parent] TontineSession session, RotationPassageBySessionIdDataLoader passages, CancellationToken cancellationToken) =>
        passages.LoadAsync(session.Id, cancellationToken);

    /// <summary>The member who takes this session's pot; null for CUMULATIVE tontines.</summary>
    public async Task<User?> GetBeneficiaryAsync([Parent] TontineSession session, RotationPassageBySessionIdDataLoader passages, UserByIdDataLoader users, CancellationToken cancellationToken) =>
        await passages.LoadAsync(session.Id, cancellationToken) is { } passage ? await users.LoadAsync(passage.UserId, cancellationToken) : null;
}

/// <summary>A session's figures.</summary>
public sealed class TontineSessionStatistics
{
    /// <summary>What every member owes the session.</summary>
    public required Money Expected { get; init; }

    /// <summary>What was received (settled payments), fines aside.</summary>
    public required Money Received { get; init; }

    /// <summary>What is still to be received, fines aside.</summary>
    public required Money Outstanding { get; init; }

    /// <summary>The fines accrued to today on the contributions not yet paid (waived ones aside).</summary>
    public required Money PenaltiesAccrued { get; init; }

    /// <summary>The fines paid with contributions.</summary>
    public required Money PenaltiesPaid { get; init; }

    /// <summary>Contributions PAID.</summary>
    public required int PaidCount { get; init; }

    /// <summary>Contributions LATE.</summary>
    public required int LateCount { get; init; }

    /// <summary>Contributions DUE (unpaid, not yet late).</summary>
    public required int DueCount { get; init; }

    /// <summary>Members who owe the session.</summary>
    public required int MemberCount { get; init; }

    /// <summary>Received over expected, from 0 to 1.</summary>
    public required decimal CollectionRate { get; init; }
}

/// <summary>What a contribution's status, lateness and fine are on a day.</summary>
/// <param name="Status">DUE, LATE or PAID.</param>
/// <param name="DaysLate">Days late past the grace period: today for an unpaid contribution, on the day it was paid otherwise.</param>
/// <param name="Penalty">The fine: paid with it once paid, none once waived, else accrued to today.</param>
public sealed record ContributionFigures(ContributionStatus Status, int DaysLate, decimal Penalty)
{
    /// <summary>The figures of <paramref name="contribution"/>, due on <paramref name="dueDate"/>, on <paramref name="today"/>.</summary>
    public static ContributionFigures Of(Tontine tontine, DateOnly dueDate, TontineContribution contribution, DateOnly today)
    {
        if (contribution.PaidAt is { } paidAt)
        {
            return new ContributionFigures(ContributionStatus.Paid, TontineMoney.DaysLate(tontine, dueDate, DateOnly.FromDateTime(paidAt)), contribution.PenaltyPaid);
        }
        var late = TontineMoney.DaysLate(tontine, dueDate, today);
        var penalty = TontineMoney.FineOn(tontine, dueDate, contribution, today);
        return new ContributionFigures(late > 0 ? ContributionStatus.Late : ContributionStatus.Due, late, penalty);
    }
}

/// <summary>The waiver of a contribution's fine: when, by whom, and why.</summary>
public sealed class PenaltyWaiver
{
    /// <summary>When the fine was waived.</summary>
    public required DateTime At { get; init; }

    /// <summary>Why.</summary>
    public required string Reason { get; init; }

    [GraphQLIgnore]
    public required Guid ByUserId { get; init; }
}

/// <summary>Fields of PenaltyWaiver that need the database.</summary>
[ExtendObjectType<PenaltyWaiver>]
public sealed class PenaltyWaiverFields
{
    /// <summary>The president who waived the fine, while their account exists.</summary>
    public Task<User?> GetByAsync([Parent] PenaltyWaiver waiver, UserByIdDataLoader users, CancellationToken cancellationToken) =>
        users.LoadAsync(waiver.ByUserId, cancellationToken);
}

/// <summary>Fields of TontineContribution: the member, the amounts in the tontine's currency, and where it stands.</summary>
[ExtendObjectType<TontineContribution>]
public sealed class TontineContributionFields
{
    /// <summary>The member who owes it.</summary>
    public async Task<User> GetMemberAsync([Parent] TontineContribution contribution, UserByIdDataLoader users, CancellationToken cancellationToken) =>
        (await users.LoadAsync(contribution.UserId, cancellationToken))!;

    /// <summary>The session it is owed to.</summary>
    public async Task<TontineSession> GetSessionAsync([Parent] TontineContribution contribution, TontineSessionRowDataLoader sessions, CancellationToken cancellationToken) =>
        await sessions.LoadAsync(contribution.SessionId, cancellationToken);

    /// <summary>The contribution expected.</summary>
    public async Task<Money> GetExpectedAsync([Parent] TontineContribution contribution, TontineRowDataLoader tontines, CancellationToken cancellationToken) =>
        new(contribution.Expected, (await tontines.LoadAsync(contribution.TontineId, cancellationToken)).Contribution.Currency);

    /// <summary>What was received of it (settled payments only), fine aside.</summary>
    public async Task<Money> GetReceivedAsync([Parent] TontineContribution contribution, TontineRowDataLoader tontines, CancellationToken cancellationToken) =>
        new(contribution.Received, (await tontines.LoadAsync(contribution.TontineId, cancellationToken)).Contribution.Currency);

    /// <summary>The fine: the one paid with it once paid, none once waived, else what has accrued to today.</summary>
    public async Task<Money> GetPenaltyAsync([Parent] TontineContribution contribution, TontineRowDataLoader tontines, TontineSessionRowDataLoader sessions,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var (tontine, figures) = await FiguresAsync(contribution, tontines, sessions, clock, cancellationToken);
        return new Money(figures.Penalty, tontine.Contribution.Currency);
    }

    /// <summary>Where it stands today: DUE, LATE (unpaid past the due date and grace period) or PAID.</summary>
    public async Task<ContributionStatus> GetStatusAsync([Parent] TontineContribution contribution, TontineRowDataLoader tontines, TontineSessionRowDataLoader sessions,
        TimeProvider clock, CancellationToken cancellationToken) =>
        (await FiguresAsync(contribution, tontines, sessions, clock, cancellationToken)).Figures.Status;

    /// <summary>Days late past the grace period: to today while unpaid, to the day it was paid otherwise.</summary>
    public async Task<int> GetDaysLateAsync([Parent] TontineContribution contribution, TontineRowDataLoader tontines, TontineSessionRowDataLoader sessions,
        TimeProvider clock, CancellationToken cancellationToken) =>
        (await FiguresAsync(contribution, tontines, sessions, clock, cancellationToken)).Figures.DaysLate;

    /// <summary>The waiver of its fine, or null when the fine was not waived.</summary>
    public PenaltyWaiver? GetPenaltyWaived([Parent] TontineContribution contribution) =>
        contribution is { PenaltyWaivedAt: { } at, PenaltyWaivedByUserId: { } by, PenaltyWaiverReason: { } reason }
            ? new PenaltyWaiver { At = at, ByUserId = by, Reason = reason }
            : null;

    /// <summary>The payments made for it (mobile money and cash, whatever became of them), oldest first.</summary>
    [ListSize(AssumedSize = 2)]
    public async Task<IReadOnlyList<ContributionPayment>> GetPaymentsAsync([Parent] TontineContribution contribution, ContributionPaymentsBySessionIdDataLoader payments,
        CancellationToken cancellationToken) =>
        [.. (await payments.LoadAsync(contribution.SessionId, cancellationToken)).Where(p => p.UserId == contribution.UserId)];

    private static async Task<(Tontine Tontine, ContributionFigures Figures)> FiguresAsync(TontineContribution contribution, TontineRowDataLoader tontines,
        TontineSessionRowDataLoader sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var tontine = await tontines.LoadAsync(contribution.TontineId, cancellationToken);
        var session = await sessions.LoadAsync(contribution.SessionId, cancellationToken);
        return (tontine, ContributionFigures.Of(tontine, session.DueDate, contribution, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)));
    }
}

/// <summary>Fields of ContributionPayment: its parts in the tontine's currency, and its payment.</summary>
[ExtendObjectType<ContributionPayment>]
public sealed class ContributionPaymentFields
{
    /// <summary>The part that pays the contribution.</summary>
    public async Task<Money> GetAmountAsync([Parent] ContributionPayment part, TontineRowDataLoader tontines, CancellationToken cancellationToken) =>
        new(part.Amount, (await tontines.LoadAsync(part.TontineId, cancellationToken)).Contribution.Currency);

    /// <summary>The part that pays the late fine (zero when none).</summary>
    public async Task<Money> GetPenaltyAsync([Parent] ContributionPayment part, TontineRowDataLoader tontines, CancellationToken cancellationToken) =>
        new(part.Penalty, (await tontines.LoadAsync(part.TontineId, cancellationToken)).Contribution.Currency);

    /// <summary>Where its payment stands.</summary>
    public async Task<PaymentStatus> GetStatusAsync([Parent] ContributionPayment part, TontinePaymentByIdDataLoader payments, CancellationToken cancellationToken) =>
        (await payments.LoadAsync(part.PaymentId, cancellationToken))!.Status;

    /// <summary>How it was paid.</summary>
    public async Task<PaymentMethod> GetMethodAsync([Parent] ContributionPayment part, TontinePaymentByIdDataLoader payments, CancellationToken cancellationToken) =>
        (await payments.LoadAsync(part.PaymentId, cancellationToken))!.Method;

    /// <summary>The payment itself, for those who may see it (its payer, whoever recorded it, the tontine's treasurers and
    /// president, FINANCE and ADMIN); null for the other members.</summary>
    public async Task<Payment?> GetPaymentAsync([Parent] ContributionPayment part, TontinePaymentByIdDataLoader payments, MembersByTontineIdDataLoader members,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var payment = await payments.LoadAsync(part.PaymentId, cancellationToken);
        if (payment is null || PaymentAccess.SeesAll(user))
        {
            return payment;
        }
        if (user.GetUserId() is not { } userId)
        {
            return null;
        }
        if (payment.PayerUserId == userId || payment.PayeeUserId == userId || payment.InitiatedByUserId == userId)
        {
            return payment;
        }
        var role = (await members.LoadAsync(part.TontineId, cancellationToken)).FirstOrDefault(m => m.UserId == userId)?.Role;
        return role is TontineRole.Treasurer or TontineRole.President ? payment : null;
    }
}

/// <summary>Fields of TontinePassage used by the money of a tontine: its beneficiary, amount, session and payout.</summary>
[ExtendObjectType<TontinePassage>]
public sealed class TontinePassageMoneyFields
{
    /// <summary>Resolves a TontinePassage's global ID for node and nodes: the members of its tontine (and ADMIN, SUPPORT,
    /// FINANCE) see it; anyone else gets null.</summary>
    [NodeResolver]
    public static async Task<TontinePassage?> GetTontinePassageByIdAsync(Guid id, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var passage = await db.TontinePassages.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return passage is not null && await db.Tontines.Where(t => t.Id == passage.TontineId).VisibleTo(user).AnyAsync(cancellationToken) ? passage : null;
    }

    /// <summary>The member this passage pays.</summary>
    public async Task<User> GetBeneficiaryAsync([Parent] TontinePassage passage, UserByIdDataLoader users, CancellationToken cancellationToken) =>
        (await users.LoadAsync(passage.UserId, cancellationToken))!;

    /// <summary>What it pays out, in the tontine's currency; null until the start fixes it.</summary>
    public async Task<Money?> GetAmountAsync([Parent] TontinePassage passage, TontineRowDataLoader tontines, CancellationToken cancellationToken) =>
        passage.Amount is { } amount ? new Money(amount, (await tontines.LoadAsync(passage.TontineId, cancellationToken)).Contribution.Currency) : null;

    /// <summary>The session whose pot a ROTATION passage pays; null for SAVINGS (and before the start).</summary>
    public async Task<TontineSession?> GetSessionAsync([Parent] TontinePassage passage, TontineSessionRowDataLoader sessions, CancellationToken cancellationToken) =>
        passage.SessionId is { } id ? await sessions.LoadAsync(id, cancellationToken) : null;

    /// <summary>The payout's payment (the latest, when one failed and it was paid again), for those who may see it.</summary>
    public async Task<Payment?> GetPayoutAsync([Parent] TontinePassage passage, TontinePaymentByIdDataLoader payments, MembersByTontineIdDataLoader members,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (passage.PaymentId is not { } paymentId || await payments.LoadAsync(paymentId, cancellationToken) is not { } payment)
        {
            return null;
        }
        if (PaymentAccess.SeesAll(user) || user.GetUserId() is { } userId
            && (payment.PayeeUserId == userId || payment.InitiatedByUserId == userId
                || (await members.LoadAsync(passage.TontineId, cancellationToken)).Any(m => m.UserId == userId && m.Role is TontineRole.Treasurer or TontineRole.President)))
        {
            return payment;
        }
        return null;
    }
}

/// <summary>Tontines by ID, several in one query (untracked).</summary>
public sealed class TontineRowDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : BatchDataLoader<Guid, Tontine>(scheduler, options)
{
    /// <inheritdoc />
    protected override async Task<IReadOnlyDictionary<Guid, Tontine>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Tontines.AsNoTracking().Where(t => keys.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
    }
}

/// <summary>Sessions by ID, several in one query.</summary>
public sealed class TontineSessionRowDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : BatchDataLoader<Guid, TontineSession>(scheduler, options)
{
    /// <inheritdoc />
    protected override async Task<IReadOnlyDictionary<Guid, TontineSession>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.TontineSessions.AsNoTracking().Where(s => keys.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
    }
}

/// <summary>The sessions of several tontines, by rank, in one query.</summary>
public sealed class SessionsByTontineIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : GroupedDataLoader<Guid, TontineSession>(scheduler, options)
{
    /// <inheritdoc />
    protected override async Task<ILookup<Guid, TontineSession>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sessions = await db.TontineSessions.AsNoTracking().Where(s => keys.Contains(s.TontineId)).OrderBy(s => s.Number).ToListAsync(cancellationToken);
        return sessions.ToLookup(s => s.TontineId);
    }
}

/// <summary>The contributions of several sessions, in one query.</summary>
public sealed class ContributionsBySessionIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : GroupedDataLoader<Guid, TontineContribution>(scheduler, options)
{
    /// <inheritdoc />
    protected override async Task<ILookup<Guid, TontineContribution>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.TontineContributions.AsNoTracking().Where(c => keys.Contains(c.SessionId)).ToListAsync(cancellationToken);
        return rows.ToLookup(c => c.SessionId);
    }
}

/// <summary>The contribution payments of several sessions, oldest first, in one query.</summary>
public sealed class ContributionPaymentsBySessionIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : GroupedDataLoader<Guid, ContributionPayment>(scheduler, options)
{
    /// <inheritdoc />
    protected override async Task<ILookup<Guid, ContributionPayment>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ContributionPayments.AsNoTracking().Where(c => keys.Contains(c.SessionId)).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        return rows.ToLookup(c => c.SessionId);
    }
}

/// <summary>The ROTATION passage of several sessions, in one query.</summary>
public sealed class RotationPassageBySessionIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : BatchDataLoader<Guid, TontinePassage?>(scheduler, options)
{
    /// <inheritdoc />
    protected override async Task<IReadOnlyDictionary<Guid, TontinePassage?>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.TontinePassages.AsNoTracking().Where(p => p.Kind == PassageKind.Rotation && p.SessionId != null && keys.Contains(p.SessionId.Value)).ToListAsync(cancellationToken);
        return rows.ToDictionary(p => p.SessionId!.Value, p => (TontinePassage?)p);
    }
}

/// <summary>Payments of tontines by ID, several in one query; the fields that hand them out decide who sees them.</summary>
public sealed class TontinePaymentByIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : BatchDataLoader<Guid, Payment?>(scheduler, options)
{
    /// <inheritdoc />
    protected override async Task<IReadOnlyDictionary<Guid, Payment?>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Payments.AsNoTracking().Where(p => keys.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => (Payment?)p, cancellationToken);
    }
}

/// <summary>What the pots of several tontines hold, per currency, from the ledger, in one query.</summary>
public sealed class PotBalanceDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : BatchDataLoader<Guid, IReadOnlyDictionary<Currency, decimal>>(scheduler, options)
{
    /// <inheritdoc />
    protected override async Task<IReadOnlyDictionary<Guid, IReadOnlyDictionary<Currency, decimal>>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var accounts = keys.Select(k => k.ToString("D")).ToList();
        var sums = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.AccountType == LedgerAccountType.TontinePot && accounts.Contains(e.AccountKey))
            .GroupBy(e => new { e.AccountKey, e.Currency })
            .Select(g => new { g.Key.AccountKey, g.Key.Currency, Sum = g.Sum(e => e.Amount) })
            .ToListAsync(cancellationToken);
        // The pot is a liability: what it holds is its credit balance.
        return keys.ToDictionary(k => k, k => (IReadOnlyDictionary<Currency, decimal>)sums.Where(s => s.AccountKey == k.ToString("D")).ToDictionary(s => s.Currency, s => -s.Sum));
    }
}
