using System.Security.Claims;
using Graph.Api.Payments;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;

namespace Graph.Api.Tontines;

/// <summary>Passages on Mutation: started and paid out by the treasurer or president, confirmed by their beneficiary.</summary>
[ExtendObjectType(OperationTypeNames.Mutation)]
public sealed class TontinePassageMutations
{
    /// <summary>Starts a SCHEDULED passage of an ACTIVE tontine (its treasurer or president): a ROTATION passage from its
    /// session's due date on, a SAVINGS passage once the last session is closed.</summary>
    [Authorize]
    public async Task<StartPassagePayload> StartPassageAsync(StartPassageInput input, ClaimsPrincipal user, TontineTreasury treasury, CancellationToken cancellationToken)
    {
        var result = await treasury.StartPassageAsync(input.PassageId, TontineActors.Of(user), cancellationToken);
        return new StartPassagePayload(result.Value, result.Error is null ? null : [(IStartPassageError)result.Error]);
    }

    /// <summary>
    /// Pays a STARTED passage out of the pot to its beneficiary (the tontine's treasurer or president): by mobile money, or
    /// in cash (then PENDING until another treasurer or the president validates it). Refused with INSUFFICIENT_FUNDS when
    /// the pot does not hold the amount, and nothing changes. The passage is PAID once the payout succeeds.
    /// </summary>
    [Authorize]
    public async Task<PayPassagePayload> PayPassageAsync(PayPassageInput input, ClaimsPrincipal user, TontineTreasury treasury, CancellationToken cancellationToken)
    {
        var result = await treasury.PayPassageAsync(input.PassageId, input.Method, input.WalletNumber, input.IdempotencyKey, input.Reference, TontineActors.Of(user), cancellationToken);
        return result.Error is { } error
            ? new PayPassagePayload(null, null, null, [(IPayPassageError)error])
            : new PayPassagePayload(result.Value!.Passage, result.Value.Payment, result.Value.CustomerAction, null);
    }

    /// <summary>The beneficiary confirms they received their PAID passage (CONFIRMED). The tontine completes once every
    /// session is closed and every passage confirmed.</summary>
    [Authorize]
    public async Task<ConfirmPassagePayload> ConfirmPassageAsync(ConfirmPassageInput input, ClaimsPrincipal user, TontineTreasury treasury, CancellationToken cancellationToken)
    {
        var result = await treasury.ConfirmPassageAsync(input.PassageId, TontineActors.Of(user), cancellationToken);
        return new ConfirmPassagePayload(result.Value, result.Error is null ? null : [(IConfirmPassageError)result.Error]);
    }
}

/// <summary>A passage to start.</summary>
public sealed class StartPassageInput
{
    /// <summary>The passage (the ID of a TontinePassage).</summary>
    [ID<TontinePassage>]
    public required Guid PassageId { get; init; }
}

/// <summary>A passage to pay out.</summary>
public sealed class PayPassageInput
{
    /// <summary>The passage (the ID of a TontinePassage).</summary>
    [ID<TontinePassage>]
    public required Guid PassageId { get; init; }

    /// <summary>How the beneficiary is paid: a mobile money provider, or CASH.</summary>
    public required PaymentMethod Method { get; init; }

    /// <summary>The beneficiary's mobile money number, with its country code; not for CASH.</summary>
    public string? WalletNumber { get; init; }

    /// <summary>For CASH: the reference of the receipt the beneficiary signs (1 to 100 characters); one is made from the
    /// passage when none is given.</summary>
    public string? Reference { get; init; }

    /// <summary>A key the client makes once per payout and sends again on every retry of it.</summary>
    public required string IdempotencyKey { get; init; }
}

/// <summary>A passage to confirm.</summary>
public sealed class ConfirmPassageInput
{
    /// <summary>The passage (the ID of a TontinePassage).</summary>
    [ID<TontinePassage>]
    public required Guid PassageId { get; init; }
}

/// <summary>What startPassage did: the passage, STARTED, or why nothing changed.</summary>
public sealed class StartPassagePayload(TontinePassage? passage, IReadOnlyList<IStartPassageError>? errors)
{
    /// <summary>The passage, or null when there are errors.</summary>
    public TontinePassage? Passage { get; } = passage;

    /// <summary>Why nothing changed, or null.</summary>
    public IReadOnlyList<IStartPassageError>? Errors { get; } = errors;
}

/// <summary>What payPassage did: the passage and its payout's payment, or why nothing was paid.</summary>
public sealed class PayPassagePayload(TontinePassage? passage, Payment? payment, string? customerAction, IReadOnlyList<IPayPassageError>? errors)
{
    /// <summary>The passage (PAID once the payout succeeds), or null when there are errors.</summary>
    public TontinePassage? Passage { get; } = passage;

    /// <summary>The payout's payment; null when there are errors, or when the passage had nothing to pay (PAID at once).</summary>
    public Payment? Payment { get; } = payment;

    /// <summary>What the provider asks, when it said.</summary>
    public string? CustomerAction { get; } = customerAction;

    /// <summary>Why nothing was paid, or null.</summary>
    public IReadOnlyList<IPayPassageError>? Errors { get; } = errors;
}

/// <summary>What confirmPassage did: the passage, CONFIRMED, or why nothing changed.</summary>
public sealed class ConfirmPassagePayload(TontinePassage? passage, IReadOnlyList<IConfirmPassageError>? errors)
{
    /// <summary>The passage, or null when there are errors.</summary>
    public TontinePassage? Passage { get; } = passage;

    /// <summary>Why nothing changed, or null.</summary>
    public IReadOnlyList<IConfirmPassageError>? Errors { get; } = errors;
}
