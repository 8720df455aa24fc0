using Graph.Api.Common;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.Api.Payments;
using Graph.Api.Payments.Providers;
using Graph.Api.Tests.Identity;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tests.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Payments;

/// <summary>
/// The real server for payment tests, on a test class's database, with a clock the test moves: every provider is the
/// simulator (the customer answers after <see cref="CustomerDelay"/>), signed with <see cref="SecretOf"/>, and neither the
/// simulators' own callbacks nor the reconciliation job run, so tests send callbacks and run reconciliation themselves.
/// </summary>
internal sealed class PaymentsHost : IAsyncDisposable
{
    /// <summary>How long the simulated customer takes to answer.</summary>
    public static readonly TimeSpan CustomerDelay = TimeSpan.FromSeconds(30);

    private readonly DatabaseFixture _database;

    private PaymentsHost(DatabaseFixture database, InboxHost inbox)
    {
        _database = database;
        Inbox = inbox;
    }

    public InboxHost Inbox { get; }

    public ManualClock Clock => Inbox.Clock;

    public IServiceProvider Services => Inbox.Services;

    public DateTime Now => Inbox.Now;

    public PaymentService Payments => Services.GetRequiredService<PaymentService>();

    /// <summary>The callback secret the simulator of <paramref name="method"/> signs with.</summary>
    public static string SecretOf(PaymentMethod method) => $"test-{PaymentProviders.SlugOf(method)}-callback-secret";

    /// <summary>The settings of every provider as the simulator (no callbacks of its own), reconciliation off.</summary>
    public static Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Graph:Payments:Reconciliation:Enabled"] = "false",
        };
        foreach (var method in EnumNames<PaymentMethod>.All.Where(m => m != PaymentMethod.Cash))
        {
            var prefix = $"Graph:Payments:Providers:{method}";
            settings[$"{prefix}:Kind"] = "Simulator";
            settings[$"{prefix}:SendCallbacks"] = "false";
            settings[$"{prefix}:CustomerDelay"] = CustomerDelay.ToString("c");
            // The configuration binder appends to arrays already filled: index 0 replaces the development secret.
            settings[$"{prefix}:CallbackSecrets:0"] = SecretOf(method);
        }
        return settings;
    }

    /// <summary>
    /// Settings that make every sale VAT-free (the default rate and each country's at zero, as for VAT-exempt books), for
    /// tests whose figures are about royalties or the ledger's split rather than tax; BillingTests covers VAT.
    /// </summary>
    public static Dictionary<string, string?> WithoutVat()
    {
        var settings = new Dictionary<string, string?> { ["Graph:Billing:VatRate"] = "0" };
        foreach (var country in new Graph.Api.Billing.BillingOptions().VatRates.Keys)
        {
            settings[$"Graph:Billing:VatRates:{country}"] = "0";
        }
        return settings;
    }

    /// <summary>Starts the server with <see cref="Settings"/> and <paramref name="settings"/> over them; <paramref name="services"/>
    /// replaces services after the server registered its own.</summary>
    public static PaymentsHost Start(DatabaseFixture database, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, ManualClock? clock = null)
    {
        var all = Settings();
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        return new PaymentsHost(database, new InboxHost(database, IdentityHost.Start(database, all, clock, services)));
    }

    /// <summary>A client of the test server (HTTP in memory).</summary>
    public HttpClient Client => Inbox.Host.Client;

    /// <summary>The test server's factory (its <c>Server.CreateHandler()</c> reaches it without a network).</summary>
    public GraphApiFactory Factory => Inbox.Host.Factory;

    public ValueTask DisposeAsync() => Inbox.DisposeAsync();

    /// <summary>A context of the test's own, without the server's interceptors.</summary>
    public GraphDbContext TestContext() => _database.CreateContext();

    public Task<User> AddUserAsync(PreferredLanguage language = PreferredLanguage.Fr) => Inbox.AddUserAsync(language);

    /// <summary>The simulator serving <paramref name="method"/>.</summary>
    public PaymentSimulator Simulator(PaymentMethod method) =>
        (PaymentSimulator)Services.GetRequiredService<PaymentProviders>().Find(method)!;

    /// <summary>A mobile money request for a subscription paid by <paramref name="payer"/> (a new idempotency key each time).</summary>
    public static PaymentRequest Subscription(Guid payer, PaymentMethod method = PaymentMethod.OrangeMoney, string wallet = "+221771234567", decimal amount = 2500m, string? key = null) => new()
    {
        Purpose = PaymentPurpose.Subscription,
        Method = method,
        Amount = new Money(amount, Currency.XOF),
        WalletNumber = wallet,
        PayerUserId = payer,
        Description = "Abonnement Coko, 1 mois",
        IdempotencyKey = key ?? Guid.NewGuid().ToString("N"),
    };

    /// <summary>The payment, its history and its postings, as stored.</summary>
    public async Task<(Payment Payment, List<PaymentStatusChange> History, List<LedgerPosting> Postings)> LoadAsync(Guid paymentId)
    {
        await using var db = TestContext();
        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId);
        var history = await db.PaymentStatusChanges.AsNoTracking().Where(c => c.PaymentId == paymentId).OrderBy(c => c.Id).ToListAsync();
        var postings = await db.LedgerPostings.AsNoTracking().Include(p => p.Entries).Where(p => p.PaymentId == paymentId).ToListAsync();
        return (payment, history, postings);
    }
}
