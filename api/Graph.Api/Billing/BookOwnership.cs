namespace Graph.Api.Billing;

/// <summary>A reader's right to an ebook they bought: granted when the purchase settles, revoked when it is refunded. A
/// reader holds at most one unrevoked ownership of a book.</summary>
public sealed class BookOwnership
{
    public Guid Id { get; init; }

    public Guid UserId { get; init; }

    public Guid BookId { get; init; }

    /// <summary>The purchase that paid for it.</summary>
    public Guid PaymentId { get; init; }

    public DateTime AcquiredAt { get; init; }

    /// <summary>When the purchase was refunded, or null.</summary>
    public DateTime? RevokedAt { get; set; }
}
