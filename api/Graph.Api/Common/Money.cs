namespace Graph.Api.Common;

/// <summary>The currencies the five systems take. XOF (the West African CFA franc) has no minor unit.</summary>
public enum Currency
{
    XOF,
    EUR,
    USD,
}

/// <summary>An amount in one currency; never a float. Amounts carry no more decimals than the currency allows.</summary>
public sealed record Money
{
    public Money(decimal amount, Currency currency)
    {
        var minorUnits = MinorUnits(currency);
        if (decimal.Round(amount, minorUnits) != amount)
        {
            throw new ArgumentException($"{currency} amounts have at most {minorUnits} decimal(s); {amount} has more.", nameof(amount));
        }

        Amount = amount;
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
