using System.Security.Claims;
using Graph.Api.Catalog;
using Graph.Api.Data;

namespace Graph.Api.Reading;

/// <summary>Why a reader may not record reading of a book.</summary>
/// <param name="Code">A stable code clients can branch on.</param>
/// <param name="Message">The reason in words.</param>
public sealed record ReadingRefusal(string Code, string Message);

/// <summary>
/// The one place that decides whether a user may record reading (progress, bookmarks, annotations) of a book. For now the
/// book must exist in the catalog; ownership and plan access (Billing) are meant to be decided here too, so every reading
/// write goes through <see cref="CheckAsync"/>.
/// </summary>
public static class ReadingAccess
{
    /// <summary>The book does not exist.</summary>
    public const string BookNotFound = "BOOK_NOT_FOUND";

    /// <summary>Null when <paramref name="userId"/> may record reading of <paramref name="bookId"/>; otherwise why not.</summary>
    /// <remarks>The user is not consulted yet: every signed-in user may record reading of every book of the catalog.</remarks>
    public static async Task<ReadingRefusal?> CheckAsync(GraphDbContext db, Guid userId, Guid bookId, CancellationToken cancellationToken) =>
        userId == Guid.Empty || await BookSales.FindAsync(db, bookId, cancellationToken) is null
            ? new ReadingRefusal(BookNotFound, "There is no book with this ID.")
            : null;

    /// <summary>The signed-in caller's user id (an authorized reading field always has one).</summary>
    public static Guid ViewerId(ClaimsPrincipal user) =>
        Identity.IdentityClaims.GetUserId(user) ?? throw new InvalidOperationException("An authenticated caller carries a user ID.");
}
