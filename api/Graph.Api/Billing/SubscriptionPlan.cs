using Graph.Api.Common;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;

namespace Graph.Api.Billing;

/// <summary>A way to read the whole catalog for a period, at a tax-inclusive price.</summary>
[Node]
public sealed class SubscriptionPlan
{
    /// <summary>The longest code, in characters.</summary>
    public const int MaxCodeLength = 40;

    /// <summary>The longest name, in characters.</summary>
    public const int MaxNameLength = 100;

    public Guid Id { get; init; }

    /// <summary>A stable code (MONTHLY_XOF).</summary>
    public required string Code { get; init; }

    /// <summary>The plan's name in French.</summary>
    public required string NameFr { get; set; }

    /// <summary>The plan's name in English.</summary>
    public required string NameEn { get; set; }

    /// <summary>The price of one period, VAT included.</summary>
    public required Money Price { get; set; }

    public PlanPeriod Period { get; init; }

    /// <summary>Whether new subscriptions (and renewals) may use it.</summary>
    public bool Active { get; set; }

    [GraphQLIgnore]
    public DateTime CreatedAt { get; init; }
}
