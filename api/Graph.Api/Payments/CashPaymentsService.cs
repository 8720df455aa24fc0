using Graph.Api.Audit;
using Graph.Api.Common;
using Graph.Api.Data;
using Graph.Api.Payments.Providers;
using Graph.GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Payments;

/// <summary>What a cash mutation did: the payment as it now stands, or the one error that left everything unchanged.</summary>
/// <param name="Payment">The payment, or null when there is an error.</param>
/// <param name="Error">Why nothing changed, or null.</param>
public sealed record CashPaymentResult(Payment? Payment, IError? Error)
{
    /// <summary>The payment, as the mutation left it.</summary>
    public static CashPaymentResult Done(Payment payment) => new(payment, null);

    /// <summary>The error, nothing changed.</summary>
    public static CashPaymentResult Failed(IError error) => new(null, error);
}

/// <summary>
/// Cash payments, maker-checker: a treasurer or a manager (the maker) records the cash with its proof, and the payment
/// waits PENDING until a second person with the same right (the checker, never the maker) validates it (SUCCEEDED, posted
/// on PROVIDER_CLEARING:CASH) or rejects it (FAILED, CASH_REJECTED, nothing posted). Who may do what is decided before
/// (<see cref="CashPaymentRights"/>, through the policies of <see cref="CashPaymentPolicies"/>); this class checks the input
/// and the payment, and moves it through <see cref="PaymentService"/>.
/// </summary>
public sealed class CashPaymentsService(IDbContextFactory<GraphDbContext> contexts, PaymentService payments, IAuditLog audit, TimeProvider clock)
{
    /// <summary>
    /// Records a cash payment: creates it (CASH, INITIATED) with its proof in one SaveChanges, then moves it to PENDING to
    /// await its checker. The same key and payload (proof included) return the same payment; another payload under the key
    /// is refused.
    /// </summary>
    public Task<CashPaymentResult> RecordAsync(RecordCashPaymentInput input, Guid makerId, CancellationToken cancellationToken) =>
        RecordAsync(input, makerId, alongside: null, cancellationToken);

    /// <summary>
    /// <see cref="RecordAsync(RecordCashPaymentInput, Guid, CancellationToken)"/>, with <paramref name="alongside"/> adding the
    /// rows that belong to the new payment (a tontine's contribution payment, a passage's payout) to the SaveChanges that
    /// writes it and its proof; it may lock and read rows of the creation's transaction, and throw to abandon the creation
    /// (see <see cref="PaymentService.CreateAsync(PaymentRequest, Guid, Func{GraphDbContext, Payment, CancellationToken, Task}, CancellationToken)"/>).
    /// </summary>
    public async Task<CashPaymentResult> RecordAsync(RecordCashPaymentInput input, Guid makerId, Func<GraphDbContext, Payment, CancellationToken, Task>? alongside, CancellationToken cancellationToken)
    {
        if (CheckInput(input, out var proof) is { } invalid)
        {
            return CashPaymentResult.Failed(invalid);
        }
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (await CheckPartiesAsync(db, input, cancellationToken) is { } unknown)
            {
                return CashPaymentResult.Failed(unknown);
            }
        }

