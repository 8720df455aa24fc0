using System.Security.Claims;
using Graph.Api.Identity;
using Graph.Api.Payments;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;

namespace Graph.Api.Tontines;

/// <summary>Contributions on Mutation: paid by the member by mobile money, recorded in cash by the treasurer, and their
/// fines waived by the president.</summary>
[ExtendObjectType(OperationTypeNames.Mutation)]
public sealed class TontineContributionMutations
{
    /// <summary>
    /// Pays the caller's own contribution to an open (or closed) session of an ACTIVE tontine by mobile money: what remains
    /// of it plus the fine accrued today, unless waived. The provider asks the member to confirm (see customerAction); the
    /// contribution is PAID once the payment succeeds. One payment at a time per contribution; retrying with the same
    /// idempotency key returns the same payment.
    /// </summary>
    [Authorize]
    public async Task<PayContributionPayload> PayContributionAsync(PayContributionInput input, ClaimsPrincipal user, TontineTreasury treasury, CancellationToken cancellationToken)
    {
        var result = await treasury.PayContributionAsync(input.SessionId, input.Method, input.WalletNumber, input.IdempotencyKey, TontineActors.Of(user), cancellationToken);
        return result.Error is { } error
            ? new PayContributionPayload(null, null, null, [(IPayContributionError)error])
            : new PayContributionPayload(result.Value!.Payment, result.Value.Contribution, result.Value.CustomerAction, null);
    }

    /// <summary>
    /// Records a member's contribution handed over in cash (the tontine's treasurer or president), with the receipt's
    /// reference: a CASH payment of what remains plus the fine, PENDING until another treasurer or the president validates
    /// it with validateCashPayment (never the one who recorded it).
    /// </summary>
    [Authorize]
    public async Task<RecordCashContributionPayload> RecordCashContributionAsync(RecordCashContributionInput input, ClaimsPrincipal user, TontineTreasury treasury, CancellationToken cancellationToken)
    {
        var result = await treasury.RecordCashContributionAsync(input.SessionId, input.MemberId, input.Reference, input.Note, input.IdempotencyKey, TontineActors.Of(user), cancellationToken);
        return result.Error is { } error
            ? new RecordCashContributionPayload(null, null, [(IRecordCashContributionError)error])
            : new RecordCashContributionPayload(result.Value!.Payment, result.Value.Contribution, null);
    }

    /// <summary>Waives the fine of a member's unpaid contribution (the tontine's president), with a reason of 3 to 500
    /// characters; recorded in the audit log. A fine already paid is not waived.</summary>
    [Authorize]
    public async Task<WaiveContributionPenaltyPayload> WaiveContributionPenaltyAsync(WaiveContributionPenaltyInput input, ClaimsPrincipal user, TontineTreasury treasury, CancellationToken cancellationToken)
    {
        var result = await treasury.WaivePenaltyAsync(input.SessionId, input.MemberId, input.Reason, TontineActors.Of(user), cancellationToken);
        return new WaiveContributionPenaltyPayload(result.Value, result.Error is null ? null : [(IWaiveContributionPenaltyError)result.Error]);
    }
}

/// <summary>The caller's contribution to pay by mobile money.</summary>
public sealed class PayContributionInput
{
    /// <summary>The session (the ID of a TontineSession).</summary>
    [ID<TontineSession>]
    public required Guid SessionId { get; init; }

    /// <summary>The mobile money provider (cash is handed to the treasurer: recordCashContribution).</summary>
    public required PaymentMethod Method { get; init; }

    /// <summary>The mobile money number that pays, with its country code.</summary>
    public required string WalletNumber { get; init; }

    /// <summary>A key the client makes once per payment and sends again on every retry of it.</summary>
    public required string IdempotencyKey { get; init; }
}

/// <summary>A member's contribution handed over in cash, to record.</summary>
public sealed class RecordCashContributionInput
{
    /// <summary>The session (the ID of a TontineSession).</summary>
    [ID<TontineSession>]
    public required Guid SessionId { get; init; }

    /// <summary>The member who paid (the ID of a User).</summary>
    [ID<User>]
    public required Guid MemberId { get; init; }

    /// <summary>The receipt's number, or the reference written on it (1 to 100 characters).</summary>
    public required string Reference { get; init; }

    /// <summary>What the treasurer adds (at most 1000 characters).</summary>
    public string? Note { get; init; }

    /// <summary>The caller's key for this recording: sending it again (a lost answer) returns the same payment.</summary>
    public required string IdempotencyKey { get; init; }
}

/// <summary>The fine of a member's contribution to waive, and why.</summary>
public sealed class WaiveContributionPenaltyInput
{
    /// <summary>The session (the ID of a TontineSession).</summary>
    [ID<TontineSession>]
    public required Guid SessionId { get; init; }

    /// <summary>The member (the ID of a User).</summary>
    [ID<User>]
    public required Guid MemberId { get; init; }

    /// <summary>Why the fine is waived (3 to 500 characters).</summary>
    public required string Reason { get; init; }
}

/// <summary>What payContribution did: the payment (usually PENDING until the member confirms) and the contribution, or why
/// nothing was paid.</summary>
public sealed class PayContributionPayload(Payment? payment, TontineContribution? contribution, string? customerAction, IReadOnlyList<IPayContributionError>? errors)
{
    /// <summary>The payment, or null when there are errors.</summary>
    public Payment? Payment { get; } = payment;

    /// <summary>The contribution as it stands (PAID once the payment succeeds), or null when there are errors.</summary>
    public TontineContribution? Contribution { get; } = contribution;

    /// <summary>What the member must do now (dial a code, open a link), when the provider said.</summary>
    public string? CustomerAction { get; } = customerAction;

    /// <summary>Why nothing was paid, or null.</summary>
    public IReadOnlyList<IPayContributionError>? Errors { get; } = errors;
}

/// <summary>What recordCashContribution did: the cash payment, PENDING until its checker validates it, and the contribution,
/// or why nothing was recorded.</summary>
public sealed class RecordCashContributionPayload(Payment? payment, TontineContribution? contribution, IReadOnlyList<IRecordCashContributionError>? errors)
{
    /// <summary>The cash payment, or null when there are errors.</summary>
    public Payment? Payment { get; } = payment;

    /// <summary>The contribution as it stands, or null when there are errors.</summary>
    public TontineContribution? Contribution { get; } = contribution;

    /// <summary>Why nothing was recorded, or null.</summary>
    public IReadOnlyList<IRecordCashContributionError>? Errors { get; } = errors;
}

/// <summary>What waiveContributionPenalty did: the contribution, its fine waived, or why nothing changed.</summary>
public sealed class WaiveContributionPenaltyPayload(TontineContribution? contribution, IReadOnlyList<IWaiveContributionPenaltyError>? errors)
{
    /// <summary>The contribution, or null when there are errors.</summary>
    public TontineContribution? Contribution { get; } = contribution;

    /// <summary>Why nothing changed, or null.</summary>
    public IReadOnlyList<IWaiveContributionPenaltyError>? Errors { get; } = errors;
}
