using Graph.Api.Audit;
using Graph.Api.Catalog;
using Graph.Api.Identity;
using Graph.Api.Notifications;
using Graph.Api.Payments;
using Graph.Api.Tontines;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Data;

/// <summary>The one EF Core model over the PostgreSQL database. Entities configure themselves in their
/// domain folder (one <see cref="IEntityTypeConfiguration{TEntity}"/> each).</summary>
public sealed class GraphDbContext(DbContextOptions<GraphDbContext> options) : DbContext(options)
{
    public DbSet<Author> Authors => Set<Author>();

    public DbSet<Book> Books => Set<Book>();

    public DbSet<BookCategory> BookCategories => Set<BookCategory>();

    public DbSet<Category> Categories => Set<Category>();

    public DbSet<Publisher> Publishers => Set<Publisher>();

    public DbSet<BookSearchDocument> BookSearchDocuments => Set<BookSearchDocument>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<User> Users => Set<User>();

    public DbSet<UserRole> UserRoles => Set<UserRole>();

    public DbSet<Session> Sessions => Set<Session>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<LoginAttempt> LoginAttempts => Set<LoginAttempt>();

    public DbSet<PasswordResetCode> PasswordResetCodes => Set<PasswordResetCode>();

    public DbSet<PasswordResetRequest> PasswordResetRequests => Set<PasswordResetRequest>();

    public DbSet<PasswordResetAttempt> PasswordResetAttempts => Set<PasswordResetAttempt>();

    public DbSet<Tontine> Tontines => Set<Tontine>();

    public DbSet<TontineMember> TontineMembers => Set<TontineMember>();

    public DbSet<TontineSession> TontineSessions => Set<TontineSession>();

    public DbSet<TontineContribution> TontineContributions => Set<TontineContribution>();

    public DbSet<ContributionPayment> ContributionPayments => Set<ContributionPayment>();

    public DbSet<TontinePassage> TontinePassages => Set<TontinePassage>();

    public DbSet<TontineInvitation> TontineInvitations => Set<TontineInvitation>();

    public DbSet<TontineReminder> TontineReminders => Set<TontineReminder>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();

    public DbSet<PushDevice> PushDevices => Set<PushDevice>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<PaymentStatusChange> PaymentStatusChanges => Set<PaymentStatusChange>();

    public DbSet<LedgerPosting> LedgerPostings => Set<LedgerPosting>();

    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();

    public DbSet<FxRate> FxRates => Set<FxRate>();

    public DbSet<CashProof> CashProofs => Set<CashProof>();

    public DbSet<PaymentCallback> PaymentCallbacks => Set<PaymentCallback>();

    public DbSet<PaymentMismatch> PaymentMismatches => Set<PaymentMismatch>();

    public DbSet<Billing.BookOwnership> BookOwnerships => Set<Billing.BookOwnership>();

    public DbSet<Billing.SubscriptionPlan> SubscriptionPlans => Set<Billing.SubscriptionPlan>();

    public DbSet<Billing.ReaderSubscription> ReaderSubscriptions => Set<Billing.ReaderSubscription>();

    public DbSet<Billing.Invoice> Invoices => Set<Billing.Invoice>();

    public DbSet<Billing.InvoiceLine> InvoiceLines => Set<Billing.InvoiceLine>();

    public DbSet<Billing.InvoiceCounter> InvoiceCounters => Set<Billing.InvoiceCounter>();

    public DbSet<Deliveries.Cooperative> Cooperatives => Set<Deliveries.Cooperative>();

    public DbSet<Deliveries.CooperativeManager> CooperativeManagers => Set<Deliveries.CooperativeManager>();

    public DbSet<Deliveries.Planter> Planters => Set<Deliveries.Planter>();

    public DbSet<Deliveries.Plot> Plots => Set<Deliveries.Plot>();

    public DbSet<Deliveries.Warehouse> Warehouses => Set<Deliveries.Warehouse>();

    public DbSet<Deliveries.Delivery> Deliveries => Set<Deliveries.Delivery>();

    public DbSet<Deliveries.DeliveryPayment> DeliveryPayments => Set<Deliveries.DeliveryPayment>();

    public DbSet<Deliveries.Lot> Lots => Set<Deliveries.Lot>();

    public DbSet<Deliveries.LotDelivery> LotDeliveries => Set<Deliveries.LotDelivery>();

    public DbSet<Deliveries.StockMovement> StockMovements => Set<Deliveries.StockMovement>();

    public DbSet<Deliveries.LotSale> LotSales => Set<Deliveries.LotSale>();

    public DbSet<Deliveries.TraceEvent> TraceEvents => Set<Deliveries.TraceEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(GraphDbContext).Assembly);
        modelBuilder.UseSnakeCaseNames();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Times are UTC instants everywhere in the graph.
        configuration.Properties<DateTime>().HaveColumnType("timestamp with time zone");
    }
}
