using Graph.Api.Audit;
using Graph.Api.Common;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;

namespace Graph.Api.Payments;

/// <summary>
/// A ledger account: a kind and, for most kinds, a key (the provider's method, the tontine's or the user's ID). Accounts are
/// not rows: an account exists once a posting names it, and its balance is the sum of its entries.
/// </summary>
public sealed record LedgerAccount(LedgerAccountType Type, string Key)
{
    /// <summary>The longest key (a UUID, or a method's name), in characters.</summary>
    public const int MaxKeyLength = 36;

    public static LedgerAccount ProviderClearing(PaymentMethod method) => new(LedgerAccountType.ProviderClearing, Data.EnumNames<PaymentMethod>.ToName(method));

    public static LedgerAccount PlatformRevenue { get; } = new(LedgerAccountType.PlatformRevenue, "");

    public static LedgerAccount FxConversion { get; } = new(LedgerAccountType.FxConversion, "");

    /// <summary>The VAT collected in prices, owed to the tax authority.</summary>
    public static LedgerAccount TaxPayable { get; } = new(LedgerAccountType.TaxPayable, "");

    public static LedgerAccount RoyaltiesPayable(Guid authorId) => new(LedgerAccountType.RoyaltiesPayable, authorId.ToString("D"));

    public static LedgerAccount TontinePot(Guid tontineId) => new(LedgerAccountType.TontinePot, tontineId.ToString("D"));

    public static LedgerAccount Wallet(Guid userId) => new(LedgerAccountType.Wallet, userId.ToString("D"));

    public override string ToString() => Key.Length == 0 ? Data.EnumNames<LedgerAccountType>.ToName(Type) : $"{Data.EnumNames<LedgerAccountType>.ToName(Type)}:{Key}";
}

/// <summary>
/// A double-entry posting: the entries one settled movement writes. In each currency its entries sum to zero (a constraint
/// trigger checks it at commit), and the ledger's tables are append-only: a mistake is corrected by another posting.
/// </summary>
[NotAudited]
public sealed class LedgerPosting
{
    public Guid Id { get; init; }

    /// <summary>The payment whose settlement (or refund) this is; a payment has at most one posting of each kind.</summary>
    [ID<Payment>]
    public Guid PaymentId { get; init; }

    public PostingKind Kind { get; init; }

    public DateTime PostedAt { get; init; }

    /// <summary>What happened, for people reading the ledger.</summary>
    public required string Description { get; init; }

    [GraphQLIgnore]
    public List<LedgerEntry> Entries { get; init; } = [];
}

/// <summary>One line of a posting: an amount debited (positive) or credited (negative) to an account, in one currency.</summary>
[NotAudited]
public sealed class LedgerEntry
{
    public long Id { get; init; }

    [GraphQLIgnore]
    public Guid PostingId { get; init; }

    public LedgerAccountType AccountType { get; init; }

    /// <summary>The account's key: a method's name or a UUID; empty for the platform's single accounts.</summary>
    public required string AccountKey { get; init; }

    public Currency Currency { get; init; }

    /// <summary>Positive for a debit, negative for a credit, with the currency's decimals.</summary>
    public decimal Amount { get; init; }

    /// <summary>When the entry is one side of a conversion: the rate used (units of this entry's currency per unit of the
    /// other), and its date.</summary>
    public decimal? FxRate { get; init; }

    public DateOnly? FxRateDate { get; init; }
}

/// <summary>A dated exchange rate: on and after <see cref="Date"/> (until a later rate), one <see cref="Base"/> is worth
/// <see cref="Rate"/> <see cref="Quote"/>.</summary>
public sealed class FxRate
{
    public Currency Base { get; init; }

    public Currency Quote { get; init; }

    public DateOnly Date { get; init; }

    public decimal Rate { get; init; }

    /// <summary>Where the rate comes from (BCEAO's fixed parity, a bank's fixing).</summary>
    public required string Source { get; init; }

    public DateTime CreatedAt { get; init; }
}
