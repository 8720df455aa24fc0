using Graph.Api.Catalog;
using Graph.Api.Common;
using Graph.Api.Identity;
using Graph.Api.Tontines;
using Graph.GraphQL.Types;

namespace Graph.Api.Payments;

/// <summary>A mobile money payment to start. Who pays, who is paid and what the ledger credits follow from the purpose.</summary>
public sealed class InitiatePaymentInput
{
    /// <summary>What the payment is for. REFUND is not initiated: see refundPayment.</summary>
    public required PaymentPurpose Purpose { get; init; }

    /// <summary>The mobile money provider (cash is recorded with recordCashPayment).</summary>
    public required PaymentMethod Method { get; init; }

    /// <summary>How much: for a book, its price (or, paid in another currency, the price converted at today's rate,
    /// rounded up to the currency's unit).</summary>
    public required MoneyInput Amount { get; init; }

    /// <summary>The mobile money number that pays (or, for a payout, receives), with its country code.</summary>
    public required string WalletNumber { get; init; }

    /// <summary>The book bought (BOOK_PURCHASE).</summary>
    [ID<Book>]
    public Guid? BookId { get; init; }

    /// <summary>The tontine (TONTINE_CONTRIBUTION, TONTINE_PAYOUT).</summary>
    [ID<Tontine>]
    public Guid? TontineId { get; init; }

    /// <summary>Who receives the money (TONTINE_PAYOUT, PLANTER_PAYMENT).</summary>
    [ID<User>]
    public Guid? PayeeId { get; init; }

    /// <summary>What the payer sees; a description is made from the purpose when none is given.</summary>
    public string? Description { get; init; }

    /// <summary>A key the client makes once per payment (a UUID) and sends again on every retry of it: a retry returns the
    /// same payment instead of charging twice.</summary>
    public required string IdempotencyKey { get; init; }
}

/// <summary>A succeeded payment to give back.</summary>
public sealed class RefundPaymentInput
{
    [ID<Payment>]
    public required Guid PaymentId { get; init; }

    /// <summary>Why it is given back (kept in the history).</summary>
    public required string Reason { get; init; }

    /// <summary>As for initiatePayment: the same key returns the same refund.</summary>
    public required string IdempotencyKey { get; init; }
}

/// <summary>A payment still waiting for the customer, to abandon.</summary>
public sealed class CancelPaymentInput
{
    [ID<Payment>]
    public required Guid PaymentId { get; init; }
}

/// <summary>A dated exchange rate to record.</summary>
public sealed class SetFxRateInput
{
    public required Currency Base { get; init; }

    public required Currency Quote { get; init; }

    /// <summary>The first day the rate applies.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>How many <c>quote</c> one <c>base</c> is worth; more than zero.</summary>
    public required decimal Rate { get; init; }

    /// <summary>Where the rate comes from (a bank's fixing, BCEAO).</summary>
    public required string Source { get; init; }
}
