using Graph.Api.Common;
using Graph.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Catalog;

/// <summary>A book as a sale needs it: what it costs, whom its royalties are owed to, and whether it is on sale.</summary>
public sealed record BookForSale(Guid BookId, string Title, Money Price, Guid AuthorId, BookStatus Status)
{
    /// <summary>Whether the book can be bought now (only PUBLISHED books are sold).</summary>
    public bool OnSale => Status == BookStatus.Published;
}

/// <summary>What the catalog tells other domains about selling a book (Payments asks it; domains never read each other's
/// tables).</summary>
public static class BookSales
{
    /// <summary>The book, its price and its author, or null when there is no such book.</summary>
    public static Task<BookForSale?> FindAsync(GraphDbContext db, Guid bookId, CancellationToken cancellationToken) =>
        db.Books.AsNoTracking().Where(b => b.Id == bookId)
            .Select(b => new BookForSale(b.Id, b.Title, b.Price, b.AuthorId, b.Status))
            .SingleOrDefaultAsync(cancellationToken);
}
