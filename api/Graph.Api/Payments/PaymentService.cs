using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Graph.Api.Common;
using Graph.Api.Data;
using Graph.Api.Hosting;
using Graph.Api.Notifications;
using Graph.Api.Payments.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Graph.Api.Payments;

/// <summary>A payment to create, as a domain asks for it.</summary>
public sealed record PaymentRequest
{
    public required PaymentPurpose Purpose { get; init; }

    public required PaymentMethod Method { get; init; }

    public required Money Amount { get; init; }

    /// <summary>The currency the ledger keeps on the other side; the amount's currency when null.</summary>
    public Currency? SettlementCurrency { get; init; }

    /// <summary>The customer's mobile money number (E.164); required for every method but cash.</summary>
    public string? WalletNumber { get; init; }

    public Guid? PayerUserId { get; init; }

    public Guid? PayeeUserId { get; init; }

    public Guid? TontineId { get; init; }

    public Guid? BookId { get; init; }

    public Guid? RoyaltyAuthorId { get; init; }

    public decimal? RoyaltyRate { get; init; }

    public Guid? RefundOfPaymentId { get; init; }

    /// <summary>The tax (VAT) included in <see cref="Amount"/>, in the amount's currency; sales only (a book, a subscription).</summary>
    public decimal? TaxAmount { get; init; }

    /// <summary>The rate <see cref="TaxAmount"/> was computed at, from 0 to 1; given with it.</summary>
    public decimal? TaxRate { get; init; }

    public required string Description { get; init; }

    /// <summary>The caller's key for this request: a retry with the same key and payload gets the same payment.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>The SHA-256 (hex) of everything but the idempotency key, so that a retry can be told from another request.</summary>
    /// <remarks>The tax joins the canonical form only when there is one, so that requests without tax hash as they always did.</remarks>
    public string Hash()
    {
        var fields = new List<object?>
        {
            EnumNames<PaymentPurpose>.ToName(Purpose), EnumNames<PaymentMethod>.ToName(Method), Amount.Amount, Amount.Currency.ToString(),
            SettlementCurrency?.ToString(), WalletNumber, PayerUserId, PayeeUserId, TontineId, BookId, RoyaltyAuthorId, RoyaltyRate,
            RefundOfPaymentId, Description,
        };
        if (TaxAmount is not null || TaxRate is not null)
        {
            fields.Add(TaxAmount);
            fields.Add(TaxRate);
        }
        var canonical = JsonSerializer.Serialize(fields);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}

/// <summary>Why a payment could not be created; <see cref="Field"/> names the input at fault, when one is.</summary>
public sealed record PaymentRefusal(string Code, string Message, string? Field = null);

/// <summary>What <see cref="PaymentService.CreateAsync(PaymentRequest, Guid, CancellationToken)"/> gives: the payment (new,
/// or the one the key already created), or why there is none.</summary>
public sealed record PaymentCreation(Payment? Payment, bool Replayed, PaymentRefusal? Refusal);

/// <summary>What <see cref="PaymentService.RefundAsync"/> gives: the REFUND payment, or why there is none (with the
/// original's status and method, when there is an original).</summary>
public sealed record RefundResult(Payment? Payment, PaymentRefusal? Refusal, PaymentStatus? OriginalStatus, PaymentMethod? Method)
{
    public static RefundResult Refused(PaymentRefusal refusal, Payment? original = null) => new(null, refusal, original?.Status, original?.Method);
}

/// <summary>What applying a provider's news to a payment did.</summary>
public enum TransitionOutcome
{
    /// <summary>The payment moved.</summary>
    Applied,

    /// <summary>The payment already stood there.</summary>
    Duplicate,

    /// <summary>The news was of an earlier step than the payment's.</summary>
    OutOfOrder,

    /// <summary>The news contradicts the payment; a mismatch was recorded and nothing moved.</summary>
    Conflict,

    /// <summary>The news says nothing that moves a payment (the provider does not know the transaction yet).</summary>
    NoChange,

