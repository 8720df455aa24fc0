using Graph.Api.Common;
using Graph.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Catalog;

/// <summary>A book as a sale needs it: what it costs and whom its royalties are owed to.</summary>
public sealed record BookForSale(Guid BookId, string Title, Money Price, Guid AuthorId);

/// <summary>What the catalog tells other domains about selling a book (Payments asks it; domains never read each other's
/// tables).</summary>
public static class BookSales
{
    /// <summary>The book, its price and its author, or null when there is no such book.</summary>
    public static Task<BookForSale?> FindAsync(GraphDbContext db, Guid bookId, CancellationToken cancellationToken) =>
        db.Books.AsNoTracking().Where(b => b.Id == bookId)
            .Select(b => new BookForSale(b.Id, b.Title, b.Price, b.AuthorId))
            .SingleOrDefaultAsync(cancellationToken);
}
