using Graph.Api.Billing;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Data.Seed;

/// <summary>
/// The demo's royalties: the author demo account (author@graph.local) linked to the author of the catalog's first book by
/// title (the book the demo reader bought, so the account has royalties to read), and a tiered royalty rule for that book
/// (65 %, 75 % from the 100th copy). Works over whatever catalog is there, saved or only added to the context; added once.
/// </summary>
public static class DemoRoyalties
{
    /// <summary>The account linked to an author.</summary>
    public const string AuthorEmail = "author@graph.local";

    /// <summary>Adds the link and the rule to <paramref name="db"/> (the caller saves); false when there is nothing to add.</summary>
    public static async Task<bool> AddAsync(GraphDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var account = db.Users.Local.FirstOrDefault(u => u.Email == AuthorEmail)
            ?? await db.Users.FirstOrDefaultAsync(u => u.Email == AuthorEmail, cancellationToken);
        var admin = db.Users.Local.FirstOrDefault(u => u.Email == "admin@graph.local")
            ?? await db.Users.FirstOrDefaultAsync(u => u.Email == "admin@graph.local", cancellationToken);
        var book = db.Books.Local.OrderBy(b => b.Title, StringComparer.Ordinal).FirstOrDefault()
            ?? await db.Books.OrderBy(b => b.Title).FirstOrDefaultAsync(cancellationToken);
        if (account is null || admin is null || book is null
            || db.Authors.Local.Any(a => a.UserId == account.Id) || await db.Authors.AnyAsync(a => a.UserId == account.Id, cancellationToken))
        {
            return false;
        }
        var author = db.Authors.Local.FirstOrDefault(a => a.Books.Contains(book))
            ?? await db.Authors.SingleAsync(a => a.Id == book.AuthorId, cancellationToken);
        if (author.UserId is not null)
        {
            return false;
        }
        author.UserId = account.Id;
        db.Set<RoyaltyRule>().Add(new RoyaltyRule
        {
            Id = Guid.CreateVersion7(now),
            BookId = book.Id,
            Revision = 1 + (await db.Set<RoyaltyRule>().Where(r => r.BookId == book.Id).MaxAsync(r => (int?)r.Revision, cancellationToken) ?? 0),
            Rate = 0.65m,
            TierFromCopy = 100,
            TierRate = 0.75m,
            ValidFrom = DateOnly.FromDateTime(now),
            CreatedAt = now,
            CreatedByUserId = admin.Id,
        });
        return true;
    }
}
