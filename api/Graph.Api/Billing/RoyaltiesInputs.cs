using Graph.Api.Catalog;
using Graph.Api.Common;
using Graph.Api.Identity;
using Graph.Api.Payments;
using Graph.GraphQL.Types;

namespace Graph.Api.Billing;

/// <summary>An author of the catalog and the account that is theirs.</summary>
public sealed class LinkAuthorAccountInput
{
    [ID<Author>]
    public required Guid AuthorId { get; init; }

    /// <summary>The author's own account: it will read their statements and receive their payouts.</summary>
    [ID<User>]
    public required Guid UserId { get; init; }
}

/// <summary>A royalty rule to set for a book, superseding the book's rules from <see cref="ValidFrom"/> on.</summary>
public sealed class SetRoyaltyRuleInput
{
    [ID<Book>]
    public required Guid BookId { get; init; }

    /// <summary>The author's share of each net sale, from 0 to 1 with at most 4 decimals (0.7 is 70 %).</summary>
    public required decimal Rate { get; init; }

    /// <summary>With tierRate: from this copy sold on (2 or more), the rate is tierRate.</summary>
    public int? TierFromCopy { get; init; }

    /// <summary>The rate from the tierFromCopy-th copy on, from 0 to 1 with at most 4 decimals.</summary>
    public decimal? TierRate { get; init; }

    /// <summary>The first day (UTC) of sales the rule applies to: today or later (sales already made keep their rate).</summary>
    public required DateOnly ValidFrom { get; init; }
}

/// <summary>Royalties to pay an author, to the mobile money wallet of their linked account.</summary>
public sealed class PayAuthorRoyaltiesInput
{
    [ID<Author>]
    public required Guid AuthorId { get; init; }

    /// <summary>How much, in the currency the royalties are owed in: at least the currency's minimum payout, at most what
    /// the author is owed and not yet promised to another payout.</summary>
    public required MoneyInput Amount { get; init; }

    /// <summary>The mobile money provider.</summary>
    public required PaymentMethod Method { get; init; }

    /// <summary>The author's wallet number, with its country code.</summary>
    public required string WalletNumber { get; init; }

    /// <summary>A key made once per payout and sent again on every retry of it: a retry returns the same payout.</summary>
    public required string IdempotencyKey { get; init; }
}
