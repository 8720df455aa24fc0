namespace Graph.Api.Common;

/// <summary>An amount in one currency, as a client sends it; never a float.</summary>
public sealed class MoneyInput
{
    /// <summary>The amount: more than zero, with no more decimals than the currency has (none for XOF, two for EUR and USD).</summary>
    public required decimal Amount { get; init; }

    public required Currency Currency { get; init; }
}