        var request = new PaymentRequest
        {
            Purpose = input.Purpose,
            Method = PaymentMethod.Cash,
            Amount = new Money(input.Amount.Amount, input.Amount.Currency),
            PayerUserId = input.PayerId,
            PayeeUserId = input.PayeeId,
            TontineId = input.TontineId,
            Description = input.Description.Trim(),
            IdempotencyKey = input.IdempotencyKey,
        };
        var now = clock.GetUtcNow().UtcDateTime;
        var created = await payments.CreateAsync(request, makerId, async (db, payment, ct) =>
        {
            db.CashProofs.Add(new CashProof
            {
                PaymentId = payment.Id,
                Reference = proof.Reference,
                Note = proof.Note,
                Photo = proof.Photo,
                PhotoContentType = proof.PhotoContentType,
                RecordedByUserId = makerId,
                RecordedAt = now,
            });
            if (alongside is not null)
            {
                await alongside(db, payment, ct);
            }
        }, cancellationToken);
        if (created.Refusal is { } refusal)
        {
            return CashPaymentResult.Failed(refusal.Code switch
            {
                "IDEMPOTENCY_KEY_REUSED" => new IdempotencyKeyReusedError(input.IdempotencyKey),
                // A payout the tontine's pot cannot cover, once its other open payouts are set aside.
                "INSUFFICIENT_FUNDS" => new InsufficientFundsError(refusal.Message),
                _ => new InvalidPaymentInputError(refusal.Field ?? "input", refusal.Message),
            });
        }
        var recorded = created.Payment!;
        if (created.Replayed && !await SameProofAsync(recorded.Id, proof, cancellationToken))
        {
            return CashPaymentResult.Failed(new IdempotencyKeyReusedError(input.IdempotencyKey));
        }
        if (recorded.Status == PaymentStatus.Initiated)
        {
            // Also on a replay: the first request may have stopped between the creation and this move.
            await payments.ApplyAsync(recorded.Id, new ProviderUpdate(ProviderState.Pending),
                new TransitionOrigin(PaymentEventSource.Api, makerId, Note: "Recorded in cash; awaiting its checker."), cancellationToken);
        }
        return CashPaymentResult.Done((await payments.FindAsync(recorded.Id, cancellationToken))!);
    }

    /// <summary>The checker validates the cash payment: under its row lock, the proof records the checker and the payment
    /// moves to SUCCEEDED with its posting, in one transaction. Refused to its maker.</summary>
    public Task<CashPaymentResult> ValidateAsync(Guid paymentId, Guid checkerId, CancellationToken cancellationToken) =>
        CheckAsync(paymentId, checkerId, new ProviderUpdate(ProviderState.Succeeded),
            new TransitionOrigin(PaymentEventSource.CashValidation, checkerId, Note: "Validated by the checker."),
            AuditActions.CashPaymentValidated, null, cancellationToken);

    /// <summary>The checker refuses the cash payment: it FAILS (CASH_REJECTED) with the reason as its message, and nothing
    /// is posted. Refused to its maker.</summary>
    public Task<CashPaymentResult> RejectAsync(Guid paymentId, Guid checkerId, string reason, CancellationToken cancellationToken)
    {
        var text = reason.Trim();
        if (text.Length == 0 || text.Length > Payment.MaxFailureMessageLength || text.Any(c => char.IsControl(c) && c is not '\n'))
        {
            return Task.FromResult(CashPaymentResult.Failed(new InvalidPaymentInputError("reason",
                $"The reason must have 1 to {Payment.MaxFailureMessageLength} characters, without control characters other than line breaks.")));
        }
        return CheckAsync(paymentId, checkerId, new ProviderUpdate(ProviderState.Failed, FailureReason: PaymentFailureReason.CashRejected, Message: text),
            new TransitionOrigin(PaymentEventSource.CashValidation, checkerId, Note: text),
            AuditActions.CashPaymentRejected, text, cancellationToken);
    }

    /// <summary>
    /// Under the payment's row lock, in one transaction: checks that it is an open cash payment whose maker is not
    /// <paramref name="checkerId"/>, records the checker on its proof, writes the audit entry and applies
    /// <paramref name="update"/> (with its posting for a success). Anything refused leaves everything as it was.
    /// </summary>
    private async Task<CashPaymentResult> CheckAsync(
        Guid paymentId, Guid checkerId, ProviderUpdate update, TransitionOrigin origin, string auditAction, string? reason, CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await PaymentService.LockAsync(db, paymentId, cancellationToken) is not { } payment)
            {
                return CashPaymentResult.Failed(new PaymentNotFoundError(paymentId));
            }
            if (payment.Method != PaymentMethod.Cash)
            {
                return CashPaymentResult.Failed(new InvalidPaymentInputError("paymentId", "Only a cash payment is validated or rejected by a checker."));
            }
            if (!PaymentStateMachine.IsOpen(payment.Status))
            {
                return CashPaymentResult.Failed(new PaymentStatusConflictError(payment.Id, payment.Status,
                    $"This cash payment is already {EnumNames<PaymentStatus>.ToName(payment.Status)}; only one awaiting its checker can be validated or rejected."));
            }
            var proof = await db.CashProofs.SingleOrDefaultAsync(p => p.PaymentId == payment.Id, cancellationToken);
            if (proof is null)
            {
                return CashPaymentResult.Failed(new InvalidPaymentInputError("paymentId", "This cash payment has no proof, so no checker can vouch for it."));
            }
            if (proof.RecordedByUserId == checkerId)
            {
                return CashPaymentResult.Failed(new MakerCannotCheckError(payment.Id));
            }

            proof.CheckedByUserId = checkerId;
            proof.CheckedAt = clock.GetUtcNow().UtcDateTime;
            audit.Add(db, auditAction, nameof(Payment), payment.Id.ToString(), new
            {
                Amount = payment.Amount.ToString(),
                Purpose = EnumNames<PaymentPurpose>.ToName(payment.Purpose),
                proof.Reference,
                MakerUserId = proof.RecordedByUserId,
                Reason = reason,
            });
            var outcome = await payments.ApplyLockedAsync(db, payment, update, origin, cancellationToken);
            if (outcome != TransitionOutcome.Applied)
            {
                // The checks above leave only an open payment, which the state machine moves: anything else is a bug.
                throw new InvalidOperationException($"Checking cash payment {paymentId} gave {outcome}.");
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return CashPaymentResult.Done((await payments.FindAsync(paymentId, cancellationToken))!);
    }

    /// <summary>Checks what the input alone can tell, and reads the proof (the photo decoded and identified).</summary>
    private static InvalidPaymentInputError? CheckInput(RecordCashPaymentInput input, out CheckedProof proof)
    {
        proof = null!;
        if (input.Purpose == PaymentPurpose.Refund)
        {
            return new InvalidPaymentInputError("purpose", "A refund gives back a payment through its own method; it is not recorded as cash.");
        }
        var minorUnits = Money.MinorUnits(input.Amount.Currency);
        if (decimal.Round(input.Amount.Amount, minorUnits) != input.Amount.Amount)
        {
            return new InvalidPaymentInputError("amount.amount", minorUnits == 0
                ? $"{input.Amount.Currency} amounts have no decimals."
                : $"{input.Amount.Currency} amounts have at most {minorUnits} decimals.");
        }
        var reference = input.Proof.Reference.Trim();
        if (reference.Length == 0 || reference.Length > CashProof.MaxReferenceLength || reference.Any(char.IsControl))
        {
            return new InvalidPaymentInputError("proof.reference", $"The receipt's reference must have 1 to {CashProof.MaxReferenceLength} characters, without control characters.");
        }
        var note = string.IsNullOrWhiteSpace(input.Proof.Note) ? null : input.Proof.Note.Trim();
        if (note is not null && (note.Length > CashProof.MaxNoteLength || note.Any(c => char.IsControl(c) && c is not '\n')))
        {
            return new InvalidPaymentInputError("proof.note", $"The note must have at most {CashProof.MaxNoteLength} characters, without control characters other than line breaks.");
        }
        byte[]? photo = null;
        string? contentType = null;
        if (input.Proof.Photo is { } encoded)
        {
            if (DecodePhoto(encoded) is not { } decoded)
            {
                return new InvalidPaymentInputError("proof.photo", $"The photo must be a JPEG, PNG or WebP image of at most {CashProof.MaxPhotoBytes / 1024} KiB, in base64.");
            }
            photo = decoded;
            contentType = CashPhotos.ContentTypeOf(photo);
            if (contentType is null)
            {
                return new InvalidPaymentInputError("proof.photo", "The photo is not a JPEG, PNG or WebP image.");
            }
            if (input.Proof.PhotoContentType is { } declared && !string.Equals(declared.Trim(), contentType, StringComparison.OrdinalIgnoreCase))
            {
                return new InvalidPaymentInputError("proof.photoContentType", $"The photo is {contentType}, not {declared.Trim()}.");
            }
        }
        else if (input.Proof.PhotoContentType is not null)
        {
            return new InvalidPaymentInputError("proof.photoContentType", "A photo's content type is given with the photo only.");
        }
        proof = new CheckedProof(reference, note, photo, contentType);
        return null;
    }

    /// <summary>The photo's bytes, or null when the text is not base64 or holds more than <see cref="CashProof.MaxPhotoBytes"/>.</summary>
    private static byte[]? DecodePhoto(string encoded)
    {
        var text = encoded.Trim();
        // Base64 holds 3 bytes per 4 characters: anything longer cannot fit, and is not decoded at all.
        if (text.Length == 0 || text.Length > (CashProof.MaxPhotoBytes + 2) / 3 * 4)
        {
            return null;
        }
        var buffer = new byte[text.Length / 4 * 3 + 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written) || written > CashProof.MaxPhotoBytes)
        {
            return null;
        }
        return buffer[..written];
    }

    /// <summary>Checks that the payer, the payee and the tontine exist, and that the tontine's payer or payee is its member.</summary>
    private static async Task<PaymentSubjectNotFoundError?> CheckPartiesAsync(GraphDbContext db, RecordCashPaymentInput input, CancellationToken cancellationToken)
    {
        foreach (var (field, userId) in new[] { ("payerId", input.PayerId), ("payeeId", input.PayeeId) })
        {
            if (userId is { } id && !await db.Users.AnyAsync(u => u.Id == id, cancellationToken))
            {
                return new PaymentSubjectNotFoundError(field, "There is no user with this ID.");
            }
        }
        if (input.TontineId is not { } tontineId)
        {
            return null;
        }
        if (!await db.Tontines.AnyAsync(t => t.Id == tontineId, cancellationToken))
        {
            return new PaymentSubjectNotFoundError("tontineId", "There is no tontine with this ID.");
        }
        var (memberField, memberId) = input.Purpose == PaymentPurpose.TontinePayout ? ("payeeId", input.PayeeId) : ("payerId", input.PayerId);
        if (memberId is { } member && !await db.TontineMembers.AnyAsync(m => m.TontineId == tontineId && m.UserId == member, cancellationToken))
        {
            return new PaymentSubjectNotFoundError(memberField, input.Purpose == PaymentPurpose.TontinePayout
                ? "The pot is paid to a member of the tontine; this user is not one."
                : "A contribution is paid by a member of the tontine; this user is not one.");
        }
        return null;
    }

    /// <summary>Whether the payment's stored proof is the one of this request (a replay), photo included.</summary>
    private async Task<bool> SameProofAsync(Guid paymentId, CheckedProof proof, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.CashProofs.AsNoTracking().SingleOrDefaultAsync(p => p.PaymentId == paymentId, cancellationToken);
        return stored is not null && stored.Reference == proof.Reference && stored.Note == proof.Note
               && stored.PhotoContentType == proof.PhotoContentType
               && (stored.Photo ?? []).AsSpan().SequenceEqual(proof.Photo ?? []);
    }

    private sealed record CheckedProof(string Reference, string? Note, byte[]? Photo, string? PhotoContentType);
}

/// <summary>Tells the kind of a receipt's photo by its first bytes, whatever the client declared.</summary>
public static class CashPhotos
{
    /// <summary>A JPEG's media type (its bytes start FF D8 FF).</summary>
    public const string Jpeg = "image/jpeg";

    /// <summary>A PNG's media type (its bytes start with the 8-byte PNG signature).</summary>
    public const string Png = "image/png";

    /// <summary>A WebP's media type (RIFF, a size, then WEBP).</summary>
    public const string WebP = "image/webp";

    /// <summary>image/jpeg, image/png or image/webp for an image of those kinds, else null.</summary>
    public static string? ContentTypeOf(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }
        // RIFF, the chunk's size (4 bytes), then WEBP.
        if (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return WebP;
        }
        return null;
    }
}
