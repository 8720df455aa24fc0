using System.Collections.Frozen;

namespace Graph.Api.Payments;

/// <summary>
/// The moves a payment's status may make. Anything else is refused:
/// <code>
/// INITIATED -> PENDING | FAILED | CANCELLED
/// PENDING   -> SUCCEEDED | FAILED | EXPIRED | CANCELLED
/// SUCCEEDED -> REFUNDED
/// </code>
/// FAILED, EXPIRED, CANCELLED and REFUNDED are final. A provider that answers SUCCEEDED at once still passes through
/// PENDING (both moves are kept in the history), so that every success was first awaited.
/// </summary>
public static class PaymentStateMachine
{
    private static readonly FrozenDictionary<PaymentStatus, FrozenSet<PaymentStatus>> Moves = new Dictionary<PaymentStatus, FrozenSet<PaymentStatus>>
    {
        [PaymentStatus.Initiated] = FrozenSet.ToFrozenSet([PaymentStatus.Pending, PaymentStatus.Failed, PaymentStatus.Cancelled]),
        [PaymentStatus.Pending] = FrozenSet.ToFrozenSet([PaymentStatus.Succeeded, PaymentStatus.Failed, PaymentStatus.Expired, PaymentStatus.Cancelled]),
        [PaymentStatus.Succeeded] = FrozenSet.ToFrozenSet([PaymentStatus.Refunded]),
        [PaymentStatus.Failed] = FrozenSet<PaymentStatus>.Empty,
        [PaymentStatus.Expired] = FrozenSet<PaymentStatus>.Empty,
        [PaymentStatus.Cancelled] = FrozenSet<PaymentStatus>.Empty,
        [PaymentStatus.Refunded] = FrozenSet<PaymentStatus>.Empty,
    }.ToFrozenDictionary();

    /// <summary>Whether a payment in <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    public static bool CanMove(PaymentStatus from, PaymentStatus to) => Moves[from].Contains(to);

    /// <summary>The statuses a payment in <paramref name="from"/> may move to.</summary>
    public static IReadOnlySet<PaymentStatus> NextOf(PaymentStatus from) => Moves[from];

    /// <summary>Whether nothing can follow <paramref name="status"/> (SUCCEEDED is not final: it may be refunded).</summary>
    public static bool IsFinal(PaymentStatus status) => Moves[status].Count == 0;

    /// <summary>Whether the payment still waits for an outcome (INITIATED or PENDING).</summary>
    public static bool IsOpen(PaymentStatus status) => status is PaymentStatus.Initiated or PaymentStatus.Pending;

    /// <summary>
    /// The moves that take a payment from <paramref name="from"/> to <paramref name="to"/>: one move, or two when an open
    /// payment reaches an outcome reached through PENDING (INITIATED -> PENDING -> SUCCEEDED); empty when it cannot.
    /// </summary>
    public static IReadOnlyList<PaymentStatus> PathTo(PaymentStatus from, PaymentStatus to)
    {
        if (CanMove(from, to))
        {
            return [to];
        }
        if (from == PaymentStatus.Initiated && CanMove(PaymentStatus.Pending, to))
        {
            return [PaymentStatus.Pending, to];
        }
        return [];
    }

    /// <summary>Whether a payment in <paramref name="current"/> has already gone past <paramref name="reported"/>: news of
    /// an earlier step arriving late (a PENDING callback after the SUCCEEDED one), which changes nothing.</summary>
    public static bool IsBehind(PaymentStatus current, PaymentStatus reported) =>
        Rank(reported) < Rank(current);

    private static int Rank(PaymentStatus status) => status switch
    {
        PaymentStatus.Initiated => 0,
        PaymentStatus.Pending => 1,
        PaymentStatus.Succeeded or PaymentStatus.Failed or PaymentStatus.Expired or PaymentStatus.Cancelled => 2,
        PaymentStatus.Refunded => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown status."),
    };
}
