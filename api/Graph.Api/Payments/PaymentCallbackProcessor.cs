using System.Text;
using Graph.Api.Data;
using Graph.Api.Payments.Providers;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Payments;

/// <summary>The answer to a provider's callback: the HTTP status, and either the outcome (2xx) or an error code and message.</summary>
/// <param name="StatusCode">200, or the refusal's status.</param>
/// <param name="Outcome">What the callback did, for a 200.</param>
/// <param name="Code">The error's code, for a refusal.</param>
/// <param name="Message">The error's words, for a refusal.</param>
public sealed record CallbackAnswer(int StatusCode, CallbackOutcome? Outcome, string? Code = null, string? Message = null)
{
    /// <summary>The signature does not match the body with any current secret (401).</summary>
    public const string BadSignature = "BAD_SIGNATURE";

    /// <summary>The signature's timestamp is outside the tolerance (401).</summary>
    public const string StaleTimestamp = "STALE_TIMESTAMP";

    /// <summary>Signed, but not a callback this provider sends (400).</summary>
    public const string MalformedCallback = "MALFORMED_CALLBACK";

    /// <summary>No such provider, or the provider is not offered here (404).</summary>
    public const string UnknownProvider = "UNKNOWN_PROVIDER";

    /// <summary>No payment of this provider has the callback's ID or reference (404).</summary>
    public const string PaymentNotFound = "PAYMENT_NOT_FOUND";

    /// <summary>The body is larger than <see cref="PaymentCallback.MaxBodyBytes"/> (413).</summary>
    public const string CallbackTooLarge = "CALLBACK_TOO_LARGE";

    /// <summary>The callback could not be processed now (the database away); the provider should send it again (503).</summary>
    public const string CallbackUnavailable = "CALLBACK_UNAVAILABLE";

    public static CallbackAnswer Received(CallbackOutcome outcome) => new(StatusCodes.Status200OK, outcome);

    public static CallbackAnswer Refused(int statusCode, string code, string message) => new(statusCode, null, code, message);
}

