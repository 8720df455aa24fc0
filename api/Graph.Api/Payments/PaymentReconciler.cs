using Graph.Api.Data;
using Graph.Api.Hosting;
using Graph.Api.Payments.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Graph.Api.Payments;

/// <summary>What one reconciliation run did, payment by payment.</summary>
public sealed class PaymentReconciliationSummary
{
    /// <summary>When the run started.</summary>
    public DateTime StartedAt { get; init; }

    /// <summary>The open payments the run claimed and asked their provider about.</summary>
    public int LookedAt { get; init; }

    /// <summary>Payments the provider reported paid: now SUCCEEDED, with their ledger posting.</summary>
    public int Settled { get; init; }

    /// <summary>Payments the provider reported expired, or still reported pending past their expiry: now EXPIRED.</summary>
    public int Expired { get; init; }

    /// <summary>Payments the provider reported failed, or never heard of past their expiry: now FAILED.</summary>
    public int Failed { get; init; }

    /// <summary>Payments the provider reported cancelled: now CANCELLED.</summary>
    public int Cancelled { get; init; }

    /// <summary>Payments still waiting (for the customer, or for their expiry), left for a later run.</summary>
    public int StillPending { get; init; }

    /// <summary>Mismatches recorded: the provider contradicted the payment (another amount), or could not be reached past
    /// the payment's expiry (UNRESOLVED, recorded once per payment).</summary>
    public int Mismatches { get; init; }

    /// <summary>Payments whose provider could not be asked (unreachable, timed out, not configured); they are asked again
    /// at the next run.</summary>
    public int Errors { get; init; }

    /// <summary>Payments claimed that something else had settled meanwhile (a callback), left as they are.</summary>
    public int AlreadySettled { get; init; }
}

