using System.Security.Claims;
using Graph.Api.Catalog;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Data;
using Graph.GraphQL.Data.Sorting;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Billing;

/// <summary>Billing's entry points on Query: plans, the viewer's library, subscriptions and invoices, and every invoice for
/// FINANCE.</summary>
[ExtendObjectType(OperationTypeNames.Query)]
public sealed class BillingQueries
{
    /// <summary>The plans open to subscriptions, cheapest first.</summary>
    public async Task<IReadOnlyList<SubscriptionPlan>> GetSubscriptionPlansAsync(IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.SubscriptionPlans.AsNoTracking().Where(p => p.Active).OrderBy(p => p.Price.Currency).ThenBy(p => p.Price.Amount).ThenBy(p => p.Code)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The books the viewer owns (bought, not refunded), by title.</summary>
    [Authorize]
    [UsePaging, UseProjection]
    public IQueryable<Book> GetMyLibrary(GraphDbContext db, ClaimsPrincipal user)
    {
        var userId = user.GetUserId() ?? throw new InvalidOperationException("An authenticated caller carries a user ID.");
        return db.Books.AsNoTracking()
            .Where(b => db.BookOwnerships.Any(o => o.UserId == userId && o.BookId == b.Id && o.RevokedAt == null))
            .OrderBy(b => b.Title).ThenBy(b => b.Id);
    }

    /// <summary>The viewer's subscriptions, newest first.</summary>
    [Authorize]
    [UsePaging, UseProjection]
    public IQueryable<ReaderSubscription> GetMySubscriptions(GraphDbContext db, ClaimsPrincipal user)
    {
        var userId = user.GetUserId() ?? throw new InvalidOperationException("An authenticated caller carries a user ID.");
        return db.ReaderSubscriptions.AsNoTracking().Where(s => s.UserId == userId).OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id);
    }

    /// <summary>The viewer's invoices and credit notes, newest first unless ordered otherwise.</summary>
    [Authorize]
    [UsePaging, UseFiltering(typeof(InvoiceFilterInputType)), UseSorting(typeof(InvoiceSortInputType))]
    public IQueryable<Invoice> GetMyInvoices(GraphDbContext db, ClaimsPrincipal user)
    {
        var userId = user.GetUserId() ?? throw new InvalidOperationException("An authenticated caller carries a user ID.");
        return db.Invoices.AsNoTracking().Where(i => i.BuyerUserId == userId).OrderByDescending(i => i.IssuedAt).ThenByDescending(i => i.Number);
    }

    /// <summary>Every invoice and credit note (FINANCE, ADMIN), newest first unless ordered otherwise.</summary>
    [Authorize(Roles = [PlatformRoles.FinanceName, PlatformRoles.AdminName])]
    [UsePaging, UseFiltering(typeof(InvoiceFilterInputType)), UseSorting(typeof(InvoiceSortInputType))]
    public IQueryable<Invoice> GetInvoices(GraphDbContext db) =>
        db.Invoices.AsNoTracking().OrderByDescending(i => i.IssuedAt).ThenByDescending(i => i.Number);

    /// <summary>An invoice, or null when there is none with this ID or the caller may not see it (its buyer, FINANCE, ADMIN).</summary>
    [Authorize]
    public Task<Invoice?> GetInvoiceAsync([ID<Invoice>] Guid id, ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken) =>
        InvoiceFields.GetInvoiceByIdAsync(id, user, contexts, cancellationToken);
}

/// <summary>The fields <c>invoices(where:)</c> and <c>myInvoices(where:)</c> filter on.</summary>
public sealed class InvoiceFilterInputType : FilterInputType<Invoice>
{
    /// <inheritdoc />
    protected override void Configure(IFilterInputTypeDescriptor<Invoice> descriptor) => descriptor
        .BindFieldsExplicitly()
        .Field(i => i.Number)
        .Field(i => i.Kind)
        .Field(i => i.Currency)
        .Field(i => i.BuyerName)
        .Field(i => i.IssuedAt);
}

/// <summary>The fields <c>invoices(order:)</c> and <c>myInvoices(order:)</c> sort by.</summary>
public sealed class InvoiceSortInputType : SortInputType<Invoice>
{
    /// <inheritdoc />
    protected override void Configure(ISortInputTypeDescriptor<Invoice> descriptor)
    {
        descriptor.BindFieldsExplicitly();
        descriptor.Field(i => i.IssuedAt);
        descriptor.Field(i => i.Number);
        descriptor.Field(i => i.BuyerName);
    }
}
