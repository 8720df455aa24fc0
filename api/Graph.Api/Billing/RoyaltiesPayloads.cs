using Graph.Api.Catalog;
using Graph.Api.Payments;

namespace Graph.Api.Billing;

/// <summary>What linkAuthorAccount did: the author, now linked, or why nothing changed.</summary>
public sealed class LinkAuthorAccountPayload
{
    private LinkAuthorAccountPayload(Author? author, IReadOnlyList<ILinkAuthorAccountError>? errors)
    {
        Author = author;
        Errors = errors;
    }

    /// <summary>The author, or null when there are errors.</summary>
    public Author? Author { get; }

    /// <summary>Why nothing changed, or null.</summary>
    public IReadOnlyList<ILinkAuthorAccountError>? Errors { get; }

    public static LinkAuthorAccountPayload Done(Author author) => new(author, null);

    public static LinkAuthorAccountPayload Failed(ILinkAuthorAccountError error) => new(null, [error]);
}

/// <summary>What setRoyaltyRule did: the new rule, or why none was set.</summary>
public sealed class SetRoyaltyRulePayload
{
    private SetRoyaltyRulePayload(RoyaltyRule? rule, IReadOnlyList<ISetRoyaltyRuleError>? errors)
    {
        RoyaltyRule = rule;
        Errors = errors;
    }

    /// <summary>The rule set, or null when there are errors.</summary>
    public RoyaltyRule? RoyaltyRule { get; }

    /// <summary>Why nothing changed, or null.</summary>
    public IReadOnlyList<ISetRoyaltyRuleError>? Errors { get; }

    public static SetRoyaltyRulePayload Done(RoyaltyRule rule) => new(rule, null);

    public static SetRoyaltyRulePayload Failed(ISetRoyaltyRuleError error) => new(null, [error]);
}

/// <summary>What payAuthorRoyalties did: the ROYALTY_PAYOUT payment (usually PENDING until the provider confirms), or why
/// none was created.</summary>
public sealed class PayAuthorRoyaltiesPayload
{
    private PayAuthorRoyaltiesPayload(Payment? payment, IReadOnlyList<IPayAuthorRoyaltiesError>? errors)
    {
        Payment = payment;
        Errors = errors;
    }

    /// <summary>The payout, or null when there are errors.</summary>
    public Payment? Payment { get; }

    /// <summary>Why nothing changed, or null.</summary>
    public IReadOnlyList<IPayAuthorRoyaltiesError>? Errors { get; }

    public static PayAuthorRoyaltiesPayload Done(Payment payment) => new(payment, null);

    public static PayAuthorRoyaltiesPayload Failed(IPayAuthorRoyaltiesError error) => new(null, [error]);
}
