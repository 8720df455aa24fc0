using System.Globalization;
using Graph.Api.Common;

namespace Graph.Api.Tests.Common;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(1500, Currency.XOF)]
    [InlineData(7.99, Currency.EUR)]
    [InlineData(0.01, Currency.USD)]
    public void Accepts_amounts_within_the_minor_unit(decimal amount, Currency currency) =>
        Assert.Equal(amount, new Money(amount, currency).Amount);

    [Theory]
    [InlineData(1500.5, Currency.XOF, "XOF amounts have at most 0 decimal(s)")]
    [InlineData(7.999, Currency.EUR, "EUR amounts have at most 2 decimal(s)")]
    public void Refuses_fractions_the_currency_does_not_have(decimal amount, Currency currency, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => new Money(amount, currency));
        Assert.StartsWith(message, error.Message);
    }

    [Theory]
    [InlineData("4000.0000", Currency.XOF, "4000")] // numeric(19,4) as Npgsql reads it
    [InlineData("2500.00", Currency.XOF, "2500")]
    [InlineData("7.9900", Currency.EUR, "7.99")]
    [InlineData("7.9", Currency.EUR, "7.90")]
    [InlineData("12", Currency.USD, "12.00")]
    [InlineData("-3.5000", Currency.USD, "-3.50")]
    public void The_amount_carries_exactly_the_currencys_decimals(string amount, Currency currency, string expected) =>
        Assert.Equal(expected, new Money(decimal.Parse(amount, CultureInfo.InvariantCulture), currency).Amount.ToString(CultureInfo.InvariantCulture));

    [Fact]
    public void Prints_with_the_currency_code() =>
        Assert.Equal("3,500 XOF", new Money(3500m, Currency.XOF).ToString());

    [Fact]
    public void Equal_amounts_are_equal_money_whatever_their_scale() =>
        Assert.Equal(new Money(4000.0000m, Currency.XOF), new Money(4000m, Currency.XOF));

    public static TheoryData<Currency> Currencies() => [.. Enum.GetValues<Currency>()];

    /// <summary>Invariants over 10,000 generated amounts per currency (fixed seed, so a failure reproduces):
    /// accepted exactly when the amount has no more significant decimals than the minor unit; an accepted
    /// amount keeps its value; its scale is the minor unit (never more).</summary>
    [Theory]
    [MemberData(nameof(Currencies))]
    public void Invariants_over_generated_amounts(Currency currency)
    {
        var minorUnits = Money.MinorUnits(currency);
        var random = new Random(20261121 + (int)currency);
        int accepted = 0, refused = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var amount = Generate(random);
            var fits = SignificantDecimals(amount) <= minorUnits;
            Money money;
            try
            {
                money = new Money(amount, currency);
            }
            catch (ArgumentException)
            {
                Assert.False(fits, $"{amount} {currency} was refused but has no more than {minorUnits} significant decimal(s)");
                refused++;
                continue;
            }

            Assert.True(fits, $"{amount} {currency} was accepted with more than {minorUnits} significant decimal(s)");
            accepted++;
            Assert.Equal(amount, money.Amount);
            Assert.Equal(currency, money.Currency);
            Assert.True(money.Amount.Scale <= minorUnits, $"{amount} {currency} became {money.Amount} (scale {money.Amount.Scale})");
            // Every amount a numeric(19,4) column can hold gets exactly the minor unit's scale.
            if (Math.Abs(amount) < 1_000_000_000_000_000m)
            {
                Assert.Equal(minorUnits, money.Amount.Scale);
            }
        }

        // The generator must exercise both outcomes, or the invariants above prove little.
        Assert.True(accepted > 1_000, $"only {accepted} accepted");
        Assert.True(refused > 1_000, $"only {refused} refused");
    }

    /// <summary>Amounts of every shape: whole, cents, more decimals, trailing zeros (as numeric(19,4) reads
    /// them), negative, tiny and huge.</summary>
    private static decimal Generate(Random random)
    {
        var sign = random.Next(10) == 0;
        return random.Next(5) switch
        {
            // Up to 18 digits, 0-6 of them decimals, often with trailing zeros.
            0 or 1 => Decimal(random.NextInt64(0, 1_000_000_000_000_000_000), sign, scale: (byte)random.Next(0, 7)),
            // A value with at most 2 decimals, written with the column's 4.
            2 => Decimal(random.NextInt64(0, 10_000_000_000_000), sign, scale: 2) + 0.0000m,
            // A whole value, written with the column's 4 decimals.
            3 => Decimal(random.NextInt64(0, 100_000_000_000), sign, scale: 0) + 0.0000m,
            // Any decimal at all.
            _ => new decimal(random.Next(), random.Next(), random.Next(), sign, (byte)random.Next(0, 29)),
        };
    }

    private static decimal Decimal(long mantissa, bool negative, byte scale) =>
        new((int)(mantissa & 0xFFFF_FFFF), (int)(mantissa >> 32), 0, negative, scale);

    /// <summary>Decimals left once trailing zeros are dropped; independent of how Money checks it.</summary>
    private static int SignificantDecimals(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        var point = text.IndexOf('.', StringComparison.Ordinal);
        return point < 0 ? 0 : text[(point + 1)..].TrimEnd('0').Length;
    }
}