/// <summary>
/// Processes a provider's callback (<see cref="PaymentCallbackEndpoint"/>): verifies its signature on the raw body, finds the
/// payment, applies the news through <see cref="PaymentService.ApplyLockedAsync"/> and stores the callback with what it did,
/// in one transaction under the payment's row lock.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A bad signature or a stale timestamp (401) and a malformed body (400) are logged and write nothing: storing them
/// would let anyone fill the tables.</item>
/// <item>A callback naming no payment of this provider (404) is stored (UNKNOWN_PAYMENT) with a mismatch for FINANCE, one
/// open mismatch per provider and reference however often the provider retries.</item>
/// <item>A callback whose event ID is already stored as APPLIED or DUPLICATE for the payment is the same event again: it
/// is acknowledged (DUPLICATE) and neither applied nor stored again, so a callback retried a hundred times at once is
/// processed once. Callbacks without an event ID are applied each time, which moves a payment at most once.</item>
/// <item>Duplicates, late news and contradictions are acknowledged with 200 (providers retry anything else); a
/// contradiction leaves a mismatch (<see cref="PaymentService"/>).</item>
/// <item>Anything unexpected (the database away) is logged and answered 503, so the provider sends it again.</item>
/// </list>
/// </remarks>
public sealed class PaymentCallbackProcessor(
    PaymentProviders providers,
    PaymentService payments,
    IDbContextFactory<GraphDbContext> contexts,
    TimeProvider clock,
    ILogger<PaymentCallbackProcessor> logger)
{
    /// <summary>
    /// Callbacks naming the same transaction take turns on this instance before they take a database connection, so that a
    /// provider retrying a callback a hundred times at once holds one connection, not a hundred waiting on the payment's row
    /// lock (which still orders callbacks across instances). Transactions are spread over the turns by hash.
    /// </summary>
    private readonly SemaphoreSlim[] _turns = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>The longest event ID stored, in characters.</summary>
    public const int MaxEventIdLength = 200;

    /// <summary>The longest reported status stored, in characters.</summary>
    public const int MaxReportedStatusLength = 50;

    /// <summary>Processes the callback <paramref name="body"/> with its <paramref name="headers"/> (names compared without
    /// regard to case) sent to the provider named by <paramref name="providerSlug"/>. Never throws but for cancellation.</summary>
    public async Task<CallbackAnswer> ProcessAsync(string providerSlug, IReadOnlyDictionary<string, string> headers, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (PaymentProviders.FromSlug(providerSlug) is not { } method || providers.Find(method) is not { } provider)
        {
            logger.LogWarning("A callback was sent to the unknown or unconfigured provider '{Provider}'.", Printable(providerSlug));
            return CallbackAnswer.Refused(StatusCodes.Status404NotFound, CallbackAnswer.UnknownProvider, "No such provider is configured here.");
        }
        var name = EnumNames<PaymentMethod>.ToName(method);
        try
        {
            var receivedAt = clock.GetUtcNow();
            var verification = provider.VerifyCallback(new ProviderCallbackRequest(headers, body, receivedAt));
            if (verification.Callback is not { } callback)
            {
                return Refuse(name, verification.Rejection ?? CallbackRejection.Malformed, verification.Error ?? "The callback was refused.");
            }
            if (callback.EventId is { Length: > MaxEventIdLength } || callback.ProviderReference is { Length: > Payment.MaxProviderReferenceLength })
            {
                return Refuse(name, CallbackRejection.Malformed, "The event ID or the reference is longer than any the platform keeps.");
            }
            var stored = Stored(body.Span);
            var turn = _turns[(int)((uint)HashCode.Combine(method, callback.PaymentId, callback.ProviderReference) % (uint)_turns.Length)];
            await turn.WaitAsync(cancellationToken);
            try
            {
                var paymentId = await FindAsync(method, callback, cancellationToken);
                return paymentId is { } id
                    ? await ApplyAsync(method, id, callback, stored, receivedAt.UtcDateTime, cancellationToken)
                    : await RecordUnknownAsync(method, callback, stored, receivedAt.UtcDateTime, cancellationToken);
            }
            finally
            {
                turn.Release();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "A {Provider} callback could not be processed; the provider will send it again.", name);
            return CallbackAnswer.Refused(StatusCodes.Status503ServiceUnavailable, CallbackAnswer.CallbackUnavailable,
                "The callback could not be processed now; send it again later.");
        }
    }

    private CallbackAnswer Refuse(string provider, CallbackRejection rejection, string error)
    {
        logger.LogWarning("A {Provider} callback was refused ({Rejection}): {Error}", provider, EnumNames<CallbackRejection>.ToName(rejection), error);
        return rejection switch
        {
            CallbackRejection.BadSignature => CallbackAnswer.Refused(StatusCodes.Status401Unauthorized, CallbackAnswer.BadSignature,
                "The callback's signature is missing or does not match its body."),
            CallbackRejection.StaleTimestamp => CallbackAnswer.Refused(StatusCodes.Status401Unauthorized, CallbackAnswer.StaleTimestamp,
                "The callback's signature was made too long ago (or too far ahead)."),
            _ => CallbackAnswer.Refused(StatusCodes.Status400BadRequest, CallbackAnswer.MalformedCallback, error),
        };
    }

    /// <summary>The payment of <paramref name="method"/> the callback names: by our ID, else by the provider's reference.</summary>
    private async Task<Guid?> FindAsync(PaymentMethod method, ProviderCallback callback, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (callback.PaymentId is { } id
            && await db.Payments.AnyAsync(p => p.Id == id && p.Method == method, cancellationToken))
        {
            return id;
        }
        if (callback.ProviderReference is { Length: > 0 } reference)
        {
            var byReference = await db.Payments.Where(p => p.Method == method && p.ProviderReference == reference)
                .Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken);
            if (byReference is not null)
            {
                return byReference;
            }
        }
        return null;
    }

    private async Task<CallbackAnswer> ApplyAsync(PaymentMethod method, Guid paymentId, ProviderCallback callback, string body, DateTime receivedAt, CancellationToken cancellationToken)
    {
        var name = EnumNames<PaymentMethod>.ToName(method);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var payment = await PaymentService.LockAsync(db, paymentId, cancellationToken)
            ?? throw new InvalidOperationException($"Payment {paymentId} was found, then was gone.");
        if (callback.EventId is { } eventId && await db.PaymentCallbacks.AnyAsync(c => c.PaymentId == paymentId && c.EventId == eventId
                && (c.Outcome == CallbackOutcome.Applied || c.Outcome == CallbackOutcome.Duplicate), cancellationToken))
        {
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("The {Provider} callback {EventId} of payment {PaymentId} was already processed.", name, eventId, paymentId);
            return CallbackAnswer.Received(CallbackOutcome.Duplicate);
        }

        var transition = await payments.ApplyLockedAsync(db, payment, callback.Update,
            new TransitionOrigin(PaymentEventSource.Callback, EventId: callback.EventId), cancellationToken);
        var outcome = transition switch
        {
            TransitionOutcome.Applied => CallbackOutcome.Applied,
            TransitionOutcome.OutOfOrder => CallbackOutcome.OutOfOrder,
            TransitionOutcome.Conflict => CallbackOutcome.Conflict,
            _ => CallbackOutcome.Duplicate,
        };
        db.PaymentCallbacks.Add(Row(method, callback, paymentId, outcome, body, receivedAt));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        if (outcome == CallbackOutcome.Conflict)
        {
            logger.LogWarning("A {Provider} callback contradicts payment {PaymentId} ({Status}); a mismatch was recorded.", name, paymentId, callback.ReportedStatus);
        }
        else
        {
            logger.LogInformation("A {Provider} callback of payment {PaymentId} ({Status}): {Outcome}.", name, paymentId, callback.ReportedStatus,
                EnumNames<CallbackOutcome>.ToName(outcome));
        }
        return CallbackAnswer.Received(outcome);
    }

    /// <summary>Stores a callback that names no payment, and its mismatch (one open per provider and reference), in one transaction.</summary>
    private async Task<CallbackAnswer> RecordUnknownAsync(PaymentMethod method, ProviderCallback callback, string body, DateTime receivedAt, CancellationToken cancellationToken)
    {
        var name = EnumNames<PaymentMethod>.ToName(method);
        var detail = $"A {name} callback names a transaction no {name} payment has (payment ID {callback.PaymentId?.ToString() ?? "none"}, "
                     + $"reference {callback.ProviderReference ?? "none"}).";
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Retries of one unknown callback, even at once, leave one open mismatch: they take turns on this key.
        var key = $"payment-callback-unknown:{name}:{detail}";
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", cancellationToken);
        db.PaymentCallbacks.Add(Row(method, callback, null, CallbackOutcome.UnknownPayment, body, receivedAt));
        var open = await db.PaymentMismatches.AnyAsync(m => m.Kind == MismatchKind.UnknownPayment && m.Provider == method
            && m.Detail == detail && m.ResolvedAt == null, cancellationToken);
        if (!open)
        {
            db.PaymentMismatches.Add(new PaymentMismatch
            {
                Id = Guid.CreateVersion7(receivedAt),
                Kind = MismatchKind.UnknownPayment,
                PaymentId = null,
                Provider = method,
                ProviderReference = callback.ProviderReference,
                OurStatus = null,
                ProviderStatus = Cut(callback.ReportedStatus, MaxReportedStatusLength),
                Detail = Cut(detail, PaymentMismatch.MaxDetailLength),
                DetectedAt = receivedAt,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogWarning("A {Provider} callback names no payment (payment ID {PaymentId}, reference {Reference}, {Status}); it was recorded as a mismatch.",
            name, callback.PaymentId, callback.ProviderReference, callback.ReportedStatus);
        return CallbackAnswer.Refused(StatusCodes.Status404NotFound, CallbackAnswer.PaymentNotFound, "No payment of this provider has this ID or reference.");
    }

    private static PaymentCallback Row(PaymentMethod method, ProviderCallback callback, Guid? paymentId, CallbackOutcome outcome, string body, DateTime receivedAt) => new()
    {
        Provider = method,
        EventId = callback.EventId,
        PaymentId = paymentId,
        ProviderReference = callback.ProviderReference,
        ReportedStatus = Cut(callback.ReportedStatus, MaxReportedStatusLength),
        Outcome = outcome,
        Body = body,
        ReceivedAt = receivedAt,
    };

    /// <summary>The body as stored: UTF-8 text (bytes that are not become U+FFFD), without the NUL characters PostgreSQL
    /// text cannot hold.</summary>
    private static string Stored(ReadOnlySpan<byte> body) => Encoding.UTF8.GetString(body).Replace('\0', '\uFFFD');

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    /// <summary>A slug as it may be logged: short, without control characters.</summary>
    private static string Printable(string slug)
    {
        var cut = slug.Length > 40 ? slug[..40] : slug;
        return new string([.. cut.Select(c => char.IsControl(c) ? '?' : c)]);
    }
}
