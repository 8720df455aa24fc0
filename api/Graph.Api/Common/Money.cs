namespace Graph.Api.Common;

/// <summary>The currencies the five systems take. XOF (the West African CFA franc) has no minor unit.</summary>
public enum Currency
{
    XOF,
    EUR,
    USD,
}

/// <summary>An amount in one currency; never a float. Amounts carry no more decimals than the currency allows.</summary>
/// <remarks>
/// The amount's scale is always the currency's minor unit, whatever the source: numeric(19,4) reads back as
/// 4000.0000 and a client may send 7.9, yet <see cref="Amount"/> is 4000 (XOF) and 7.90 (EUR), and prints so in JSON.
/// </remarks>
public sealed record Money
{
    /// <summary>Zeros with 0, 1 and 2 decimals: adding one sets a decimal's scale without changing its value.</summary>
    private static readonly decimal[] ScaleOf = [0m, 0.0m, 0.00m];

    public Money(decimal amount, Currency currency)
    {
        var minorUnits = MinorUnits(currency);
        var rounded = decimal.Round(amount, minorUnits);
        if (rounded != amount)
        {
            throw new ArgumentException($"{currency} amounts have at most {minorUnits} decimal(s); {amount} has more.", nameof(amount));
        }

        // Round drops extra trailing zeros (4000.0000 -> 4000); the zero adds missing ones (7.9 -> 7.90).
        Amount = rounded + ScaleOf[minorUnits];
        Currency = currency;
    }

    public decimal Amount { get; }

    public Currency Currency { get; }

    /// <summary>Decimals of the currency's minor unit (ISO 4217): 0 for XOF, 2 for EUR and USD.</summary>
    public static int MinorUnits(Currency currency) => currency switch
    {
        Currency.XOF => 0,
        Currency.EUR or Currency.USD => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(currency), currency, "Unknown currency."),
    };

    public override string ToString() => $"{Amount.ToString("N" + MinorUnits(Currency), System.Globalization.CultureInfo.InvariantCulture)} {Currency}";
}
