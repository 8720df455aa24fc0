using Graph.Api.Audit;
using Graph.Api.Common;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.Api.Payments;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tontines;

/// <summary>Who acts on a tontine's money: a user, and whether they are an ADMIN (who passes every role check).</summary>
/// <param name="UserId">The caller.</param>
/// <param name="IsAdmin">The caller holds the platform's ADMIN role.</param>
public sealed record TontineActor(Guid UserId, bool IsAdmin = false);

/// <summary>What a change of a tontine's money gave: its result, or the one error that left everything unchanged.</summary>
/// <typeparam name="T">What the change gives.</typeparam>
/// <param name="Value">The result, or null when there is an error.</param>
/// <param name="Error">Why nothing changed, or null.</param>
public sealed record TreasuryResult<T>(T? Value, IError? Error) where T : class
{
    /// <summary>Done.</summary>
    public static TreasuryResult<T> Done(T value) => new(value, null);

    /// <summary>Refused: nothing changed.</summary>
    public static TreasuryResult<T> Failed(IError error) => new(null, error);
}

/// <summary>A contribution paid (or being paid): the payment made for it, and the contribution as it stands.</summary>
/// <param name="Payment">The payment (usually PENDING: mobile money awaits the member, cash awaits its checker).</param>
/// <param name="Contribution">The member's contribution to the session.</param>
/// <param name="CustomerAction">What the member must do now (dial a code, open a link), when the provider said.</param>
public sealed record ContributionPaid(Payment Payment, TontineContribution Contribution, string? CustomerAction);

/// <summary>A passage's payout made: the passage and the payment that pays it.</summary>
/// <param name="Passage">The passage (PAID at once when there was nothing to pay).</param>
/// <param name="Payment">The payout's payment, or null when the passage had nothing to pay.</param>
/// <param name="CustomerAction">What the provider asks, when it said.</param>
public sealed record PassagePaid(TontinePassage Passage, Payment? Payment, string? CustomerAction);

