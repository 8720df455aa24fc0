namespace Graph.Api.Billing;

/// <summary>Billing ("Graph:Billing"): the seller on invoices, VAT, and the subscription renewal job.</summary>
public sealed class BillingOptions
{
    /// <summary>The VAT rate prices include where no country rate applies (0.18: Senegal's and most of UEMOA's).</summary>
    public decimal VatRate { get; set; } = 0.18m;

    /// <summary>VAT rates by buyer's country (ISO 3166 alpha-2, told by the paying wallet's calling code), over
    /// <see cref="VatRate"/>.</summary>
    public Dictionary<string, decimal> VatRates { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SN"] = 0.18m,
        ["CI"] = 0.18m,
        ["ML"] = 0.18m,
        ["BF"] = 0.18m,
        ["BJ"] = 0.18m,
        ["TG"] = 0.18m,
        ["NE"] = 0.19m,
        ["GN"] = 0.18m,
        ["CM"] = 0.1925m,
    };

    /// <summary>The seller's name printed on invoices.</summary>
    public string SellerName { get; set; } = "Coko SAS";

    /// <summary>The seller's address printed on invoices.</summary>
    public string SellerAddress { get; set; } = "Dakar, Sénégal";

    /// <summary>The seller's tax identification (NINEA in Senegal), printed on invoices.</summary>
    public string SellerTaxId { get; set; } = "";

    public RenewalOptions Renewal { get; set; } = new();

    /// <summary>The job that renews subscriptions and expires those left unpaid.</summary>
    public sealed class RenewalOptions
    {
        public bool Enabled { get; set; } = true;

        /// <summary>How often the job runs.</summary>
        public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

        /// <summary>How long before a period ends its renewal payment is asked for.</summary>
        public TimeSpan RenewBefore { get; set; } = TimeSpan.FromDays(3);

        /// <summary>How many subscriptions one run looks at.</summary>
        public int BatchSize { get; set; } = 200;
    }
}