    /// <summary>There is no such payment.</summary>
    NotFound,
}

/// <summary>Who brings news of a payment, for its history.</summary>
/// <param name="Source">The channel.</param>
/// <param name="ActorUserId">The user, when a user acts.</param>
/// <param name="EventId">The provider's event ID, for callbacks.</param>
/// <param name="Note">Words for the history.</param>
public sealed record TransitionOrigin(PaymentEventSource Source, Guid? ActorUserId = null, string? EventId = null, string? Note = null);

/// <summary>
/// The payments' core: creating payments idempotently, and moving them through <see cref="PaymentStateMachine"/> with their
/// ledger posting, history, notifications and mismatches, each move in one transaction under the payment's row lock, so
/// that news arriving many times at once (a callback retried, the reconciliation job at the same moment) moves a payment
/// once and posts it once.
/// </summary>
/// <remarks>
/// The domains whose rows depend on a payment's outcome (an ebook's ownership, a subscription's period, an invoice) implement
/// <see cref="IPaymentSettlementHandler"/>; every registered handler is called inside the move's transaction, under the row
/// lock, after the ledger posting, so that their rows commit with the payment or not at all.
/// </remarks>
public sealed class PaymentService(
    IDbContextFactory<GraphDbContext> contexts,
    PaymentProviders providers,
    Notifier notifier,
    IOptions<GraphOptions> options,
    TimeProvider clock,
    ILogger<PaymentService> logger,
    IEnumerable<IPaymentSettlementHandler> settlementHandlers)
{
    private readonly IPaymentSettlementHandler[] _settlementHandlers = [.. settlementHandlers];

    /// <summary>
    /// Creates the payment (INITIATED), or returns the one <paramref name="request"/>'s key already created by
    /// <paramref name="initiatedBy"/> when the payload is the same; refuses a different payload under a used key. Concurrent
    /// requests under one key create one payment: the unique index on (initiator, key) makes the others wait, then read it.
    /// </summary>
    public Task<PaymentCreation> CreateAsync(PaymentRequest request, Guid initiatedBy, CancellationToken cancellationToken) =>
        CreateAsync(request, initiatedBy, (Func<GraphDbContext, Payment, CancellationToken, Task>?)null, cancellationToken);

    /// <summary>
    /// <see cref="CreateAsync(PaymentRequest, Guid, CancellationToken)"/>, with <paramref name="alongside"/> adding rows
    /// that belong to a new payment (a cash payment's proof) to the same SaveChanges, so that they and the payment are
    /// written together or not at all. It is not called when the key already created a payment (a replay), nor when the
    /// request is refused.
    /// </summary>
    public Task<PaymentCreation> CreateAsync(PaymentRequest request, Guid initiatedBy, Action<GraphDbContext, Payment>? alongside, CancellationToken cancellationToken) =>
        CreateAsync(request, initiatedBy, alongside is null ? null : (db, payment, _) =>
        {
            alongside(db, payment);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>
    /// <see cref="CreateAsync(PaymentRequest, Guid, Action{GraphDbContext, Payment}, CancellationToken)"/> with an
    /// asynchronous <paramref name="alongside"/>, which may also read and lock rows in the creation's transaction (a
    /// subscription linked to its renewal payment) and throw to abandon the creation: nothing is then written.
    /// </summary>
    public async Task<PaymentCreation> CreateAsync(PaymentRequest request, Guid initiatedBy, Func<GraphDbContext, Payment, CancellationToken, Task>? alongside, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } invalid)
        {
            return new PaymentCreation(null, false, invalid);
        }
        var hash = request.Hash();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Requests under one key wait for each other here; the later ones then find the payment the first one created.
        // (The unique index on the key stays as the last guard.)
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey("payment-key", initiatedBy.ToString("N"), request.IdempotencyKey)})", cancellationToken);
        if (await FindByKeyAsync(db, initiatedBy, request.IdempotencyKey, cancellationToken) is { } existing)
        {
            return Replay(existing, hash);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var settlement = request.SettlementCurrency ?? request.Amount.Currency;
        decimal? rate = null;
        DateOnly? rateDate = null;
        if (settlement != request.Amount.Currency)
        {
            if (await FindRateAsync(db, request.Amount.Currency, settlement, DateOnly.FromDateTime(now), cancellationToken) is not { } found)
            {
                return new PaymentCreation(null, false, new PaymentRefusal("FX_RATE_MISSING",
                    $"There is no {request.Amount.Currency}/{settlement} exchange rate for {DateOnly.FromDateTime(now):yyyy-MM-dd}.", "settlementCurrency"));
            }
            (rate, rateDate) = found;
        }
        if (request.TontineId is { } tontineId
            && await db.Tontines.Where(t => t.Id == tontineId).Select(t => (Tontines.TontineStatus?)t.Status).SingleOrDefaultAsync(cancellationToken) == Tontines.TontineStatus.Suspended)
        {
            return new PaymentCreation(null, false, new PaymentRefusal("INVALID_PAYMENT_INPUT",
                "The tontine is suspended: nothing is paid in or out until its president resumes it.", "tontineId"));
        }
        if (request.Purpose == PaymentPurpose.TontinePayout
            && await PotShortfallAsync(db, request, settlement, rate, cancellationToken) is { } shortfall)
        {
            return new PaymentCreation(null, false, shortfall);
        }
        if (request.Purpose == PaymentPurpose.RoyaltyPayout
            && await RoyaltyShortfallAsync(db, request, cancellationToken) is { } owedLess)
        {
            return new PaymentCreation(null, false, owedLess);
        }

        var payment = new Payment
        {
            Id = Guid.CreateVersion7(now),
            Purpose = request.Purpose,
            Method = request.Method,
            Status = PaymentStatus.Initiated,
            Amount = request.Amount,
            SettlementCurrency = settlement,
            FxRate = rate,
            FxRateDate = rateDate,
            PayerUserId = request.PayerUserId,
            PayeeUserId = request.PayeeUserId,
            WalletNumber = request.WalletNumber,
            TontineId = request.TontineId,
            BookId = request.BookId,
            RoyaltyAuthorId = request.RoyaltyAuthorId,
            RoyaltyRate = request.RoyaltyRate,
            TaxAmount = request.TaxAmount,
            TaxRate = request.TaxRate,
            RefundOfPaymentId = request.RefundOfPaymentId,
            Description = request.Description,
            IdempotencyKey = request.IdempotencyKey,
            RequestHash = hash,
            InitiatedByUserId = initiatedBy,
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = now + options.Value.Payments.PendingExpiry,
        };
        payment.History.Add(new PaymentStatusChange
        {
            PaymentId = payment.Id,
            From = null,
            To = PaymentStatus.Initiated,
            Source = PaymentEventSource.Api,
            ActorUserId = initiatedBy,
            At = now,
        });
        db.Payments.Add(payment);
        if (alongside is not null)
        {
            await alongside(db, payment, cancellationToken);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: var constraint }
                                           && constraint == PaymentConfiguration.IdempotencyIndex)
        {
            // Another request under the same key won the race; it is committed now (the index made this one wait).
            await using var again = await contexts.CreateDbContextAsync(cancellationToken);
            var winner = await FindByKeyAsync(again, initiatedBy, request.IdempotencyKey, cancellationToken)
                ?? throw new InvalidOperationException("A payment's idempotency key was taken, yet no payment holds it.", ex);
            return Replay(winner, hash);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: var constraint }
                                           && constraint == PaymentConfiguration.OneRefundIndex)
        {
            return new PaymentCreation(null, false, new PaymentRefusal("PAYMENT_STATUS_CONFLICT", "This payment already has a refund.", "paymentId"));
        }
        return new PaymentCreation(payment, false, null);
    }

    /// <summary>
    /// Refunds a SUCCEEDED mobile money collection in full: creates the REFUND payment (idempotent under
    /// <paramref name="idempotencyKey"/>; a payment has at most one refund), asks the provider to send the money back and
    /// applies its answer. When the refund succeeds, its posting reverses the original's and the original becomes REFUNDED.
    /// </summary>
    public async Task<RefundResult> RefundAsync(Guid paymentId, string reason, string idempotencyKey, Guid actor, CancellationToken cancellationToken)
    {
        var original = await FindAsync(paymentId, cancellationToken);
        if (original is null)
        {
            return RefundResult.Refused(new PaymentRefusal("PAYMENT_NOT_FOUND", "There is no payment with this ID.", "paymentId"));
        }
        // A retry of a refund already made returns it, whatever the original's status has become since (REFUNDED).
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (await FindByKeyAsync(db, actor, idempotencyKey, cancellationToken) is { } earlier)
            {
                return earlier.RefundOfPaymentId == original.Id
                    ? new RefundResult(earlier, null, original.Status, original.Method)
                    : RefundResult.Refused(new PaymentRefusal("IDEMPOTENCY_KEY_REUSED", "This idempotency key was already used for a different payment; use a new key for a new payment.", "idempotencyKey"), original);
            }
        }
        if (original.Status != PaymentStatus.Succeeded || !LedgerPoster.IsCollection(original.Purpose))
        {
            return RefundResult.Refused(new PaymentRefusal("PAYMENT_STATUS_CONFLICT",
                $"Only a SUCCEEDED payment the platform collected can be refunded; this one is a {EnumNames<PaymentStatus>.ToName(original.Status)} {EnumNames<PaymentPurpose>.ToName(original.Purpose)}.", "paymentId"), original);
        }
        if (original.Purpose == PaymentPurpose.TontineContribution)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (await Tontines.TontineRefunds.RefusalAsync(db, original, cancellationToken) is { } kept)
            {
                return RefundResult.Refused(new PaymentRefusal("PAYMENT_STATUS_CONFLICT", kept, "paymentId"), original);
            }
        }
        if (original.Method == PaymentMethod.Cash)
        {
            return RefundResult.Refused(new PaymentRefusal("PAYMENT_STATUS_CONFLICT", "Cash is given back in hand; the platform refunds mobile money payments only.", "paymentId"), original);
        }
        var created = await CreateAsync(new PaymentRequest
        {
            Purpose = PaymentPurpose.Refund,
            Method = original.Method,
            Amount = original.Amount,
            SettlementCurrency = original.SettlementCurrency,
            WalletNumber = original.WalletNumber,
            PayerUserId = original.PayerUserId,
            RefundOfPaymentId = original.Id,
            Description = Cut($"Remboursement : {reason}", Payment.MaxDescriptionLength)!,
            IdempotencyKey = idempotencyKey,
        }, actor, cancellationToken);
        if (created.Refusal is { } refusal)
        {
            return RefundResult.Refused(refusal, original);
        }
        var refund = created.Payment!;
        if (created.Replayed)
        {
            return new RefundResult(refund, null, original.Status, original.Method);
        }
        ProviderUpdate answer;
        try
        {
            answer = await providers.Find(original.Method)!.RefundAsync(ProviderRequestOf(original), original.ProviderReference ?? "", refund.Id, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or TaskCanceledException or IOException)
        {
            logger.LogWarning(ex, "{Provider} did not answer the refund {RefundId} of payment {PaymentId}; the reconciliation job will ask again.",
                EnumNames<PaymentMethod>.ToName(original.Method), refund.Id, original.Id);
            return new RefundResult(refund, null, original.Status, original.Method);
        }
        await ApplyAsync(refund.Id, answer, new TransitionOrigin(PaymentEventSource.Provider, actor, Note: reason), cancellationToken);
        return new RefundResult(await FindAsync(refund.Id, cancellationToken), null, original.Status, original.Method);
    }

    /// <summary>What the customer had to do when the provider started the payment (dial a code, open a link), or null.</summary>
    public async Task<string?> CustomerActionAsync(Payment payment, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PaymentStatusChanges.AsNoTracking()
            .Where(c => c.PaymentId == payment.Id && c.To == PaymentStatus.Pending && c.Source == PaymentEventSource.Provider)
            .Select(c => c.Note).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Creates the payment (<see cref="CreateAsync(PaymentRequest, Guid, CancellationToken)"/>) and, for a new mobile money
    /// payment, starts it at the provider and applies the answer: usually PENDING (the customer must confirm). A provider
    /// that does not answer leaves it INITIATED for the reconciliation job to settle.
    /// </summary>
    public Task<PaymentCreation> InitiateAsync(PaymentRequest request, Guid initiatedBy, CancellationToken cancellationToken) =>
        InitiateAsync(request, initiatedBy, alongside: null, cancellationToken);

    /// <summary>
    /// <see cref="InitiateAsync(PaymentRequest, Guid, CancellationToken)"/>, with <paramref name="alongside"/> writing the
    /// rows that belong to the new payment in its creation's transaction (see
    /// <see cref="CreateAsync(PaymentRequest, Guid, Func{GraphDbContext, Payment, CancellationToken, Task}, CancellationToken)"/>),
    /// before the provider is asked: a callback that comes at once finds them.
    /// </summary>
    public async Task<PaymentCreation> InitiateAsync(PaymentRequest request, Guid initiatedBy, Func<GraphDbContext, Payment, CancellationToken, Task>? alongside, CancellationToken cancellationToken)
    {
        if (request.Method == PaymentMethod.Cash)
        {
            return new PaymentCreation(null, false, new PaymentRefusal("INVALID_PAYMENT_INPUT", "Cash is recorded with its proof by a treasurer or a manager (recordCashPayment).", "method"));
        }
        var created = await CreateAsync(request, initiatedBy, alongside, cancellationToken);
        if (created.Payment is not { } payment || created.Replayed)
        {
            return created;
        }
        var provider = providers.Find(payment.Method)!;
        ProviderUpdate answer;
        try
        {
            answer = await provider.InitiateAsync(ProviderRequestOf(payment), cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or TaskCanceledException or IOException)
        {
            logger.LogWarning(ex, "{Provider} did not answer the initiation of payment {PaymentId}; the reconciliation job will ask again.",
                EnumNames<PaymentMethod>.ToName(payment.Method), payment.Id);
            return created;
        }
        await ApplyAsync(payment.Id, answer, new TransitionOrigin(PaymentEventSource.Provider, Note: answer.CustomerAction ?? answer.Message), cancellationToken);
        return new PaymentCreation(await FindAsync(payment.Id, cancellationToken), false, null);
    }

    /// <summary>The payment with this ID, untracked, or null.</summary>
    public async Task<Payment?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
    }

    /// <summary>
    /// Applies what a provider (or a checker) says of a payment, under the payment's row lock, in one transaction: the
    /// moves the state machine allows (with the ledger posting of a success, the original's REFUNDED for a refund, the
    /// history and the payer's notification), nothing for news already applied or older than the payment's status, and a
    /// recorded mismatch for news that contradicts it.
    /// </summary>
    public async Task<TransitionOutcome> ApplyAsync(Guid paymentId, ProviderUpdate update, TransitionOrigin origin, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await LockAsync(db, paymentId, cancellationToken) is not { } payment)
        {
            return TransitionOutcome.NotFound;
        }
        var outcome = await ApplyLockedAsync(db, payment, update, origin, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    /// <summary>
    /// <see cref="ApplyAsync"/> for a payment the caller has already locked (<see cref="LockAsync"/>) in the open transaction
    /// of <paramref name="db"/>: the move's rows are added to <paramref name="db"/>, and the caller saves and commits, so that
    /// it can write its own rows in the same transaction (the callback endpoint stores the callback with the move it made).
    /// </summary>
    public async Task<TransitionOutcome> ApplyLockedAsync(GraphDbContext db, Payment payment, ProviderUpdate update, TransitionOrigin origin, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (payment.ProviderReference is null && update.ProviderReference is { Length: > 0 and <= Payment.MaxProviderReferenceLength } reference)
        {
            payment.ProviderReference = reference;
        }
        return await MoveAsync(db, payment, update, origin, now, cancellationToken);
    }

    private async Task<TransitionOutcome> MoveAsync(GraphDbContext db, Payment payment, ProviderUpdate update, TransitionOrigin origin, DateTime now, CancellationToken cancellationToken)
    {
        if (StatusOf(update.State) is not { } target)
        {
            return TransitionOutcome.NoChange;
        }
        if (update.Amount is { } amount && amount != payment.Amount)
        {
            await AddMismatchAsync(db, payment, MismatchKind.AmountMismatch, update, $"The provider reports {amount}; the payment is {payment.Amount}.", now, cancellationToken);
            return TransitionOutcome.Conflict;
        }
        if (payment.Status == target)
        {
            return TransitionOutcome.Duplicate;
        }
        var path = PaymentStateMachine.PathTo(payment.Status, target);
        if (path.Count == 0)
        {
            if (PaymentStateMachine.IsBehind(payment.Status, target) && target is PaymentStatus.Initiated or PaymentStatus.Pending)
            {
                return TransitionOutcome.OutOfOrder;
            }
            await AddMismatchAsync(db, payment, MismatchKind.StatusConflict, update,
                $"The provider reports {EnumNames<PaymentStatus>.ToName(target)}; the payment is {EnumNames<PaymentStatus>.ToName(payment.Status)}.", now, cancellationToken);
            return TransitionOutcome.Conflict;
        }

        foreach (var step in path)
        {
            var from = payment.Status;
            payment.Status = step;
            db.PaymentStatusChanges.Add(new PaymentStatusChange
            {
                PaymentId = payment.Id,
                From = from,
                To = step,
                Source = origin.Source,
                Reason = step == PaymentStatus.Failed ? update.FailureReason ?? PaymentFailureReason.ProviderError : null,
                Note = Cut(origin.Note ?? update.Message, Payment.MaxFailureMessageLength),
                ActorUserId = origin.ActorUserId,
                ProviderEventId = origin.EventId,
                At = now,
            });
        }
        payment.UpdatedAt = now;
        switch (target)
        {
            case PaymentStatus.Succeeded:
                payment.SettledAt = now;
                await PostAsync(db, payment, origin, now, cancellationToken);
                if (payment.Purpose != PaymentPurpose.Refund)
                {
                    // A refund's payer hears of it as their original payment REFUNDED (PostAsync).
                    await NotifyAsync(db, payment, NotificationTemplates.PaymentSucceeded, cancellationToken);
                }
                break;
            case PaymentStatus.Failed:
                payment.FailureReason = update.FailureReason ?? PaymentFailureReason.ProviderError;
                payment.FailureMessage = Cut(update.Message, Payment.MaxFailureMessageLength);
                await NotifyAsync(db, payment, NotificationTemplates.PaymentFailed, cancellationToken);
                break;
            case PaymentStatus.Expired:
                await NotifyAsync(db, payment, NotificationTemplates.PaymentExpired, cancellationToken);
                break;
        }
        return TransitionOutcome.Applied;
    }

    /// <summary>Writes the ledger posting of a payment that just succeeded; for a refund, also moves its original to REFUNDED.
    /// Then tells every <see cref="IPaymentSettlementHandler"/>, in the same transaction: a handler that throws rolls the
    /// whole move back.</summary>
    private async Task PostAsync(GraphDbContext db, Payment payment, TransitionOrigin origin, DateTime now, CancellationToken cancellationToken)
    {
        if (payment.Purpose != PaymentPurpose.Refund)
        {
            db.LedgerPostings.Add(LedgerPoster.Settlement(payment, now));
            foreach (var handler in _settlementHandlers)
            {
                await handler.OnSucceededAsync(db, payment, now, cancellationToken);
            }
            return;
        }
        var originalId = payment.RefundOfPaymentId ?? throw new InvalidOperationException($"Refund {payment.Id} names no original payment.");
        var original = await LockAsync(db, originalId, cancellationToken)
            ?? throw new InvalidOperationException($"Refund {payment.Id} gives back payment {originalId}, which does not exist.");
        var posting = await db.LedgerPostings.Include(p => p.Entries)
            .SingleAsync(p => p.PaymentId == originalId && p.Kind == PostingKind.Settlement, cancellationToken);
        db.LedgerPostings.Add(LedgerPoster.Refund(payment, posting, now));
        if (!PaymentStateMachine.CanMove(original.Status, PaymentStatus.Refunded))
        {
            throw new InvalidOperationException($"Payment {originalId} is {original.Status}; it cannot be refunded.");
        }
        db.PaymentStatusChanges.Add(new PaymentStatusChange
        {
            PaymentId = original.Id,
            From = original.Status,
            To = PaymentStatus.Refunded,
            Source = origin.Source,
            ActorUserId = origin.ActorUserId,
            Note = $"Refunded by payment {payment.Id}.",
            At = now,
        });
        original.Status = PaymentStatus.Refunded;
        original.UpdatedAt = now;
        await NotifyAsync(db, original, NotificationTemplates.PaymentRefunded, cancellationToken);
        foreach (var handler in _settlementHandlers)
        {
            await handler.OnRefundedAsync(db, original, payment, now, cancellationToken);
        }
    }

    private async Task NotifyAsync(GraphDbContext db, Payment payment, string template, CancellationToken cancellationToken)
    {
        // Collections tell the payer; disbursements tell the payee.
        var userId = LedgerPoster.IsCollection(payment.Purpose) || payment.Purpose == PaymentPurpose.Refund ? payment.PayerUserId : payment.PayeeUserId;
        if (userId is not { } recipient)
        {
            return;
        }
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["amount"] = payment.Amount.ToString(),
            ["description"] = payment.Description,
        };
        var definition = NotificationTemplates.Get(template);
        if (definition.Parameters.Contains("reference"))
        {
            parameters["reference"] = payment.ProviderReference ?? payment.Id.ToString("N")[..12].ToUpperInvariant();
        }
        if (definition.Parameters.Contains("reason"))
        {
            parameters["reason"] = EnumNames<PaymentFailureReason>.ToName(payment.FailureReason ?? PaymentFailureReason.ProviderError);
        }
        await notifier.NotifyAsync(db, recipient, template, parameters, data: new { paymentId = payment.Id }, cancellationToken: cancellationToken);
    }

    /// <summary>Records a mismatch of the payment, unless the same one (kind and provider status) is already open: a provider
    /// retrying a contradicting callback, or reconciliation asking again, leaves one mismatch to resolve. Runs under the
    /// payment's row lock, so two at once cannot both record it.</summary>
    private static async Task AddMismatchAsync(GraphDbContext db, Payment payment, MismatchKind kind, ProviderUpdate update, string detail, DateTime now, CancellationToken cancellationToken)
    {
        var providerStatus = update.State.ToString().ToUpperInvariant();
        if (await db.PaymentMismatches.AnyAsync(m => m.PaymentId == payment.Id && m.Kind == kind && m.ProviderStatus == providerStatus && m.ResolvedAt == null, cancellationToken))
        {
            return;
        }
        db.PaymentMismatches.Add(new PaymentMismatch
        {
            Id = Guid.CreateVersion7(now),
            Kind = kind,
            PaymentId = payment.Id,
            Provider = payment.Method,
            ProviderReference = update.ProviderReference ?? payment.ProviderReference,
            OurStatus = payment.Status,
            ProviderStatus = providerStatus,
            Detail = Cut(detail, PaymentMismatch.MaxDetailLength)!,
            DetectedAt = now,
        });
    }

    /// <summary>The request a provider needs for <paramref name="payment"/>.</summary>
    public static ProviderPaymentRequest ProviderRequestOf(Payment payment) =>
        new(payment.Id, LedgerPoster.IsCollection(payment.Purpose), payment.Amount, payment.WalletNumber ?? "", payment.Description, payment.CreatedAt);

    /// <summary>The status a provider's state moves a payment to; null for a state that moves nothing.</summary>
    public static PaymentStatus? StatusOf(ProviderState state) => state switch
    {
        ProviderState.Pending => PaymentStatus.Pending,
        ProviderState.Succeeded => PaymentStatus.Succeeded,
        ProviderState.Failed => PaymentStatus.Failed,
        ProviderState.Expired => PaymentStatus.Expired,
        ProviderState.Cancelled => PaymentStatus.Cancelled,
        _ => null,
    };

    /// <summary>The latest rate on or before <paramref name="date"/> from <paramref name="from"/> to <paramref name="to"/>,
    /// or the inverse of the latest rate the other way.</summary>
    public static async Task<(decimal Rate, DateOnly Date)?> FindRateAsync(GraphDbContext db, Currency from, Currency to, DateOnly date, CancellationToken cancellationToken)
    {
        var direct = await db.FxRates.AsNoTracking().Where(r => r.Base == from && r.Quote == to && r.Date <= date)
            .OrderByDescending(r => r.Date).Select(r => new { r.Rate, r.Date }).FirstOrDefaultAsync(cancellationToken);
        var inverse = await db.FxRates.AsNoTracking().Where(r => r.Base == to && r.Quote == from && r.Date <= date)
            .OrderByDescending(r => r.Date).Select(r => new { r.Rate, r.Date }).FirstOrDefaultAsync(cancellationToken);
        if (direct is not null && (inverse is null || direct.Date >= inverse.Date))
        {
            return (direct.Rate, direct.Date);
        }
        return inverse is null ? null : (decimal.Round(1m / inverse.Rate, 10), inverse.Date);
    }

    private PaymentRefusal? Validate(PaymentRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.IdempotencyKey) || request.IdempotencyKey.Length > Payment.MaxIdempotencyKeyLength || request.IdempotencyKey.Any(char.IsControl))
        {
            return new PaymentRefusal("INVALID_PAYMENT_INPUT", $"The idempotency key must have 1 to {Payment.MaxIdempotencyKeyLength} characters, without control characters.", "idempotencyKey");
        }
        if (request.Amount.Amount <= 0)
        {
            return new PaymentRefusal("INVALID_PAYMENT_INPUT", "The amount must be more than zero.", "amount");
        }
        if (request.Amount.Amount > 1_000_000_000_000m)
        {
            return new PaymentRefusal("INVALID_PAYMENT_INPUT", "The amount is larger than any payment the platform takes.", "amount");
        }
        if (string.IsNullOrWhiteSpace(request.Description) || request.Description.Length > Payment.MaxDescriptionLength || request.Description.Any(char.IsControl))
        {
            return new PaymentRefusal("INVALID_PAYMENT_INPUT", $"The description must have 1 to {Payment.MaxDescriptionLength} characters, without control characters.", "description");
        }
        if (request.Method != PaymentMethod.Cash)
        {
            if (providers.Find(request.Method) is null)
            {
                return new PaymentRefusal("PAYMENT_METHOD_UNAVAILABLE", $"{EnumNames<PaymentMethod>.ToName(request.Method)} is not offered here.", "method");
            }
            if (request.WalletNumber is null || Identity.PhoneNumbers.Normalize(request.WalletNumber) != request.WalletNumber)
            {
                return new PaymentRefusal("INVALID_PAYMENT_INPUT", "A mobile money payment needs the wallet's number in international form (+221771234567).", "walletNumber");
            }
        }
        var tontinePurpose = request.Purpose is PaymentPurpose.TontineContribution or PaymentPurpose.TontinePayout;
        if (tontinePurpose != request.TontineId.HasValue)
        {
            return new PaymentRefusal("INVALID_PAYMENT_INPUT", tontinePurpose ? "A tontine payment names its tontine." : "Only tontine payments name a tontine.", "tontineId");
        }
        if ((request.Purpose == PaymentPurpose.Refund) != request.RefundOfPaymentId.HasValue)
        {
            return new PaymentRefusal("INVALID_PAYMENT_INPUT", "A refund, and only a refund, names the payment it gives back.", "refundOf");
        }
        if (request.Purpose == PaymentPurpose.PlanterPayment && request.PayerUserId is null)
        {
            return new PaymentRefusal("INVALID_PAYMENT_INPUT", "A planter payment names the buyer who pays.", "payerId");
        }
        if (request.Purpose == PaymentPurpose.RoyaltyPayout)
        {
            if (request.RoyaltyAuthorId is null || request.RoyaltyRate is not null || request.PayeeUserId is null)
            {
                return new PaymentRefusal("INVALID_PAYMENT_INPUT", "A royalty payout names the author paid and their account, and no rate.", "authorId");
            }
            if (request.SettlementCurrency is { } currency && currency != request.Amount.Currency)
            {
                return new PaymentRefusal("INVALID_PAYMENT_INPUT", "Royalties are paid out in the currency they are owed in.", "amount");
            }
        }
        else if (request.RoyaltyRate is < 0m or > 1m || (request.RoyaltyRate is not null) != (request.RoyaltyAuthorId is not null))
        {
            return new PaymentRefusal("INVALID_PAYMENT_INPUT", "A royalty names its author and a rate from 0 to 1.", "royaltyRate");
        }
        if ((request.TaxAmount is null) != (request.TaxRate is null) || request.TaxRate is < 0m or > 1m
            || request.TaxAmount is { } tax && (tax < 0 || tax >= request.Amount.Amount || decimal.Round(tax, Money.MinorUnits(request.Amount.Currency)) != tax))
        {
            return new PaymentRefusal("INVALID_PAYMENT_INPUT", "A tax names its rate (0 to 1) and an amount in the payment's currency, less than the payment.", "taxAmount");
        }
        if (request.TaxAmount is not null && request.Purpose is not (PaymentPurpose.BookPurchase or PaymentPurpose.Subscription))
        {
            return new PaymentRefusal("INVALID_PAYMENT_INPUT", "Only sales (books, subscriptions) carry a tax.", "taxAmount");
        }
        return null;
    }

    private static PaymentCreation Replay(Payment existing, string hash) =>
        existing.RequestHash == hash
            ? new PaymentCreation(existing, true, null)
            : new PaymentCreation(null, false, new PaymentRefusal("IDEMPOTENCY_KEY_REUSED",
                "This idempotency key was already used for a different payment; use a new key for a new payment.", "idempotencyKey"));

    /// <summary>
    /// Refuses a payout the tontine's pot cannot cover: what the pot holds in the settlement currency (its credit balance)
    /// less the payouts still open. Payouts of one tontine are created one at a time (an advisory lock on the tontine, held
    /// until the caller's transaction ends), so two payouts at once cannot both take the same money.
    /// </summary>
    private static async Task<PaymentRefusal?> PotShortfallAsync(GraphDbContext db, PaymentRequest request, Currency settlement, decimal? rate, CancellationToken cancellationToken)
    {
        var tontineId = request.TontineId!.Value;
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey("tontine-pot", tontineId.ToString("N"), "")})", cancellationToken);
        var available = await PotAvailableAsync(db, tontineId, settlement, cancellationToken);
        var asked = settlement == request.Amount.Currency
            ? request.Amount.Amount
            : decimal.Round(request.Amount.Amount * rate!.Value, Money.MinorUnits(settlement), MidpointRounding.AwayFromZero);
        return asked <= available
            ? null
            : new PaymentRefusal("INSUFFICIENT_FUNDS",
                $"The tontine's pot holds {new Money(decimal.Round(Math.Max(available, 0m), Money.MinorUnits(settlement)), settlement)} not yet promised to another payout; this payout needs {new Money(asked, settlement)}.",
                "amount");
    }

    /// <summary>What a tontine's pot holds in <paramref name="currency"/> (its credit balance) less the payouts still open.</summary>
    public static async Task<decimal> PotAvailableAsync(GraphDbContext db, Guid tontineId, Currency currency, CancellationToken cancellationToken)
    {
        var key = tontineId.ToString("D");
        var held = -await db.LedgerEntries.Where(e => e.AccountType == LedgerAccountType.TontinePot && e.AccountKey == key && e.Currency == currency)
            .SumAsync(e => e.Amount, cancellationToken);
        var open = await db.Payments.AsNoTracking()
            .Where(p => p.Purpose == PaymentPurpose.TontinePayout && p.TontineId == tontineId && p.SettlementCurrency == currency
                        && (p.Status == PaymentStatus.Initiated || p.Status == PaymentStatus.Pending))
            .ToListAsync(cancellationToken);
        return held - open.Sum(LedgerPoster.Settled);
    }

    /// <summary>
    /// Refuses a royalty payout larger than what the platform owes the author in its currency (the credit balance of
    /// ROYALTIES_PAYABLE:author) less the author's payouts still open. Payouts of one author are created one at a time (an
    /// advisory lock on the author, held until the caller's transaction ends), so two payouts at once cannot both take the
    /// same royalties.
    /// </summary>
    private static async Task<PaymentRefusal?> RoyaltyShortfallAsync(GraphDbContext db, PaymentRequest request, CancellationToken cancellationToken)
    {
        var authorId = request.RoyaltyAuthorId!.Value;
        var currency = request.Amount.Currency;
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey("royalties-payable", authorId.ToString("N"), "")})", cancellationToken);
        var (owed, reserved) = await RoyaltyLedger.PayableAsync(db, authorId, currency, cancellationToken);
        var available = owed - reserved;
        return request.Amount.Amount <= available
            ? null
            : new PaymentRefusal("INSUFFICIENT_FUNDS",
                $"The platform owes this author {new Money(decimal.Round(Math.Max(available, 0m), Money.MinorUnits(currency)), currency)} not yet promised to another payout; this payout needs {request.Amount}.",
                "amount");
    }

    /// <summary>A 64-bit advisory lock key for a scope and its values.</summary>
    private static long LockKey(string scope, string first, string second) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"{scope}\n{first}\n{second}")), 0);

    /// <summary>Locks the payment's row until the transaction ends and loads it (tracked); null when there is none.</summary>
    /// <remarks>Two statements: EF Core cannot compose FromSql over an entity with a complex property (Money).</remarks>
    public static async Task<Payment?> LockAsync(GraphDbContext db, Guid paymentId, CancellationToken cancellationToken)
    {
        var locked = await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM payments WHERE id = {paymentId} FOR UPDATE").ToListAsync(cancellationToken);
        return locked.Count == 0 ? null : await db.Payments.SingleAsync(p => p.Id == paymentId, cancellationToken);
    }

    private static Task<Payment?> FindByKeyAsync(GraphDbContext db, Guid initiatedBy, string key, CancellationToken cancellationToken) =>
        db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.InitiatedByUserId == initiatedBy && p.IdempotencyKey == key, cancellationToken);

    private static string? Cut(string? text, int length) => text is null || text.Length <= length ? text : text[..(length - 1)] + "…";
}