/// <summary>
/// The money of a running tontine: its sessions opened and closed in order, contributions paid by mobile money or recorded
/// in cash (with their fines, or waived), passages started, paid out and confirmed, and the tontine completed at the end.
/// Each change runs in one transaction under the tontine's row lock (<c>FOR UPDATE</c>, or <c>FOR SHARE</c> for payments
/// into it, so that a suspension waits for them and they wait for it); money only moves through <see cref="PaymentService"/>
/// and <see cref="CashPaymentsService"/>, whose settlements <see cref="TontineSettlementHandler"/> records.
/// </summary>
/// <remarks>The GraphQL layer decides who is signed in; this class checks each caller's role in the tontine and returns
/// typed errors, so that tests may drive it directly.</remarks>
public sealed class TontineTreasury(
    IDbContextFactory<GraphDbContext> contexts,
    PaymentService payments,
    CashPaymentsService cash,
    IAuditLog audit,
    TimeProvider clock)
{
    /// <summary>The audit action of a waived fine.</summary>
    public const string PenaltyWaivedAction = "TONTINE_PENALTY_WAIVED";

    /// <summary>The shortest and longest reason of a waiver.</summary>
    public const int MinWaiverReasonLength = 3;

    /// <inheritdoc cref="MinWaiverReasonLength"/>
    public const int MaxWaiverReasonLength = 500;

    private static readonly TontineRole[] Managers = [TontineRole.Treasurer, TontineRole.President];

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Opens a SCHEDULED session (treasurer or president), once the session before it is open.</summary>
    public async Task<TreasuryResult<TontineSession>> OpenSessionAsync(Guid sessionId, TontineActor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await FindSessionAsync(db, sessionId, actor, cancellationToken) is not (var session, var role))
        {
            return TreasuryResult<TontineSession>.Failed(new TontineSessionNotFoundError(sessionId));
        }
        if (!Holds(actor, role, Managers))
        {
            return TreasuryResult<TontineSession>.Failed(new TontineRoleRequiredError("Sessions are opened by the tontine's treasurer or president."));
        }
        var tontine = await LockTontineAsync(db, session.TontineId, share: false, cancellationToken);
        if (tontine.Status != TontineStatus.Active)
        {
            return TreasuryResult<TontineSession>.Failed(new TontineNotActiveError(tontine.Id, tontine.Status));
        }
        await db.Entry(session).ReloadAsync(cancellationToken);
        if (session.Status != TontineSessionStatus.Scheduled)
        {
            return TreasuryResult<TontineSession>.Failed(new SessionStatusConflictError(session.Id, session.Status,
                $"Session {session.Number} is already {EnumNames<TontineSessionStatus>.ToName(session.Status)}; only a SCHEDULED session is opened."));
        }
        if (session.Number > 1 && await db.TontineSessions.AnyAsync(s => s.TontineId == tontine.Id && s.Number == session.Number - 1 && s.Status == TontineSessionStatus.Scheduled, cancellationToken))
        {
            return TreasuryResult<TontineSession>.Failed(new SessionOutOfOrderError(session.Number));
        }
        var now = Now;
        session.Status = TontineSessionStatus.Open;
        session.OpenedAt = now;
        tontine.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TreasuryResult<TontineSession>.Done(session);
    }

    /// <summary>
    /// Closes an OPEN session (treasurer or president). Closing the last session of a CUMULATIVE or MIXED tontine (every
    /// other one closed, no contribution payment in progress) fixes each member's savings as a SAVINGS passage; the tontine
    /// completes when every session is closed and every passage confirmed.
    /// </summary>
    public async Task<TreasuryResult<TontineSession>> CloseSessionAsync(Guid sessionId, TontineActor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await FindSessionAsync(db, sessionId, actor, cancellationToken) is not (var session, var role))
        {
            return TreasuryResult<TontineSession>.Failed(new TontineSessionNotFoundError(sessionId));
        }
        if (!Holds(actor, role, Managers))
        {
            return TreasuryResult<TontineSession>.Failed(new TontineRoleRequiredError("Sessions are closed by the tontine's treasurer or president."));
        }
        var tontine = await LockTontineAsync(db, session.TontineId, share: false, cancellationToken);
        if (tontine.Status != TontineStatus.Active)
        {
            return TreasuryResult<TontineSession>.Failed(new TontineNotActiveError(tontine.Id, tontine.Status));
        }
        await db.Entry(session).ReloadAsync(cancellationToken);
        if (session.Status != TontineSessionStatus.Open)
        {
            return TreasuryResult<TontineSession>.Failed(new SessionStatusConflictError(session.Id, session.Status,
                $"Session {session.Number} is {EnumNames<TontineSessionStatus>.ToName(session.Status)}; only an OPEN session is closed."));
        }
        var last = !await db.TontineSessions.AnyAsync(s => s.TontineId == tontine.Id && s.Number > session.Number, cancellationToken);
        var fixesSavings = last && tontine.Type != TontineType.Rotating;
        if (fixesSavings)
        {
            if (await db.TontineSessions.AnyAsync(s => s.TontineId == tontine.Id && s.Id != session.Id && s.Status != TontineSessionStatus.Closed, cancellationToken))
            {
                return TreasuryResult<TontineSession>.Failed(new SessionStatusConflictError(session.Id, session.Status,
                    "The last session closes after every other one: it fixes each member's savings."));
            }
            if (await OpenContributionPaymentsOf(db, tontine.Id).AnyAsync(cancellationToken))
            {
                return TreasuryResult<TontineSession>.Failed(new SessionStatusConflictError(session.Id, session.Status,
                    "A contribution payment is still in progress: the last session closes once it ends, as it fixes each member's savings."));
            }
        }
        var now = Now;
        session.Status = TontineSessionStatus.Closed;
        session.ClosedAt = now;
        tontine.UpdatedAt = now;
        if (fixesSavings)
        {
            await AddSavingsPassagesAsync(db, tontine, now, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await CompleteIfDoneAsync(db, tontine, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TreasuryResult<TontineSession>.Done(session);
    }

    /// <summary>
    /// The member pays their own contribution to a session by mobile money: what remains of it plus the fine accrued today
    /// (unless waived), as one TONTINE_CONTRIBUTION payment started at the provider. One payment at a time per contribution;
    /// the same key returns the same payment.
    /// </summary>
    public async Task<TreasuryResult<ContributionPaid>> PayContributionAsync(
        Guid sessionId, PaymentMethod method, string walletNumber, string idempotencyKey, TontineActor actor, CancellationToken cancellationToken)
    {
        if (method == PaymentMethod.Cash)
        {
            return TreasuryResult<ContributionPaid>.Failed(new InvalidPaymentInputError("method", "Cash is handed to the treasurer, who records it (recordCashContribution)."));
        }
        if (!PhoneNumbers.TryNormalize(walletNumber, out var wallet, out var problem))
        {
            return TreasuryResult<ContributionPaid>.Failed(new InvalidPaymentInputError("walletNumber", problem));
        }
        if (await ReplayContributionAsync(sessionId, actor.UserId, actor.UserId, idempotencyKey, cancellationToken) is { } replayed)
        {
            return replayed;
        }
        var plan = await PlanContributionAsync(sessionId, actor.UserId, requireMembership: actor, cancellationToken);
        if (plan.Error is { } refused)
        {
            return TreasuryResult<ContributionPaid>.Failed(refused);
        }
        var (tontine, session, amount, penalty) = plan.Value!;
        var request = new PaymentRequest
        {
            Purpose = PaymentPurpose.TontineContribution,
            Method = method,
            Amount = new Money(amount + penalty, tontine.Contribution.Currency),
            WalletNumber = wallet,
            PayerUserId = actor.UserId,
            TontineId = tontine.Id,
            Description = Describe($"Cotisation {tontine.Name}, séance {session.Number}"),
            IdempotencyKey = idempotencyKey,
        };
        PaymentCreation created;
        try
        {
            created = await payments.InitiateAsync(request, actor.UserId,
                (db, payment, ct) => AddContributionPaymentAsync(db, payment, session, actor.UserId, amount, penalty, ct), cancellationToken);
        }
        catch (TontineRefusal refusal)
        {
            return TreasuryResult<ContributionPaid>.Failed(refusal.Error);
        }
        if (created.Refusal is { } paymentRefusal)
        {
            return TreasuryResult<ContributionPaid>.Failed(ToError(paymentRefusal, idempotencyKey, method));
        }
        var action = await payments.CustomerActionAsync(created.Payment!, cancellationToken);
        return TreasuryResult<ContributionPaid>.Done(new ContributionPaid(created.Payment!, await LoadContributionAsync(sessionId, actor.UserId, cancellationToken), action));
    }

    /// <summary>
    /// The treasurer (or president) records a member's contribution paid in cash, with the receipt's reference: a CASH
    /// payment PENDING until another treasurer or the president validates it (validateCashPayment), written with its
    /// contribution payment in one SaveChanges.
    /// </summary>
    public async Task<TreasuryResult<ContributionPaid>> RecordCashContributionAsync(
        Guid sessionId, Guid memberId, string reference, string? note, string idempotencyKey, TontineActor actor, CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (await FindSessionAsync(db, sessionId, actor, cancellationToken) is not (_, var role))
            {
                return TreasuryResult<ContributionPaid>.Failed(new TontineSessionNotFoundError(sessionId));
            }
            if (!Holds(actor, role, Managers))
            {
                return TreasuryResult<ContributionPaid>.Failed(new TontineRoleRequiredError("Cash is recorded by the tontine's treasurer or president."));
            }
        }
        if (await ReplayContributionAsync(sessionId, memberId, actor.UserId, idempotencyKey, cancellationToken) is { } replayed)
        {
            return replayed;
        }
        var plan = await PlanContributionAsync(sessionId, memberId, requireMembership: null, cancellationToken);
        if (plan.Error is { } refused)
        {
            return TreasuryResult<ContributionPaid>.Failed(refused);
        }
        var (tontine, session, amount, penalty) = plan.Value!;
        var input = new RecordCashPaymentInput
        {
            Purpose = PaymentPurpose.TontineContribution,
            Amount = new MoneyInput { Amount = amount + penalty, Currency = tontine.Contribution.Currency },
            PayerId = memberId,
            TontineId = tontine.Id,
            Description = Describe($"Cotisation {tontine.Name}, séance {session.Number}, en espèces"),
            IdempotencyKey = idempotencyKey,
            Proof = new CashProofInput { Reference = reference, Note = note },
        };
        CashPaymentResult recorded;
        try
        {
            recorded = await cash.RecordAsync(input, actor.UserId,
                (db, payment, ct) => AddContributionPaymentAsync(db, payment, session, memberId, amount, penalty, ct), cancellationToken);
        }
        catch (TontineRefusal refusal)
        {
            return TreasuryResult<ContributionPaid>.Failed(refusal.Error);
        }
        if (recorded.Error is { } error)
        {
            return TreasuryResult<ContributionPaid>.Failed(error);
        }
        return TreasuryResult<ContributionPaid>.Done(new ContributionPaid(recorded.Payment!, await LoadContributionAsync(sessionId, memberId, cancellationToken), null));
    }

    /// <summary>The president waives the fine of a member's unpaid contribution, with a reason; audited with the change.</summary>
    public async Task<TreasuryResult<TontineContribution>> WaivePenaltyAsync(Guid sessionId, Guid memberId, string reason, TontineActor actor, CancellationToken cancellationToken)
    {
        var text = reason.Trim();
        if (text.Length < MinWaiverReasonLength || text.Length > MaxWaiverReasonLength || text.Any(c => char.IsControl(c) && c is not '\n'))
        {
            return TreasuryResult<TontineContribution>.Failed(new InvalidTontineInputError("reason",
                $"The reason must have {MinWaiverReasonLength} to {MaxWaiverReasonLength} characters, without control characters other than line breaks."));
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await FindSessionAsync(db, sessionId, actor, cancellationToken) is not (var session, var role))
        {
            return TreasuryResult<TontineContribution>.Failed(new TontineSessionNotFoundError(sessionId));
        }
        if (!Holds(actor, role, [TontineRole.President]))
        {
            return TreasuryResult<TontineContribution>.Failed(new TontineRoleRequiredError("Fines are waived by the tontine's president."));
        }
        var tontine = await LockTontineAsync(db, session.TontineId, share: false, cancellationToken);
        if (tontine.Status != TontineStatus.Active)
        {
            return TreasuryResult<TontineContribution>.Failed(new TontineNotActiveError(tontine.Id, tontine.Status));
        }
        var contribution = await LockContributionAsync(db, sessionId, memberId, cancellationToken);
        if (contribution is null)
        {
            return TreasuryResult<TontineContribution>.Failed(new NotTontineMemberError(memberId));
        }
        if (contribution.PaidAt is not null)
        {
            return TreasuryResult<TontineContribution>.Failed(new PenaltyAlreadyPaidError());
        }
        if (contribution.PenaltyWaivedAt is not null)
        {
            return TreasuryResult<TontineContribution>.Failed(new NoPenaltyError("This contribution's fine is already waived."));
        }
        var now = Now;
        var fine = TontineMoney.Penalty(tontine, TontineMoney.DaysLate(tontine, session.DueDate, DateOnly.FromDateTime(now)));
        if (fine == 0)
        {
            return TreasuryResult<TontineContribution>.Failed(new NoPenaltyError("This contribution has no fine to waive: it is not late, or the rules fine nothing."));
        }
        if (await OpenPaymentOfAsync(db, sessionId, memberId, cancellationToken) is { } open)
        {
            return TreasuryResult<TontineContribution>.Failed(new ContributionInProgressError(open));
        }
        contribution.PenaltyWaivedAt = now;
        contribution.PenaltyWaivedByUserId = actor.UserId;
        contribution.PenaltyWaiverReason = text;
        tontine.UpdatedAt = now;
        audit.Add(db, PenaltyWaivedAction, nameof(TontineContribution), $"{sessionId:D}/{memberId:D}", new
        {
            TontineId = tontine.Id,
            SessionNumber = session.Number,
            MemberUserId = memberId,
            Penalty = new Money(fine, tontine.Contribution.Currency).ToString(),
            Reason = text,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TreasuryResult<TontineContribution>.Done(contribution);
    }

    /// <summary>Starts a SCHEDULED passage (treasurer or president): a ROTATION passage on its session's due date or later,
    /// a SAVINGS passage once the savings are fixed.</summary>
    public async Task<TreasuryResult<TontinePassage>> StartPassageAsync(Guid passageId, TontineActor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await FindPassageAsync(db, passageId, actor, cancellationToken) is not (var passage, var role))
        {
            return TreasuryResult<TontinePassage>.Failed(new PassageNotFoundError(passageId));
        }
        if (!Holds(actor, role, Managers))
        {
            return TreasuryResult<TontinePassage>.Failed(new TontineRoleRequiredError("Passages are started by the tontine's treasurer or president."));
        }
        var tontine = await LockTontineAsync(db, passage.TontineId, share: false, cancellationToken);
        if (tontine.Status != TontineStatus.Active)
        {
            return TreasuryResult<TontinePassage>.Failed(new TontineNotActiveError(tontine.Id, tontine.Status));
        }
        await db.Entry(passage).ReloadAsync(cancellationToken);
        if (passage.Status != PassageStatus.Scheduled)
        {
            return TreasuryResult<TontinePassage>.Failed(new PassageStatusConflictError(passage.Id, passage.Status,
                $"This passage is already {EnumNames<PassageStatus>.ToName(passage.Status)}; only a SCHEDULED passage is started."));
        }
        var now = Now;
        if (passage.Kind == PassageKind.Rotation)
        {
            var due = await db.TontineSessions.Where(s => s.Id == passage.SessionId).Select(s => s.DueDate).SingleAsync(cancellationToken);
            if (DateOnly.FromDateTime(now) < due)
            {
                return TreasuryResult<TontinePassage>.Failed(new PassageNotDueError(due));
            }
        }
        passage.Status = PassageStatus.Started;
        passage.StartedAt = now;
        tontine.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TreasuryResult<TontinePassage>.Done(passage);
    }

    /// <summary>
    /// Pays a STARTED passage out of the pot (treasurer or president): a TONTINE_PAYOUT payment of the passage's amount to
    /// its beneficiary, by mobile money (started at the provider) or in cash (PENDING until another treasurer or the
    /// president validates it). The pot must hold the amount (INSUFFICIENT_FUNDS otherwise, and nothing changes). A
    /// passage with nothing to pay is PAID at once. The same key returns the same payment.
    /// </summary>
    public async Task<TreasuryResult<PassagePaid>> PayPassageAsync(
        Guid passageId, PaymentMethod method, string? walletNumber, string idempotencyKey, string? cashReference, TontineActor actor, CancellationToken cancellationToken)
    {
        string? wallet = null;
        if (method != PaymentMethod.Cash)
        {
            if (!PhoneNumbers.TryNormalize(walletNumber, out wallet, out var problem))
            {
                return TreasuryResult<PassagePaid>.Failed(new InvalidPaymentInputError("walletNumber", problem));
            }
        }
        TontinePassage passage;
        Tontine tontine;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (await FindPassageAsync(db, passageId, actor, cancellationToken) is not (var found, var role))
            {
                return TreasuryResult<PassagePaid>.Failed(new PassageNotFoundError(passageId));
            }
            if (!Holds(actor, role, Managers))
            {
                return TreasuryResult<PassagePaid>.Failed(new TontineRoleRequiredError("Passages are paid by the tontine's treasurer or president."));
            }
            passage = found;
            tontine = await db.Tontines.AsNoTracking().SingleAsync(t => t.Id == passage.TontineId, cancellationToken);
            if (await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.InitiatedByUserId == actor.UserId && p.IdempotencyKey == idempotencyKey, cancellationToken) is { } existing)
            {
                return existing.Id == passage.PaymentId
                    ? TreasuryResult<PassagePaid>.Done(new PassagePaid(passage, existing, null))
                    : TreasuryResult<PassagePaid>.Failed(new IdempotencyKeyReusedError(idempotencyKey));
            }
            if (await CheckPayableAsync(db, tontine, passage, cancellationToken) is { } refused)
            {
                return TreasuryResult<PassagePaid>.Failed(refused);
            }
        }
        var amount = passage.Amount ?? 0m;
        if (amount == 0)
        {
            return await PayNothingAsync(passage.Id, cancellationToken);
        }
        var money = new Money(amount, tontine.Contribution.Currency);
        var description = Describe(passage.Kind == PassageKind.Rotation ? $"Pot de {tontine.Name}, tour {passage.Position}" : $"Épargne de {tontine.Name}");
        Func<GraphDbContext, Payment, CancellationToken, Task> alongside = (db, payment, ct) => LinkPayoutAsync(db, payment, passage.Id, ct);
        Payment? paid;
        string? action = null;
        try
        {
            if (method == PaymentMethod.Cash)
            {
                var recorded = await cash.RecordAsync(new RecordCashPaymentInput
                {
                    Purpose = PaymentPurpose.TontinePayout,
                    Amount = new MoneyInput { Amount = money.Amount, Currency = money.Currency },
                    PayeeId = passage.UserId,
                    TontineId = tontine.Id,
                    Description = description,
                    IdempotencyKey = idempotencyKey,
                    Proof = new CashProofInput { Reference = string.IsNullOrWhiteSpace(cashReference) ? $"PASSAGE-{passage.Position}" : cashReference },
                }, actor.UserId, alongside, cancellationToken);
                if (recorded.Error is { } error)
                {
                    return TreasuryResult<PassagePaid>.Failed(error);
                }
                paid = recorded.Payment;
            }
            else
            {
                var created = await payments.InitiateAsync(new PaymentRequest
                {
                    Purpose = PaymentPurpose.TontinePayout,
                    Method = method,
                    Amount = money,
                    WalletNumber = wallet,
                    PayeeUserId = passage.UserId,
                    TontineId = tontine.Id,
                    Description = description,
                    IdempotencyKey = idempotencyKey,
                }, actor.UserId, alongside, cancellationToken);
                if (created.Refusal is { } refusal)
                {
                    return TreasuryResult<PassagePaid>.Failed(ToError(refusal, idempotencyKey, method));
                }
                paid = created.Payment;
                action = await payments.CustomerActionAsync(paid!, cancellationToken);
            }
        }
        catch (TontineRefusal refusal)
        {
            return TreasuryResult<PassagePaid>.Failed(refusal.Error);
        }
        await using var read = await contexts.CreateDbContextAsync(cancellationToken);
        return TreasuryResult<PassagePaid>.Done(new PassagePaid(await read.TontinePassages.AsNoTracking().SingleAsync(p => p.Id == passageId, cancellationToken), paid, action));
    }

    /// <summary>The beneficiary confirms they received their PAID passage; the tontine completes when it was the last thing to do.</summary>
    public async Task<TreasuryResult<TontinePassage>> ConfirmPassageAsync(Guid passageId, TontineActor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await FindPassageAsync(db, passageId, actor, cancellationToken) is not (var passage, _))
        {
            return TreasuryResult<TontinePassage>.Failed(new PassageNotFoundError(passageId));
        }
        if (passage.UserId != actor.UserId)
        {
            return TreasuryResult<TontinePassage>.Failed(new NotBeneficiaryError(passage.Id));
        }
        var tontine = await LockTontineAsync(db, passage.TontineId, share: false, cancellationToken);
        if (tontine.Status != TontineStatus.Active)
        {
            return TreasuryResult<TontinePassage>.Failed(new TontineNotActiveError(tontine.Id, tontine.Status));
        }
        await db.Entry(passage).ReloadAsync(cancellationToken);
        if (passage.Status != PassageStatus.Paid)
        {
            return TreasuryResult<TontinePassage>.Failed(new PassageStatusConflictError(passage.Id, passage.Status,
                $"This passage is {EnumNames<PassageStatus>.ToName(passage.Status)}; it is confirmed once PAID."));
        }
        var now = Now;
        passage.Status = PassageStatus.Confirmed;
        passage.ConfirmedAt = now;
        tontine.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await CompleteIfDoneAsync(db, tontine, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TreasuryResult<TontinePassage>.Done(passage);
    }

    /// <summary>The payments of a tontine's contributions still waiting (INITIATED or PENDING).</summary>
    public static IQueryable<ContributionPayment> OpenContributionPaymentsOf(GraphDbContext db, Guid tontineId) =>
        db.ContributionPayments.Where(c => c.TontineId == tontineId
            && db.Payments.Any(p => p.Id == c.PaymentId && (p.Status == PaymentStatus.Initiated || p.Status == PaymentStatus.Pending)));

    /// <summary>What a contribution costs on <paramref name="today"/>: what remains of it, and the fine (none when waived).</summary>
    public static (decimal Amount, decimal Penalty) DueOn(Tontine tontine, TontineSession session, TontineContribution contribution, DateOnly today) =>
        (contribution.Expected - contribution.Received,
         TontineMoney.FineOn(tontine, session.DueDate, contribution, today));

    /// <summary>The contribution's payment still waiting (INITIATED or PENDING), if any.</summary>
    private static Task<Guid?> OpenPaymentOfAsync(GraphDbContext db, Guid sessionId, Guid userId, CancellationToken cancellationToken) =>
        db.ContributionPayments.Where(c => c.SessionId == sessionId && c.UserId == userId
                && db.Payments.Any(p => p.Id == c.PaymentId && (p.Status == PaymentStatus.Initiated || p.Status == PaymentStatus.Pending)))
            .Select(c => (Guid?)c.PaymentId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>When <paramref name="initiatedBy"/> already used the key: the payment it made for this contribution (a
    /// retry), or IDEMPOTENCY_KEY_REUSED; null for a new key.</summary>
    private async Task<TreasuryResult<ContributionPaid>?> ReplayContributionAsync(Guid sessionId, Guid memberId, Guid initiatedBy, string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.InitiatedByUserId == initiatedBy && p.IdempotencyKey == key, cancellationToken) is not { } existing)
        {
            return null;
        }
        var mine = await db.ContributionPayments.AnyAsync(c => c.PaymentId == existing.Id && c.SessionId == sessionId && c.UserId == memberId, cancellationToken);
        if (!mine)
        {
            return TreasuryResult<ContributionPaid>.Failed(new IdempotencyKeyReusedError(key));
        }
        return TreasuryResult<ContributionPaid>.Done(new ContributionPaid(existing, await LoadContributionAsync(sessionId, memberId, cancellationToken),
            await payments.CustomerActionAsync(existing, cancellationToken)));
    }

    private sealed record ContributionPlan(Tontine Tontine, TontineSession Session, decimal Amount, decimal Penalty);

    /// <summary>Checks that the member's contribution to the session can be paid now, and what it costs. With
    /// <paramref name="requireMembership"/>, the session must be of one of that actor's tontines (else not found).</summary>
    private async Task<TreasuryResult<ContributionPlan>> PlanContributionAsync(Guid sessionId, Guid memberId, TontineActor? requireMembership, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var session = await db.TontineSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null)
        {
            return TreasuryResult<ContributionPlan>.Failed(new TontineSessionNotFoundError(sessionId));
        }
        var contribution = await db.TontineContributions.AsNoTracking().SingleOrDefaultAsync(c => c.SessionId == sessionId && c.UserId == memberId, cancellationToken);
        if (contribution is null)
        {
            return TreasuryResult<ContributionPlan>.Failed(requireMembership is not null ? new TontineSessionNotFoundError(sessionId) : new NotTontineMemberError(memberId));
        }
        var tontine = await db.Tontines.AsNoTracking().SingleAsync(t => t.Id == session.TontineId, cancellationToken);
        if (await RefuseContributionAsync(db, tontine, session, contribution, cancellationToken) is { } refused)
        {
            return TreasuryResult<ContributionPlan>.Failed(refused);
        }
        var (amount, penalty) = DueOn(tontine, session, contribution, DateOnly.FromDateTime(Now));
        return TreasuryResult<ContributionPlan>.Done(new ContributionPlan(tontine, session, amount, penalty));
    }

    /// <summary>Why the contribution cannot be paid now, or null when it can.</summary>
    private static async Task<IError?> RefuseContributionAsync(GraphDbContext db, Tontine tontine, TontineSession session, TontineContribution contribution, CancellationToken cancellationToken)
    {
        if (tontine.Status != TontineStatus.Active)
        {
            return new TontineNotActiveError(tontine.Id, tontine.Status);
        }
        if (session.Status == TontineSessionStatus.Scheduled)
        {
            return new SessionStatusConflictError(session.Id, session.Status, $"Session {session.Number} is not open yet: contributions are paid once it opens.");
        }
        if (contribution.PaidAt is not null)
        {
            return new ContributionAlreadyPaidError();
        }
        if (tontine.Type != TontineType.Rotating && await db.TontinePassages.AnyAsync(p => p.TontineId == tontine.Id && p.Kind == PassageKind.Savings, cancellationToken))
        {
            return new SessionStatusConflictError(session.Id, session.Status, "The last session is closed and each member's savings are fixed: contributions are no longer taken.");
        }
        if (await OpenPaymentOfAsync(db, session.Id, contribution.UserId, cancellationToken) is { } open)
        {
            return new ContributionInProgressError(open);
        }
        return null;
    }

    /// <summary>
    /// In the payment's creation transaction: holds the tontine (shared) and the contribution's row, checks again that the
    /// contribution can be paid (another payment may have been made meanwhile: CONTRIBUTION_IN_PROGRESS) for the same
    /// amount, and adds the contribution payment. Throws <see cref="TontineRefusal"/> to abandon the creation.
    /// </summary>
    private async Task AddContributionPaymentAsync(GraphDbContext db, Payment payment, TontineSession session, Guid memberId, decimal amount, decimal penalty, CancellationToken cancellationToken)
    {
        var tontine = await LockTontineAsync(db, session.TontineId, share: true, cancellationToken);
        var current = await db.TontineSessions.AsNoTracking().SingleAsync(s => s.Id == session.Id, cancellationToken);
        var contribution = await LockContributionAsync(db, session.Id, memberId, cancellationToken)
            // The member left (or was removed) meanwhile: their contribution went with them.
            ?? throw new TontineRefusal(new NotTontineMemberError(memberId));
        if (await RefuseContributionAsync(db, tontine, current, contribution, cancellationToken) is { } refused)
        {
            throw new TontineRefusal(refused);
        }
        if (DueOn(tontine, current, contribution, DateOnly.FromDateTime(Now)) != (amount, penalty))
        {
            throw new TontineRefusal(new SessionStatusConflictError(session.Id, current.Status, "What this contribution costs changed meanwhile (a day passed, or its fine was waived); pay again."));
        }
        db.ContributionPayments.Add(new ContributionPayment
        {
            Id = Guid.CreateVersion7(payment.CreatedAt),
            TontineId = session.TontineId,
            SessionId = session.Id,
            UserId = memberId,
            PaymentId = payment.Id,
            Amount = amount,
            Penalty = penalty,
            CreatedAt = payment.CreatedAt,
        });
    }

    /// <summary>Why the passage cannot be paid now, or null when it can.</summary>
    private static async Task<IError?> CheckPayableAsync(GraphDbContext db, Tontine tontine, TontinePassage passage, CancellationToken cancellationToken)
    {
        if (tontine.Status != TontineStatus.Active)
        {
            return new TontineNotActiveError(tontine.Id, tontine.Status);
        }
        if (passage.Status != PassageStatus.Started)
        {
            return new PassageStatusConflictError(passage.Id, passage.Status,
                $"This passage is {EnumNames<PassageStatus>.ToName(passage.Status)}; it is paid once STARTED (startPassage), and once only.");
        }
        if (passage.PaymentId is { } paymentId
            && await db.Payments.AnyAsync(p => p.Id == paymentId && (p.Status == PaymentStatus.Initiated || p.Status == PaymentStatus.Pending || p.Status == PaymentStatus.Succeeded), cancellationToken))
        {
            return new PassageStatusConflictError(passage.Id, passage.Status, "This passage's payout is already in progress; it can be paid again only if that payment fails.");
        }
        return null;
    }

    /// <summary>In the payout's creation transaction: holds the tontine (shared) and the passage, checks again that it can be
    /// paid, and ties the payment to it.</summary>
    private async Task LinkPayoutAsync(GraphDbContext db, Payment payment, Guid passageId, CancellationToken cancellationToken)
    {
        var passage = await db.TontinePassages.SingleAsync(p => p.Id == passageId, cancellationToken);
        var tontine = await LockTontineAsync(db, passage.TontineId, share: true, cancellationToken);
        await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM tontine_passages WHERE id = {passageId} FOR UPDATE").ToListAsync(cancellationToken);
        await db.Entry(passage).ReloadAsync(cancellationToken);
        if (await CheckPayableAsync(db, tontine, passage, cancellationToken) is { } refused)
        {
            throw new TontineRefusal(refused);
        }
        if (tontine.Type == TontineType.Mixed && passage.Kind == PassageKind.Rotation
            && await SavingsShortfallAsync(db, tontine, passage.Amount ?? 0m, cancellationToken) is { } shortfall)
        {
            throw new TontineRefusal(shortfall);
        }
        passage.PaymentId = payment.Id;
        tontine.UpdatedAt = Now;
    }

    /// <summary>A passage with nothing to pay (a member who saved nothing) is PAID at once, without a payment.</summary>
    private async Task<TreasuryResult<PassagePaid>> PayNothingAsync(Guid passageId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var passage = await db.TontinePassages.SingleAsync(p => p.Id == passageId, cancellationToken);
        var tontine = await LockTontineAsync(db, passage.TontineId, share: false, cancellationToken);
        await db.Entry(passage).ReloadAsync(cancellationToken);
        if (await CheckPayableAsync(db, tontine, passage, cancellationToken) is { } refused)
        {
            return TreasuryResult<PassagePaid>.Failed(refused);
        }
        var now = Now;
        passage.Status = PassageStatus.Paid;
        passage.PaidAt = now;
        tontine.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TreasuryResult<PassagePaid>.Done(new PassagePaid(passage, null, null));
    }

    /// <summary>One SAVINGS passage per member, by the day they joined: their confirmed savings (the savings share of what
    /// they paid; for CUMULATIVE, all of it). Fines stay in the pot.</summary>
    private static async Task AddSavingsPassagesAsync(GraphDbContext db, Tontine tontine, DateTime now, CancellationToken cancellationToken)
    {
        var members = await db.TontineMembers.Where(m => m.TontineId == tontine.Id).OrderBy(m => m.JoinedAt).ThenBy(m => m.UserId)
            .Select(m => m.UserId).ToListAsync(cancellationToken);
        var received = await db.TontineContributions.Where(c => c.TontineId == tontine.Id).GroupBy(c => c.UserId)
            .Select(g => new { UserId = g.Key, Received = g.Sum(c => c.Received) }).ToDictionaryAsync(g => g.UserId, g => g.Received, cancellationToken);
        var position = 0;
        foreach (var userId in members)
        {
            db.TontinePassages.Add(new TontinePassage
            {
                Id = Guid.CreateVersion7(now),
                TontineId = tontine.Id,
                UserId = userId,
                Kind = PassageKind.Savings,
                Position = ++position,
                Amount = SavingsOf(tontine, received.GetValueOrDefault(userId)),
                Status = PassageStatus.Scheduled,
            });
        }
    }

    /// <summary>
    /// Refuses a MIXED tontine's turn that would spend the members' savings: the pot (less the payouts under way, this one
    /// not yet among them) must still hold every member's savings once the turn is paid. Runs under the pot's lock (the
    /// payment service takes it for every payout).
    /// </summary>
    private static async Task<InsufficientFundsError?> SavingsShortfallAsync(GraphDbContext db, Tontine tontine, decimal amount, CancellationToken cancellationToken)
    {
        var received = await db.TontineContributions.Where(c => c.TontineId == tontine.Id).GroupBy(c => c.UserId)
            .Select(g => g.Sum(c => c.Received)).ToListAsync(cancellationToken);
        var savings = received.Sum(r => SavingsOf(tontine, r));
        var available = await PaymentService.PotAvailableAsync(db, tontine.Id, tontine.Contribution.Currency, cancellationToken);
        return available - savings >= amount
            ? null
            : new InsufficientFundsError(
                $"The pot holds {new Money(Math.Max(available - savings, 0m), tontine.Contribution.Currency)} beyond the members' savings ({new Money(savings, tontine.Contribution.Currency)}); this turn needs {new Money(amount, tontine.Contribution.Currency)}. The savings are paid back at the end, never into a turn.");
    }

    /// <summary>The savings of a member who paid <paramref name="received"/> of their contributions: its savings share,
    /// rounded down to the currency's unit.</summary>
    public static decimal SavingsOf(Tontine tontine, decimal received)
    {
        var share = TontineMoney.SavingsShare(tontine);
        if (share == tontine.Contribution.Amount)
        {
            return received;
        }
        return decimal.Round(received * share / tontine.Contribution.Amount, Money.MinorUnits(tontine.Contribution.Currency), MidpointRounding.ToZero);
    }

    /// <summary>Completes the tontine when every session is closed and every passage confirmed (its changes saved first).</summary>
    private static async Task CompleteIfDoneAsync(GraphDbContext db, Tontine tontine, DateTime now, CancellationToken cancellationToken)
    {
        if (await db.TontineSessions.AnyAsync(s => s.TontineId == tontine.Id && s.Status != TontineSessionStatus.Closed, cancellationToken)
            || await db.TontinePassages.AnyAsync(p => p.TontineId == tontine.Id && p.Status != PassageStatus.Confirmed, cancellationToken)
            || (tontine.Type != TontineType.Rotating && !await db.TontinePassages.AnyAsync(p => p.TontineId == tontine.Id && p.Kind == PassageKind.Savings, cancellationToken)))
        {
            return;
        }
        tontine.Status = TontineStatus.Completed;
        tontine.CompletedAt = now;
        tontine.UpdatedAt = now;
    }

    /// <summary>The session (tracked) and the actor's role in its tontine; null when there is no such session or the actor
    /// is not a member of its tontine (an ADMIN sees every session, with no role).</summary>
    private static async Task<(TontineSession Session, TontineRole? Role)?> FindSessionAsync(GraphDbContext db, Guid sessionId, TontineActor actor, CancellationToken cancellationToken)
    {
        var session = await db.TontineSessions.SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null)
        {
            return null;
        }
        var role = await TontineAccess.RoleOfAsync(db, session.TontineId, actor.UserId, cancellationToken);
        return role is null && !actor.IsAdmin ? null : (session, role);
    }

    /// <summary>The passage (tracked) and the actor's role in its tontine, as <see cref="FindSessionAsync"/>.</summary>
    private static async Task<(TontinePassage Passage, TontineRole? Role)?> FindPassageAsync(GraphDbContext db, Guid passageId, TontineActor actor, CancellationToken cancellationToken)
    {
        var passage = await db.TontinePassages.SingleOrDefaultAsync(p => p.Id == passageId, cancellationToken);
        if (passage is null)
        {
            return null;
        }
        var role = await TontineAccess.RoleOfAsync(db, passage.TontineId, actor.UserId, cancellationToken);
        return role is null && !actor.IsAdmin ? null : (passage, role);
    }

    private static bool Holds(TontineActor actor, TontineRole? role, TontineRole[] roles) => actor.IsAdmin || role is { } held && roles.Contains(held);

    /// <summary>Locks the tontine's row (see <see cref="TontineLocks.LockAsync"/>) and loads it, tracked and fresh; the
    /// tontine exists (its session or passage was found).</summary>
    public static async Task<Tontine> LockTontineAsync(GraphDbContext db, Guid tontineId, bool share, CancellationToken cancellationToken) =>
        await TontineLocks.LockAsync(db, tontineId, cancellationToken, share)
        ?? throw new InvalidOperationException($"Tontine {tontineId} has sessions but no row.");

    /// <summary>Locks a member's contribution to a session and loads it, tracked and fresh; null when there is none.</summary>
    public static async Task<TontineContribution?> LockContributionAsync(GraphDbContext db, Guid sessionId, Guid userId, CancellationToken cancellationToken)
    {
        var locked = await db.Database.SqlQuery<Guid>($"SELECT session_id AS \"Value\" FROM tontine_contributions WHERE session_id = {sessionId} AND user_id = {userId} FOR UPDATE")
            .ToListAsync(cancellationToken);
        if (locked.Count == 0)
        {
            return null;
        }
        var contribution = await db.TontineContributions.SingleAsync(c => c.SessionId == sessionId && c.UserId == userId, cancellationToken);
        await db.Entry(contribution).ReloadAsync(cancellationToken);
        return contribution;
    }

    private async Task<TontineContribution> LoadContributionAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.TontineContributions.AsNoTracking().SingleAsync(c => c.SessionId == sessionId && c.UserId == userId, cancellationToken);
    }

    /// <summary>A payment refusal as the typed error of a tontine mutation.</summary>
    private static IError ToError(PaymentRefusal refusal, string key, PaymentMethod method) => refusal.Code switch
    {
        "IDEMPOTENCY_KEY_REUSED" => new IdempotencyKeyReusedError(key),
        "PAYMENT_METHOD_UNAVAILABLE" => new PaymentMethodUnavailableError(method),
        "INSUFFICIENT_FUNDS" => new InsufficientFundsError(refusal.Message),
        _ => new InvalidPaymentInputError(refusal.Field ?? "input", refusal.Message),
    };

    private static string Describe(string text) => text.Length <= Payment.MaxDescriptionLength ? text : text[..(Payment.MaxDescriptionLength - 1)] + "…";

    /// <summary>Thrown inside a payment's creation to abandon it with a typed error (nothing is written).</summary>
    private sealed class TontineRefusal(IError error) : Exception(error.Message)
    {
        public IError Error { get; } = error;
    }
}
