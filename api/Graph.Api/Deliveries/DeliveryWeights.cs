using Graph.Api.Common;

namespace Graph.Api.Deliveries;

/// <summary>
/// The arithmetic of a delivery, in one place: net weight = gross - tare; beans wetter than <see cref="AllowedMoisturePercent"/>
/// lose the excess water from the weight paid for (payable = net x (1 - (moisture - 8) / 100), to the gram); the amount is the
/// payable weight times the price, rounded half away from zero to the currency's unit (a whole franc for XOF).
/// </summary>
public static class DeliveryWeights
{
    /// <summary>The moisture trade beans may hold without a deduction, in percent (the usual export standard).</summary>
    public const decimal AllowedMoisturePercent = 8m;

    /// <summary>The wettest beans a cooperative takes, in percent.</summary>
    public const decimal MaxMoisturePercent = 25m;

    /// <summary>The heaviest delivery, in kilograms (a full truck).</summary>
    public const decimal MaxGrossWeightKg = 100_000m;

    /// <summary>Weights are kept to the gram.</summary>
    public const int WeightDecimals = 3;

    /// <summary>Moisture is kept to a hundredth of a percent.</summary>
    public const int MoistureDecimals = 2;

    /// <summary>The weights and amount of a delivery, or the first broken rule as (field, message).</summary>
    public static (DeliveryFigures? Figures, (string Field, string Message)? Error) Compute(decimal grossKg, decimal tareKg, decimal moisturePercent, Money pricePerKg)
    {
        if (grossKg <= 0 || grossKg > MaxGrossWeightKg || decimal.Round(grossKg, WeightDecimals) != grossKg)
        {
            return (null, ("grossWeightKg", $"The gross weight is more than 0 and at most {MaxGrossWeightKg} kg, to the gram."));
        }
        if (tareKg < 0 || tareKg >= grossKg || decimal.Round(tareKg, WeightDecimals) != tareKg)
        {
            return (null, ("tareKg", "The tare is at least 0 and less than the gross weight, to the gram."));
        }
        if (moisturePercent < 0 || moisturePercent > MaxMoisturePercent || decimal.Round(moisturePercent, MoistureDecimals) != moisturePercent)
        {
            return (null, ("moisturePercent", $"The moisture is a percentage from 0 to {MaxMoisturePercent}, with at most {MoistureDecimals} decimals."));
        }
        if (pricePerKg.Amount <= 0)
        {
            return (null, ("pricePerKg", "The price per kilogram is more than 0."));
        }
        var net = grossKg - tareKg;
        var deduction = moisturePercent > AllowedMoisturePercent
            ? decimal.Round(net * (moisturePercent - AllowedMoisturePercent) / 100m, WeightDecimals, MidpointRounding.AwayFromZero)
            : 0m;
        var payable = net - deduction;
        var amount = decimal.Round(payable * pricePerKg.Amount, Money.MinorUnits(pricePerKg.Currency), MidpointRounding.AwayFromZero);
        if (amount <= 0)
        {
            return (null, ("grossWeightKg", "The delivery is too light to be worth anything at this price."));
        }
        return (new DeliveryFigures(net, deduction, payable, new Money(amount, pricePerKg.Currency)), null);
    }
}

/// <summary>What <see cref="DeliveryWeights.Compute"/> works out: kilograms and the amount owed.</summary>
public sealed record DeliveryFigures(decimal NetWeightKg, decimal MoistureDeductionKg, decimal PayableWeightKg, Money Amount);
