using Graph.Api.Common;

namespace Graph.Api.Billing;

/// <summary>VAT on tax-inclusive prices: the rate for a buyer, and the part of a price that is tax.</summary>
public static class Vat
{
    /// <summary>Countries by calling code, for the buyer's country told by their wallet's number.</summary>
    private static readonly (string CallingCode, string Country)[] Countries =
    [
        ("221", "SN"), ("223", "ML"), ("224", "GN"), ("225", "CI"), ("226", "BF"), ("227", "NE"), ("228", "TG"), ("229", "BJ"),
        ("233", "GH"), ("234", "NG"), ("237", "CM"),
    ];

    /// <summary>The buyer's country (ISO alpha-2) from a wallet number in E.164, or null.</summary>
    public static string? CountryOf(string? walletNumber) =>
        walletNumber is { Length: > 4 } && walletNumber[0] == '+'
            ? Countries.Where(c => walletNumber.AsSpan(1).StartsWith(c.CallingCode, StringComparison.Ordinal)).Select(c => c.Country).FirstOrDefault()
            : null;

    /// <summary>The VAT rate for a buyer paying from <paramref name="walletNumber"/>: their country's, else the default.</summary>
    public static decimal RateFor(BillingOptions options, string? walletNumber) =>
        CountryOf(walletNumber) is { } country && options.VatRates.TryGetValue(country, out var rate) ? rate : options.VatRate;

    /// <summary>The tax included in <paramref name="price"/> at <paramref name="rate"/>: price × rate / (1 + rate), rounded
    /// half away from zero to the currency's unit.</summary>
    public static decimal IncludedIn(Money price, decimal rate) =>
        rate <= 0 ? 0m : decimal.Round(price.Amount * rate / (1 + rate), Money.MinorUnits(price.Currency), MidpointRounding.AwayFromZero);
}
