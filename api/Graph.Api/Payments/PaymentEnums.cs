namespace Graph.Api.Payments;

/// <summary>What a payment is for. It decides the direction of the money and the ledger accounts it moves between.</summary>
public enum PaymentPurpose
{
    /// <summary>A reader buys an ebook (Coko): money in, to platform revenue and the author's royalties.</summary>
    BookPurchase,

    /// <summary>A reader pays a subscription (Coko): money in, to platform revenue.</summary>
    Subscription,

    /// <summary>A member pays their contribution to a tontine's session (Kobiri): money in, to the tontine's pot.</summary>
    TontineContribution,

    /// <summary>A tontine pays its pot to the member whose turn it is (Kobiri): money out of the pot.</summary>
    TontinePayout,

    /// <summary>A buyer pays a planter for cocoa (CocoaTrack): money out of the buyer's wallet.</summary>
    PlanterPayment,

    /// <summary>Money given back for a succeeded payment: the original's movement, reversed.</summary>
    Refund,

    /// <summary>An author is paid royalties the platform owes them (Coko): money out of their royalties payable.</summary>
    RoyaltyPayout,
}

/// <summary>How the money moves: cash in hand or one of the mobile money wallets.</summary>
public enum PaymentMethod
{
    Cash,
    OrangeMoney,
    MtnMomo,
    MoovMoney,
    Wave,
    FreeMoney,
}

/// <summary>
/// Where a payment stands: INITIATED, then PENDING (waiting for the customer, the provider or a cash checker), then one of
/// SUCCEEDED, FAILED, EXPIRED or CANCELLED; a SUCCEEDED payment may later be REFUNDED. See <see cref="PaymentStateMachine"/>.
/// </summary>
public enum PaymentStatus
{
    Initiated,
    Pending,
    Succeeded,
    Failed,
    Expired,
    Cancelled,
    Refunded,
}

/// <summary>Why a payment failed.</summary>
public enum PaymentFailureReason
{
    /// <summary>The customer's wallet does not hold the amount.</summary>
    InsufficientFunds,

    /// <summary>The customer declined, or entered a wrong PIN too many times.</summary>
    Rejected,

    /// <summary>The wallet number is unknown to the provider, or closed.</summary>
    InvalidAccount,

    /// <summary>A limit of the wallet (per transaction, per day) is exceeded.</summary>
    LimitExceeded,

    /// <summary>The provider failed on its side, or answered what we cannot read.</summary>
    ProviderError,

    /// <summary>The checker of a cash payment refused it (wrong amount, no proof).</summary>
    CashRejected,
}

/// <summary>Who moved a payment from one status to another.</summary>
public enum PaymentEventSource
{
    /// <summary>A user, through the graph.</summary>
    Api,

    /// <summary>The provider, through a callback to /payments/callback/{provider}.</summary>
    Callback,

    /// <summary>The reconciliation job, asking the provider.</summary>
    Reconciliation,

    /// <summary>The provider's answer when the payment was initiated or refunded.</summary>
    Provider,

    /// <summary>The checker of a cash payment.</summary>
    CashValidation,
}

/// <summary>The kinds of ledger account. An account is a kind and, for most kinds, a key: the provider, the tontine, the user.</summary>
public enum LedgerAccountType
{
    /// <summary>Money a provider holds for the platform (key: the method), or cash in hand (key: CASH).</summary>
    ProviderClearing,

    /// <summary>The platform's revenue (no key).</summary>
    PlatformRevenue,

    /// <summary>Royalties owed to an author (key: the catalog author's ID).</summary>
    RoyaltiesPayable,

    /// <summary>A tontine's pot (key: the tontine's ID).</summary>
    TontinePot,

    /// <summary>A user's wallet on the platform, e.g. a buyer's account with the cooperatives (key: the user's ID).</summary>
    Wallet,

    /// <summary>Where currencies are exchanged: each currency's side of a conversion balances here (no key).</summary>
    FxConversion,

    /// <summary>Tax (VAT) collected in prices and owed to the tax authority (no key).</summary>
    TaxPayable,
}

/// <summary>Why a posting was written: the settlement of a payment, or the refund that reverses it.</summary>
public enum PostingKind
{
    Settlement,
    Refund,
}
