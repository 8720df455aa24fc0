using Graph.Api.Common;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Subscriptions;
using Graph.GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Graph.Api.Catalog;

/// <summary>The catalog's changes on Mutation.</summary>
[ExtendObjectType(OperationTypeNames.Mutation)]
public sealed class BookMutations
{
    /// <summary>The longest title, in characters (the column's length).</summary>
    public const int MaxTitleLength = 300;

    /// <summary>Amounts stop below this (the price column is numeric(19,4)).</summary>
    private const decimal AmountLimit = 1_000_000_000_000_000m;

    /// <summary>
    /// Adds a book to the catalog and announces it on bookAdded. When the input breaks a rule, the payload lists every
    /// broken rule and nothing is saved. For ADMIN and AUTHOR.
    /// </summary>
    [Authorize(Roles = [PlatformRoles.AdminName, PlatformRoles.AuthorName])]
    public async Task<AddBookPayload> AddBookAsync(
        AddBookInput input,
        IDbContextFactory<GraphDbContext> contexts,
        ITopicEventSender events,
        TimeProvider clock,
        ILogger<BookMutations> logger,
        CancellationToken cancellationToken)
    {
        var errors = new List<IAddBookError>();
        var title = CheckTitle(input.Title, errors);
        var language = LanguageCodes.Normalize(input.Language);
        if (language is null)
        {
            errors.Add(new InvalidBookInputError("language", "The language must be an ISO 639-1 code of two letters, e.g. fr, en or wo."));
        }
        string? isbn = null;
        if (input.Isbn is not null)
        {
            isbn = Isbn.Normalize(input.Isbn);
            if (isbn is null)
            {
                errors.Add(new InvalidBookInputError("isbn", "The ISBN must be an ISBN-13: 13 digits starting with 978 or 979, the last one the check digit."));
            }
        }
        CheckPrice(input.Price, errors);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Authors.AnyAsync(a => a.Id == input.AuthorId, cancellationToken))
        {
            errors.Add(new AuthorNotFoundError(input.AuthorId));
        }
        if (isbn is not null && await db.Books.AnyAsync(b => b.Isbn == isbn, cancellationToken))
        {
            errors.Add(new DuplicateIsbnError(isbn));
        }
        if (errors.Count > 0)
        {
            return AddBookPayload.Failed(errors);
        }

        var book = new Book
        {
            Title = title!,
            AuthorId = input.AuthorId,
            Language = language!,
            Price = new Money(input.Price.Amount, input.Price.Currency),
            Isbn = isbn,
            PublishedOn = input.PublishedOn,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Books.Add(book);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "ix_books_isbn" })
        {
            // Another request saved the same ISBN between the check and the insert.
            return AddBookPayload.Failed([new DuplicateIsbnError(isbn!)]);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation })
        {
            // The author was deleted between the check and the insert.
            return AddBookPayload.Failed([new AuthorNotFoundError(input.AuthorId)]);
        }

        // The book is committed: the event goes out even if the client has gone, and its failure does not undo the book.
        try
        {
            await events.SendAsync(BookSubscriptions.BookAddedTopic, book, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Book {BookId} was added, but its {Topic} event could not be sent.", book.Id, BookSubscriptions.BookAddedTopic);
        }
        return AddBookPayload.Added(book);
    }

    private static string? CheckTitle(string text, List<IAddBookError> errors)
    {
        var title = text.Trim();
        if (title.Length == 0)
        {
            errors.Add(new InvalidBookInputError("title", "The title must not be empty."));
            return null;
        }
        if (title.Any(char.IsControl))
        {
            errors.Add(new InvalidBookInputError("title", "The title must not contain control characters (line breaks, tabs, NUL)."));
            return null;
        }
        var length = title.EnumerateRunes().Count();
        if (length > MaxTitleLength)
        {
            errors.Add(new InvalidBookInputError("title", $"The title has {length} characters; at most {MaxTitleLength} are allowed."));
            return null;
        }
        return title;
    }

    private static void CheckPrice(MoneyInput price, List<IAddBookError> errors)
    {
        if (price.Amount <= 0)
        {
            errors.Add(new InvalidBookInputError("price.amount", "The price must be more than zero."));
            return;
        }
        if (price.Amount >= AmountLimit)
        {
            errors.Add(new InvalidBookInputError("price.amount", "The price is too large."));
            return;
        }
        var minorUnits = Money.MinorUnits(price.Currency);
        if (decimal.Round(price.Amount, minorUnits) != price.Amount)
        {
            errors.Add(new InvalidBookInputError("price.amount", minorUnits == 0
                ? $"{price.Currency} amounts have no decimals."
                : $"{price.Currency} amounts have at most {minorUnits} decimals."));
        }
    }
}
