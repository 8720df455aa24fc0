namespace Graph.Api.Billing;

/// <summary>How often a subscription plan is paid.</summary>
public enum PlanPeriod
{
    Monthly,
    Quarterly,
    Yearly,
}

/// <summary>Where a reader's subscription stands.</summary>
public enum SubscriptionStatus
{
    /// <summary>Waiting for its first payment.</summary>
    Pending,

    /// <summary>Paid for the current period; renewed before it ends unless cancelled.</summary>
    Active,

    /// <summary>Not renewed any more: the reader keeps access until the current period ends.</summary>
    Cancelled,

    /// <summary>The period ended unpaid (or the first payment never came).</summary>
    Expired,
}

/// <summary>An invoice, or a credit note that cancels one.</summary>
public enum InvoiceKind
{
    Invoice,
    CreditNote,
}

/// <summary>Why a reader may read a book, or not.</summary>
public enum BookAccessReason
{
    /// <summary>The reader bought it.</summary>
    Owned,

    /// <summary>A subscription's paid period covers now.</summary>
    Subscription,

    /// <summary>Neither.</summary>
    None,
}
