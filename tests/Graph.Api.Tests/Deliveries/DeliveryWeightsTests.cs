using Graph.Api.Common;
using Graph.Api.Deliveries;

namespace Graph.Api.Tests.Deliveries;

/// <summary>The delivery arithmetic (<see cref="DeliveryWeights"/>): net weight, the moisture deduction from 8 %, the amount
/// rounded half away from zero to the currency's unit, and each refusal with the field it names. Figures worked out by hand.</summary>
public sealed class DeliveryWeightsTests
{
    private static Money Xof(decimal amount) => new(amount, Currency.XOF);

    private static Money Eur(decimal amount) => new(amount, Currency.EUR);

    [Fact]
    public void Dry_beans_are_paid_on_their_net_weight()
    {
        var (figures, error) = DeliveryWeights.Compute(1000m, 10m, 7m, Xof(1800m));

        Assert.Null(error);
        Assert.Equal(990m, figures!.NetWeightKg);
        Assert.Equal(0m, figures.MoistureDeductionKg);
        Assert.Equal(990m, figures.PayableWeightKg);
        Assert.Equal(Xof(1_782_000m), figures.Amount);
    }

    [Fact]
    public void Beans_at_exactly_eight_percent_lose_nothing()
    {
        var (figures, _) = DeliveryWeights.Compute(500.250m, 0.250m, 8m, Xof(1000m));

        Assert.Equal(500m, figures!.NetWeightKg);
        Assert.Equal(0m, figures.MoistureDeductionKg);
        Assert.Equal(500m, figures.PayableWeightKg);
        Assert.Equal(Xof(500_000m), figures.Amount);
    }

    [Theory]
    // net 990 kg at 10 %: 2 % of 990 = 19.8 kg off.
    [InlineData(1000, 10, 10, 19.8, 970.2, 1_746_360)]
    // net 100.001 kg at 9.5 %: 1.5 % = 1.500015 kg, kept to the gram (1.500).
    [InlineData(100.001, 0, 9.5, 1.5, 98.501, 177_302)]
    // net 80 kg at 8.01 %: 0.008 kg off.
    [InlineData(81, 1, 8.01, 0.008, 79.992, 143_986)]
    public void Wetter_beans_lose_the_water_above_eight_percent(decimal gross, decimal tare, decimal moisture, decimal deduction, decimal payable, decimal amount)
    {
        var (figures, error) = DeliveryWeights.Compute(gross, tare, moisture, Xof(1800m));

        Assert.Null(error);
        Assert.Equal(gross - tare, figures!.NetWeightKg);
        Assert.Equal(deduction, figures.MoistureDeductionKg);
        Assert.Equal(payable, figures.PayableWeightKg);
        Assert.Equal(Xof(amount), figures.Amount);
    }

    [Theory]
    // 1.5 kg at 1 franc: 1.5 gives 2; 2.5 gives 3 (away from zero, not to even).
    [InlineData(1.5, 2)]
    [InlineData(2.5, 3)]
    [InlineData(2.499, 2)]
    public void Francs_are_rounded_half_away_from_zero(decimal kilograms, decimal francs)
    {
        var (figures, _) = DeliveryWeights.Compute(kilograms, 0m, 0m, Xof(1m));

        Assert.Equal(Xof(francs), figures!.Amount);
    }

    [Theory]
    // 2.5 kg at 0.05 EUR = 0.125: 0.13 (to even would give 0.12).
    [InlineData(2.5, 0.05, 0.13)]
    [InlineData(990, 2.37, 2346.30)]
    [InlineData(0.333, 3.33, 1.11)]
    public void Euros_are_rounded_to_the_cent_half_away_from_zero(decimal kilograms, decimal price, decimal euros)
    {
        var (figures, _) = DeliveryWeights.Compute(kilograms, 0m, 0m, Eur(price));

        Assert.Equal(Eur(euros), figures!.Amount);
        Assert.Equal(Currency.EUR, figures.Amount.Currency);
    }

    [Theory]
    [InlineData(0, 0, 7, 1800, "grossWeightKg")]
    [InlineData(-5, 0, 7, 1800, "grossWeightKg")]
    [InlineData(100000.001, 0, 7, 1800, "grossWeightKg")]
    [InlineData(10.0001, 0, 7, 1800, "grossWeightKg")]
    [InlineData(100, 100, 7, 1800, "tareKg")]
    [InlineData(100, -1, 7, 1800, "tareKg")]
    [InlineData(100, 0.0005, 7, 1800, "tareKg")]
    [InlineData(100, 1, -0.5, 1800, "moisturePercent")]
    [InlineData(100, 1, 25.01, 1800, "moisturePercent")]
    [InlineData(100, 1, 7.125, 1800, "moisturePercent")]
    [InlineData(100, 1, 7, 0, "pricePerKg")]
    [InlineData(100, 1, 7, -1800, "pricePerKg")]
    // 1 gram at 1 franc is worth nothing once rounded.
    [InlineData(0.001, 0, 7, 1, "grossWeightKg")]
    public void Each_broken_rule_is_refused_with_its_field(decimal gross, decimal tare, decimal moisture, decimal price, string field)
    {
        var (figures, error) = DeliveryWeights.Compute(gross, tare, moisture, Xof(price));

        Assert.Null(figures);
        Assert.Equal(field, error!.Value.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Value.Message));
    }

    [Fact]
    public void The_payable_weight_never_exceeds_the_net_and_the_amount_follows_it()
    {
        var random = new Random(12);
        for (var i = 0; i < 2000; i++)
        {
            var gross = random.Next(1, 5_000_000) / 1000m;
            var tare = random.Next(0, (int)(gross * 1000)) / 1000m;
            var moisture = random.Next(0, 2501) / 100m;
            var price = Xof(random.Next(1, 3000));
            var (figures, error) = DeliveryWeights.Compute(gross, tare, moisture, price);
            if (error is not null)
            {
                continue;
            }
            Assert.Equal(gross - tare, figures!.NetWeightKg);
            Assert.Equal(figures.NetWeightKg - figures.MoistureDeductionKg, figures.PayableWeightKg);
            Assert.InRange(figures.PayableWeightKg, 0m, figures.NetWeightKg);
            Assert.True(Math.Abs(figures.Amount.Amount - figures.PayableWeightKg * price.Amount) <= 0.5m);
        }
    }
}
