using System.Security.Claims;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.Api.Payments;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Billing;

/// <summary>Fields of Invoice beyond its row: node resolution, its lines, the payment, the corrected invoice, the document.</summary>
[ExtendObjectType<Invoice>]
public sealed class InvoiceFields
{
    /// <summary>The path of the printable document, under the API's address.</summary>
    public const string DocumentPath = "/billing/invoices/{0}/document";

    /// <summary>Resolves an Invoice's global ID for its buyer, FINANCE and ADMIN; anyone else gets null.</summary>
    [NodeResolver]
    public static async Task<Invoice?> GetInvoiceByIdAsync(Guid id, ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Invoices.AsNoTracking().VisibleTo(user).SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
    }

    /// <summary>The invoice's lines, in order.</summary>
    public async Task<IReadOnlyList<InvoiceLine>> GetLinesAsync([Parent] Invoice invoice, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        if (invoice.Lines.Count > 0)
        {
            return invoice.Lines;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.InvoiceLines.AsNoTracking().Where(l => l.InvoiceId == invoice.Id).OrderBy(l => l.Position).ToListAsync(cancellationToken);
    }

    /// <summary>The payment invoiced (for a credit note, the refund), as the caller may see it.</summary>
    public Task<Payment?> GetPaymentAsync([Parent] Invoice invoice, ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken) =>
        PaymentFields.GetPaymentByIdAsync(invoice.PaymentId, user, contexts, cancellationToken);

    /// <summary>For a credit note, the invoice it cancels.</summary>
    public async Task<Invoice?> GetCorrectsAsync([Parent] Invoice invoice, ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken) =>
        invoice.CorrectsInvoiceId is { } id ? await GetInvoiceByIdAsync(id, user, contexts, cancellationToken) : null;

    /// <summary>The buyer's account.</summary>
    public Task<User?> GetBuyerAsync([Parent] Invoice invoice, UserByIdDataLoader users, CancellationToken cancellationToken) =>
        users.LoadAsync(invoice.BuyerUserId, cancellationToken);

    /// <summary>Where the printable document is (HTML; <c>?format=pdf</c> for a PDF), relative to the API's address; it
    /// answers with the same bearer token as the graph.</summary>
    public string GetDocumentUrl([Parent] Invoice invoice, INodeIdSerializer ids) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, DocumentPath, Uri.EscapeDataString(ids.Format(nameof(Invoice), invoice.Id)));
}

/// <summary>Fields of SubscriptionPlan: node resolution (plans are public).</summary>
[ExtendObjectType<SubscriptionPlan>]
public sealed class SubscriptionPlanFields
{
    /// <summary>Resolves a SubscriptionPlan's global ID, for anyone.</summary>
    [NodeResolver]
    public static async Task<SubscriptionPlan?> GetPlanByIdAsync(Guid id, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.SubscriptionPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
    }
}

/// <summary>Fields of ReaderSubscription: node resolution, its plan, and whether it gives access now.</summary>
[ExtendObjectType<ReaderSubscription>]
public sealed class ReaderSubscriptionFields
{
    /// <summary>Resolves a ReaderSubscription's global ID for its reader, FINANCE and ADMIN; anyone else gets null.</summary>
    [NodeResolver]
    public static async Task<ReaderSubscription?> GetSubscriptionByIdAsync(Guid id, ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        var userId = user.GetUserId();
        if (userId is null)
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var all = InvoiceAccess.SeesAll(user);
        return await db.ReaderSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && (all || s.UserId == userId), cancellationToken);
    }

    /// <summary>The plan subscribed to.</summary>
    public Task<SubscriptionPlan?> GetPlanAsync([Parent] ReaderSubscription subscription, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken) =>
        SubscriptionPlanFields.GetPlanByIdAsync(subscription.PlanId, contexts, cancellationToken);

    /// <summary>Whether the subscription's paid period covers now.</summary>
    public bool GetGivesAccess([Parent] ReaderSubscription subscription, TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return subscription.Status is SubscriptionStatus.Active or SubscriptionStatus.Cancelled
               && subscription.CurrentPeriodStart <= now && subscription.CurrentPeriodEnd > now;
    }
}
