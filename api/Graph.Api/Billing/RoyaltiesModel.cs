using Graph.Api.Audit;
using Graph.Api.Catalog;
using Graph.Api.Identity;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Graph.Api.Billing;

/// <summary>
/// How much of a book's net sale (after tax) its author earns, from a day on: a rate and, optionally, a tier (from the Nth
/// copy sold on, another rate). Rules are never changed: a new rule supersedes the previous ones from its own day, and
/// the rule in force on a day is the one with the latest <see cref="ValidFrom"/> not after it (the latest
/// <see cref="Revision"/> among rules of the same day). A book without a rule pays the default rate
/// (Graph:Payments:AuthorRoyaltyRate).
/// </summary>
public sealed class RoyaltyRule
{
    /// <summary>The most decimals a rate has (numeric(5,4): 0.7125 is 71.25 %).</summary>
    public const int RateDecimals = 4;

    [GraphQLIgnore]
    public Guid Id { get; init; }

    /// <summary>The book the rule is for.</summary>
    [ID<Book>]
    public Guid BookId { get; init; }

    /// <summary>The rule's number among the book's rules, from 1 in the order they were set.</summary>
    public int Revision { get; init; }

    /// <summary>The author's share of each net sale, from 0 to 1 (0.7 is 70 %).</summary>
    public decimal Rate { get; init; }

    /// <summary>With <see cref="TierRate"/>: from this copy sold on (2 or more: the 100th copy, say), the rate is
    /// <see cref="TierRate"/>. Copies sold are the book's sales settled and not refunded when the sale is made.</summary>
    public int? TierFromCopy { get; init; }

    /// <summary>The rate from the <see cref="TierFromCopy"/>th copy on, from 0 to 1.</summary>
    public decimal? TierRate { get; init; }

    /// <summary>The first day (UTC) of sales the rule applies to; never before the day it was set.</summary>
    public DateOnly ValidFrom { get; init; }

    public DateTime CreatedAt { get; init; }

    /// <summary>The member of staff who set it.</summary>
    [GraphQLIgnore]
    public Guid CreatedByUserId { get; init; }

    /// <summary>The rate of the sale of the <paramref name="copy"/>th copy (1 for the first).</summary>
    public decimal RateForCopy(int copy) => TierFromCopy is { } from && TierRate is { } tier && copy >= from ? tier : Rate;
}

internal sealed class RoyaltyRuleConfiguration : IEntityTypeConfiguration<RoyaltyRule>
{
    public void Configure(EntityTypeBuilder<RoyaltyRule> rule)
    {
        rule.ToTable("royalty_rules", table =>
        {
            table.HasCheckConstraint("ck_royalty_rules_rate", "rate BETWEEN 0 AND 1");
            table.HasCheckConstraint("ck_royalty_rules_tier", "(tier_from_copy IS NULL) = (tier_rate IS NULL) AND (tier_from_copy IS NULL OR tier_from_copy >= 2) AND (tier_rate IS NULL OR tier_rate BETWEEN 0 AND 1)");
            table.HasCheckConstraint("ck_royalty_rules_revision", "revision >= 1");
        });
        rule.HasKey(r => r.Id);
        rule.Property(r => r.Rate).HasPrecision(5, RoyaltyRule.RateDecimals);
        rule.Property(r => r.TierRate).HasPrecision(5, RoyaltyRule.RateDecimals);
        rule.HasOne<Book>().WithMany().HasForeignKey(r => r.BookId).OnDelete(DeleteBehavior.Restrict);
        rule.HasOne<User>().WithMany().HasForeignKey(r => r.CreatedByUserId).OnDelete(DeleteBehavior.Restrict);
        // The book's history, in order; two rules set at once cannot take the same number.
        rule.HasIndex(r => new { r.BookId, r.Revision }).IsUnique();
        rule.HasIndex(r => new { r.BookId, r.ValidFrom });
    }
}
