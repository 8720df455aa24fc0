using Graph.Api.Common;
using Graph.GraphQL.Data;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;

namespace Graph.Api.Billing;

/// <summary>
/// An invoice issued when a sale settles, or a credit note issued when it is refunded (its amounts negative, naming the
/// invoice it cancels). Numbered per kind and year without gaps (INV-2026-000123, CN-2026-000001); amounts are in the
/// settlement currency, prices VAT included. Never changed nor deleted once issued: the database refuses it.
/// </summary>
[Node]
public sealed class Invoice
{
    /// <summary>The longest number, in characters.</summary>
    public const int MaxNumberLength = 20;

    /// <summary>The longest buyer name, in characters.</summary>
    public const int MaxNameLength = 200;

    public Guid Id { get; init; }

    /// <summary>The invoice's number: INV- or CN-, the year, and its place in the year's sequence.</summary>
    public required string Number { get; init; }

    public InvoiceKind Kind { get; init; }

    /// <summary>The year of the sequence.</summary>
    [GraphQLIgnore]
    public int Year { get; init; }

    /// <summary>The place in the (kind, year) sequence, from 1.</summary>
    [GraphQLIgnore]
    public int Sequence { get; init; }

    /// <summary>For a credit note: the invoice it cancels.</summary>
    [GraphQLIgnore]
    public Guid? CorrectsInvoiceId { get; init; }

    [GraphQLIgnore]
    public Guid BuyerUserId { get; init; }

    /// <summary>The buyer's name as it was when the invoice was issued.</summary>
    public required string BuyerName { get; init; }

    /// <summary>The wallet that paid (or was paid back), as it was.</summary>
    public string? BuyerWallet { get; init; }

    /// <summary>The settlement (for a credit note, the refund) this invoice is for.</summary>
    [GraphQLIgnore]
    public Guid PaymentId { get; init; }

    public Currency Currency { get; init; }

    [GraphQLIgnore]
    public decimal SubtotalAmount { get; init; }

    [GraphQLIgnore]
    public decimal TaxAmount { get; init; }

    [GraphQLIgnore]
    public decimal TotalAmount { get; init; }

    public DateTime IssuedAt { get; init; }

    /// <summary>The lines, in order.</summary>
    [GraphQLIgnore]
    public List<InvoiceLine> Lines { get; init; } = [];

    /// <summary>The total before tax.</summary>
    public Money Subtotal => new(SubtotalAmount, Currency);

    /// <summary>The tax (VAT).</summary>
    public Money Tax => new(TaxAmount, Currency);

    /// <summary>The total, tax included: what was paid (negative for a credit note).</summary>
    public Money Total => new(TotalAmount, Currency);
}

/// <summary>One line of an invoice: what was sold, how many, at what price before tax, and the tax on it.</summary>
public sealed class InvoiceLine
{
    /// <summary>The longest description, in characters.</summary>
    public const int MaxDescriptionLength = 200;

    [GraphQLIgnore]
    public Guid InvoiceId { get; init; }

    /// <summary>The line's place on the invoice, from 1.</summary>
    public int Position { get; init; }

    public required string Description { get; init; }

    public int Quantity { get; init; }

    public Currency Currency { get; init; }

    [GraphQLIgnore]
    public decimal UnitPriceAmount { get; init; }

    /// <summary>The VAT rate, from 0 to 1.</summary>
    public decimal TaxRate { get; init; }

    [GraphQLIgnore]
    public decimal NetAmount { get; init; }

    [GraphQLIgnore]
    public decimal TaxAmount { get; init; }

    [GraphQLIgnore]
    public decimal TotalAmount { get; init; }

    /// <summary>The price of one unit before tax.</summary>
    public Money UnitPrice => new(UnitPriceAmount, Currency);

    /// <summary>The line before tax.</summary>
    public Money Net => new(NetAmount, Currency);

    /// <summary>The line's tax.</summary>
    public Money Tax => new(TaxAmount, Currency);

    /// <summary>The line, tax included.</summary>
    public Money Total => new(TotalAmount, Currency);
}

/// <summary>The last number given in one (kind, year) sequence. Locked and incremented in the transaction that issues the
/// invoice, so that concurrent settlements take consecutive numbers and a settlement that rolls back gives its number
/// back.</summary>
public sealed class InvoiceCounter
{
    public InvoiceKind Kind { get; init; }

    public int Year { get; init; }

    public int LastNumber { get; set; }
}
