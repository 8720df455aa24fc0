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

    [Fact]
    public void Trailing_zeros_are_not_extra_decimals() =>
        Assert.Equal(2500m, new Money(2500.00m, Currency.XOF).Amount);

    [Fact]
    public void Prints_with_the_currency_code() =>
        Assert.Equal("3,500 XOF", new Money(3500m, Currency.XOF).ToString());
}
