namespace Graph.Api.Payments;

/// <summary>Payments ("Graph:Payments"): providers, expiry and reconciliation.</summary>
public sealed class PaymentsOptions
{
    /// <summary>How long a payment may wait for the customer (or a cash checker) before it expires.</summary>
    public TimeSpan PendingExpiry { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The address providers call back, without the path (e.g. https://api.example.com); the callback path
    /// /payments/callback/{provider} is added.</summary>
    public string CallbackBaseUrl { get; set; } = "";

    /// <summary>The author's share of a book sale, from 0 to 1 (the rest is the platform's revenue), for a book without a
    /// royalty rule (see Billing.RoyaltyRules).</summary>
    public decimal AuthorRoyaltyRate { get; set; } = 0.70m;

    /// <summary>The smallest royalty payout per currency: an author is paid once what they are owed reaches it.</summary>
    public Billing.RoyaltyPayoutMinimums RoyaltyPayoutMinimum { get; set; } = new();

    /// <summary>Where a provider's checkout page (Wave, Orange Money WebPay) sends the customer back once they paid or gave
    /// up: a page of the platform's apps (absolute https address); <c>?payment={id}&amp;result=success|cancel</c> is added.</summary>
    public string ReturnUrl { get; set; } = "";

    public ProvidersOptions Providers { get; set; } = new();

    public ReconciliationOptions Reconciliation { get; set; } = new();

    /// <summary>One setting block per mobile money provider.</summary>
    public sealed class ProvidersOptions
    {
        public ProviderOptions OrangeMoney { get; set; } = new();

        public ProviderOptions MtnMomo { get; set; } = new();

        public ProviderOptions MoovMoney { get; set; } = new();

        public ProviderOptions Wave { get; set; } = new();

        public ProviderOptions FreeMoney { get; set; } = new();

        /// <summary>The block of <paramref name="method"/>.</summary>
        public ProviderOptions For(PaymentMethod method) => method switch
        {
            PaymentMethod.OrangeMoney => OrangeMoney,
            PaymentMethod.MtnMomo => MtnMomo,
            PaymentMethod.MoovMoney => MoovMoney,
            PaymentMethod.Wave => Wave,
            PaymentMethod.FreeMoney => FreeMoney,
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Cash has no provider."),
        };
    }

    /// <summary>How the platform reaches one provider.</summary>
    public sealed class ProviderOptions
    {
        /// <summary>Simulator (the default in Development and tests), Http (the provider's API) or None (the method is
        /// refused).</summary>
        public ProviderKind Kind { get; set; } = ProviderKind.None;

        /// <summary>The provider's API, for Http.</summary>
        public string BaseUrl { get; set; } = "";

        /// <summary>The merchant's API key or client ID.</summary>
        public string ApiKey { get; set; } = "";

        /// <summary>The merchant's API secret or client secret.</summary>
        public string ApiSecret { get; set; } = "";

        /// <summary>The merchant's account at the provider (merchant key, subscription key), where the provider has one.</summary>
        public string MerchantId { get; set; } = "";

        /// <summary>The provider's environment, where its API names one: MTN MoMo's X-Target-Environment (sandbox,
        /// mtnivorycoast, mtncongo...).</summary>
        public string TargetEnvironment { get; set; } = "";

        /// <summary>The secrets callbacks are signed with: the current one first, then the one it replaces while a rotation
        /// is under way. A callback signed by any of them is accepted.</summary>
        public string[] CallbackSecrets { get; set; } = [];

        /// <summary>How far a callback's signed timestamp may be from now.</summary>
        public TimeSpan CallbackTolerance { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>Simulator: how long the simulated customer takes to answer.</summary>
        public TimeSpan CustomerDelay { get; set; } = TimeSpan.FromSeconds(3);

        /// <summary>Simulator: whether it calls the platform back itself once the customer answered (on in Development).</summary>
        public bool SendCallbacks { get; set; }
    }

    /// <summary>The job that settles payments whose provider never called back.</summary>
    public sealed class ReconciliationOptions
    {
        public bool Enabled { get; set; } = true;

        /// <summary>How often the job runs.</summary>
        public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

        /// <summary>How long a payment waits for its callback before the job asks the provider.</summary>
        public TimeSpan PendingAfter { get; set; } = TimeSpan.FromMinutes(2);

        /// <summary>How many payments one run looks at.</summary>
        public int BatchSize { get; set; } = 100;
    }
}

/// <summary>How a provider is reached.</summary>
public enum ProviderKind
{
    /// <summary>The method is not offered.</summary>
    None,

    /// <summary>The deterministic simulator (Development and tests only).</summary>
    Simulator,

    /// <summary>The provider's HTTP API.</summary>
    Http,
}
