using Graph.Api.Common;

namespace Graph.Api.Billing;

/// <summary>The smallest royalty payout in each currency ("Graph:Payments:RoyaltyPayoutMinimum"): sending less costs the
/// provider's fees for little, so FINANCE waits until an author is owed at least this much.</summary>
public sealed class RoyaltyPayoutMinimums
{
    /// <summary>In West African CFA francs (no decimals).</summary>
    public decimal Xof { get; set; } = 5_000m;

    /// <summary>In euros.</summary>
    public decimal Eur { get; set; } = 10m;

    /// <summary>In US dollars.</summary>
    public decimal Usd { get; set; } = 10m;

    /// <summary>The minimum in <paramref name="currency"/>.</summary>
    public Money For(Currency currency) => new(currency switch
    {
        Currency.XOF => Xof,
        Currency.EUR => Eur,
        Currency.USD => Usd,
        _ => throw new ArgumentOutOfRangeException(nameof(currency), currency, "Unknown currency."),
    }, currency);
}