/// <summary>
/// The reconciliation job's work: asks the providers about the open payments (INITIATED or PENDING, not cash) that have
/// not moved for <c>PendingAfter</c> (some providers never call back, some callbacks are lost), and settles them through
/// <see cref="PaymentService.ApplyAsync(Guid, ProviderUpdate, TransitionOrigin, CancellationToken)"/>, so that a payment
/// reconciled while its callback arrives still moves once and posts once.
/// <list type="bullet">
/// <item>A run claims at most <c>BatchSize</c> payments, oldest change first, in one short statement: the rows are taken
/// with <c>FOR UPDATE SKIP LOCKED</c> and their <see cref="Payment.ReconcileAfter"/> set to the end of the claim
/// (<see cref="ClaimDuration"/>), then committed at once. Runs on other instances pass over claimed payments, so a payment
/// is asked by one run at a time; and since no row lock outlives the claim, the moves (which lock the row in their own
/// transaction) never wait for the run that asks. Each payment is given back once done, so the next run asks again about
/// one still open; a run that dies with its instance loses its claims when they run out.</item>
/// <item>The provider's answer is applied as it is, except: still pending past the payment's expiry makes it EXPIRED; no
/// such transaction (the initiation never reached the provider) makes it FAILED (PROVIDER_ERROR) once expired, and is left
/// alone before.</item>
/// <item>A provider that cannot be reached is asked again at the next run. Once the payment is past its expiry by
/// <c>PendingAfter</c> and the provider still cannot say, an UNRESOLVED mismatch is recorded (once per payment) for
/// FINANCE, and the payment stays open: the job never invents an outcome.</item>
/// </list>
/// </summary>
public sealed class PaymentReconciler(
    NpgsqlDataSource dataSource,
    IDbContextFactory<GraphDbContext> contexts,
    PaymentService payments,
    PaymentProviders providers,
    IOptions<GraphOptions> options,
    TimeProvider clock,
    ILogger<PaymentReconciler> logger)
{
    /// <summary>How long a run's claim on a payment lasts. A run stops taking up its claimed payments after half of it
    /// (gives them back), so that no claim runs out while its run still asks.</summary>
    public static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(10);

    /// <summary>How long the provider may take to answer one status request.</summary>
    public static readonly TimeSpan ProviderTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The provider's status recorded on an UNRESOLVED mismatch.</summary>
    public const string UnreachableStatus = "UNREACHABLE";

    private const string ClaimSql = """
        WITH due AS (
            SELECT id FROM payments
            WHERE status IN ('INITIATED', 'PENDING') AND method <> 'CASH' AND updated_at <= $1
              AND (reconcile_after IS NULL OR reconcile_after <= $2)
            ORDER BY updated_at, id
            LIMIT $3
            FOR UPDATE SKIP LOCKED)
        UPDATE payments p SET reconcile_after = $4
        FROM due WHERE p.id = due.id
        RETURNING p.id, p.updated_at
        """;

    // Only the run that holds the claim gives it back.
    private const string ReleaseSql = "UPDATE payments SET reconcile_after = NULL WHERE id = $1 AND reconcile_after = $2";

    private PaymentsOptions.ReconciliationOptions Settings => options.Value.Payments.Reconciliation;

    /// <summary>Claims the payments due, asks their providers, applies the answers and gives the payments back.</summary>
    public async Task<PaymentReconciliationSummary> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var settings = Settings;
        var startedAt = clock.GetUtcNow().UtcDateTime;
        // To the microsecond, as PostgreSQL keeps it: the claim is given back by comparing it.
        var claimedUntil = startedAt + ClaimDuration;
        claimedUntil = new DateTime(claimedUntil.Ticks - (claimedUntil.Ticks % 10), DateTimeKind.Utc);
        var claimed = await ClaimAsync(startedAt - settings.PendingAfter, startedAt, Math.Max(1, settings.BatchSize), claimedUntil, cancellationToken);

        var counts = new Dictionary<Result, int>();
        var index = 0;
        try
        {
            for (; index < claimed.Count; index++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (clock.GetUtcNow().UtcDateTime >= startedAt + (ClaimDuration / 2))
                {
                    logger.LogWarning("The reconciliation run of {StartedAt:O} ran out of time; {Left} payment(s) are left for the next run.", startedAt, claimed.Count - index);
                    break;
                }
                var result = await ReconcileAsync(claimed[index], cancellationToken);
                counts[result] = counts.GetValueOrDefault(result) + 1;
                await ReleaseAsync(claimed[index], claimedUntil);
            }
        }
        finally
        {
            // The payments not reached (time ran out, the host stops) are given back at once rather than when the claim runs out.
            for (; index < claimed.Count; index++)
            {
                await ReleaseAsync(claimed[index], claimedUntil);
            }
        }

        // An unreachable provider past the payment's expiry counts as an error and as the mismatch it recorded.
        return new PaymentReconciliationSummary
        {
            StartedAt = startedAt,
            LookedAt = counts.Values.Sum(),
            Settled = counts.GetValueOrDefault(Result.Settled),
            Expired = counts.GetValueOrDefault(Result.Expired),
            Failed = counts.GetValueOrDefault(Result.Failed),
            Cancelled = counts.GetValueOrDefault(Result.Cancelled),
            StillPending = counts.GetValueOrDefault(Result.StillPending),
            Mismatches = counts.GetValueOrDefault(Result.Mismatch) + counts.GetValueOrDefault(Result.ErrorWithMismatch),
            Errors = counts.GetValueOrDefault(Result.Error) + counts.GetValueOrDefault(Result.ErrorWithMismatch),
            AlreadySettled = counts.GetValueOrDefault(Result.AlreadySettled),
        };
    }

    /// <summary>Asks the provider about one claimed payment and applies the answer.</summary>
    private async Task<Result> ReconcileAsync(Guid paymentId, CancellationToken cancellationToken)
    {
        try
        {
            if (await payments.FindAsync(paymentId, cancellationToken) is not { } payment || !PaymentStateMachine.IsOpen(payment.Status))
            {
                return Result.AlreadySettled;
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var method = Data.EnumNames<PaymentMethod>.ToName(payment.Method);
            if (providers.Find(payment.Method) is not { } provider)
            {
                logger.LogWarning("Payment {PaymentId} is open, but {Method} has no provider configured any more; it cannot be reconciled.", payment.Id, method);
                return await UnreachableAsync(payment, $"{method} has no provider configured.", now, cancellationToken);
            }

            ProviderUpdate answer;
            using (var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                call.CancelAfter(ProviderTimeout);
                try
                {
                    answer = await provider.CheckStatusAsync(PaymentService.ProviderRequestOf(payment), payment.ProviderReference, call.Token);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested
                                           && ex is HttpRequestException or TimeoutException or OperationCanceledException or IOException)
                {
                    logger.LogWarning(ex, "{Method} did not answer about payment {PaymentId}; the next run asks again.", method, payment.Id);
                    return await UnreachableAsync(payment, $"{method} could not be reached: {ex.Message}", now, cancellationToken);
                }
            }

            var update = Decide(payment, answer, now);
            if (update is null)
            {
                return Result.StillPending;
            }
            var origin = new TransitionOrigin(PaymentEventSource.Reconciliation, Note: update.Message);
            var outcome = await payments.ApplyAsync(payment.Id, update, origin, cancellationToken);
            return outcome switch
            {
                TransitionOutcome.Applied => PaymentService.StatusOf(update.State) switch
                {
                    PaymentStatus.Succeeded => Result.Settled,
                    PaymentStatus.Failed => Result.Failed,
                    PaymentStatus.Expired => Result.Expired,
                    PaymentStatus.Cancelled => Result.Cancelled,
                    _ => Result.StillPending,
                },
                TransitionOutcome.Conflict => Result.Mismatch,
                TransitionOutcome.NotFound => Result.AlreadySettled,
                _ => Result.StillPending,
            };
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // One payment that cannot be reconciled (a provider answering nonsense, a bug) does not stop the others.
            logger.LogError(ex, "Payment {PaymentId} could not be reconciled; the next run tries again.", paymentId);
            return Result.Error;
        }
    }

    /// <summary>
    /// What to apply for the provider's <paramref name="answer"/>, or null to leave the payment as it is: pending past the
    /// expiry becomes EXPIRED; unknown becomes FAILED past the expiry and is left alone before it.
    /// </summary>
    public static ProviderUpdate? Decide(Payment payment, ProviderUpdate answer, DateTime now)
    {
        var expired = now >= payment.ExpiresAt;
        return answer.State switch
        {
            ProviderState.Pending when expired => new ProviderUpdate(ProviderState.Expired, answer.ProviderReference,
                Message: "The provider still reported the payment pending at its expiry."),
            // A pending answer may still move an INITIATED payment to PENDING (its reference with it).
            ProviderState.Pending => payment.Status == PaymentStatus.Initiated ? answer : null,
            ProviderState.Unknown when expired => new ProviderUpdate(ProviderState.Failed, answer.ProviderReference, PaymentFailureReason.ProviderError,
                "The provider has no transaction for this payment: its initiation never reached it."),
            ProviderState.Unknown => null,
            _ => answer,
        };
    }

    /// <summary>The provider could not be asked: an error, and past the expiry by <c>PendingAfter</c>, an UNRESOLVED
    /// mismatch (once per payment).</summary>
    private async Task<Result> UnreachableAsync(Payment payment, string detail, DateTime now, CancellationToken cancellationToken)
    {
        if (now < payment.ExpiresAt + Settings.PendingAfter)
        {
            return Result.Error;
        }
        return await RecordUnresolvedAsync(payment.Id, detail, now, cancellationToken) ? Result.ErrorWithMismatch : Result.Error;
    }

    /// <summary>Records an UNRESOLVED mismatch for the payment, under its row lock, unless it has one or is no longer open.</summary>
    private async Task<bool> RecordUnresolvedAsync(Guid paymentId, string detail, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await PaymentService.LockAsync(db, paymentId, cancellationToken) is not { } payment || !PaymentStateMachine.IsOpen(payment.Status)
            || await db.PaymentMismatches.AnyAsync(m => m.PaymentId == paymentId && m.Kind == MismatchKind.Unresolved, cancellationToken))
        {
            return false;
        }
        db.PaymentMismatches.Add(new PaymentMismatch
        {
            Id = Guid.CreateVersion7(now),
            Kind = MismatchKind.Unresolved,
            PaymentId = payment.Id,
            Provider = payment.Method,
            ProviderReference = payment.ProviderReference,
            OurStatus = payment.Status,
            ProviderStatus = UnreachableStatus,
            Detail = Cut($"The payment expired at {payment.ExpiresAt:O} and its provider still cannot say what became of it. {detail}", PaymentMismatch.MaxDetailLength),
            DetectedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogWarning("Payment {PaymentId} is past its expiry and its provider cannot be reached: an UNRESOLVED mismatch is recorded.", paymentId);
        return true;
    }

    private async Task<List<Guid>> ClaimAsync(DateTime changedBefore, DateTime now, int batchSize, DateTime claimedUntil, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ClaimSql);
        command.Parameters.Add(new NpgsqlParameter { Value = changedBefore });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = batchSize });
        command.Parameters.Add(new NpgsqlParameter { Value = claimedUntil });
        var claimed = new List<(Guid Id, DateTime UpdatedAt)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add((reader.GetGuid(0), reader.GetDateTime(1)));
            }
        }
        // RETURNING keeps no order: oldest change first.
        return [.. claimed.OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id).Select(c => c.Id)];
    }

    /// <summary>Gives the payment back, even when the host is stopping (else it waits for the claim to run out).</summary>
    private async Task ReleaseAsync(Guid paymentId, DateTime claimedUntil)
    {
        try
        {
            await using var command = dataSource.CreateCommand(ReleaseSql);
            command.Parameters.Add(new NpgsqlParameter { Value = paymentId });
            command.Parameters.Add(new NpgsqlParameter { Value = claimedUntil });
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException ex)
        {
            logger.LogWarning(ex, "The reconciliation claim on payment {PaymentId} could not be given back; it runs out at {ClaimedUntil:O}.", paymentId, claimedUntil);
        }
    }

    /// <summary>What is wrong with "Graph:Payments:Reconciliation" (the server refuses to start).</summary>
    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        const string key = "Graph__Payments__Reconciliation__";
        var section = configuration.GetSection($"{GraphOptions.Section}:Payments:Reconciliation");
        if (section["Enabled"] is { Length: > 0 } enabled && !bool.TryParse(enabled, out _))
        {
            yield return $"{key}Enabled must be true or false.";
        }
        foreach (var (name, min, max, example) in new[] { ("Interval", MinInterval, MaxInterval, "00:01:00"), ("PendingAfter", MinPendingAfter, MaxPendingAfter, "00:02:00") })
        {
            var text = section[name];
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            if (!TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                yield return $"{key}{name} is not a duration: write it as [days.]hours:minutes:seconds, e.g. {example}.";
            }
            else if (value < min || value > max)
            {
                yield return $"{key}{name} must be between {Format(min)} and {Format(max)}.";
            }
        }
        if (section["BatchSize"] is { Length: > 0 } batch
            && !(int.TryParse(batch, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= MaxBatchSize))
        {
            yield return $"{key}BatchSize must be a whole number from 1 to {MaxBatchSize}.";
        }
    }

    /// <summary>The shortest interval between runs.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    /// <summary>The longest interval between runs.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromHours(1);

    /// <summary>The shortest wait for a callback before the provider is asked.</summary>
    public static readonly TimeSpan MinPendingAfter = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait for a callback before the provider is asked.</summary>
    public static readonly TimeSpan MaxPendingAfter = TimeSpan.FromDays(1);

    /// <summary>The most payments one run claims.</summary>
    public const int MaxBatchSize = 1000;

    private static string Format(TimeSpan value) => value.ToString("c", System.Globalization.CultureInfo.InvariantCulture);

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private enum Result
    {
        Settled,
        Expired,
        Failed,
        Cancelled,
        StillPending,
        Mismatch,
        Error,
        ErrorWithMismatch,
        AlreadySettled,
    }
}
