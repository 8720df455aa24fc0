using System.Security.Claims;
using Graph.Api.Common;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Subscriptions;
using Graph.GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Graph.Api.Catalog;

/// <summary>The catalog's changes to books on Mutation.</summary>
[ExtendObjectType(OperationTypeNames.Mutation)]
public sealed class BookMutations
{
    /// <summary>The most categories a book is filed under.</summary>
    public const int MaxCategories = 10;

    /// <summary>
    /// Adds a book to the catalog. When the input breaks a rule, the payload lists every broken rule and nothing is saved.
    /// For ADMIN and AUTHOR; an author's book is a DRAFT until an administrator publishes it. A published book is announced
    /// on bookAdded.
    /// </summary>
    [Authorize(Roles = [PlatformRoles.AdminName, PlatformRoles.AuthorName])]
    public async Task<AddBookPayload> AddBookAsync(
        AddBookInput input,
        ClaimsPrincipal user,
        IDbContextFactory<GraphDbContext> contexts,
        ITopicEventSender events,
        TimeProvider clock,
        ILogger<BookMutations> logger,
        CancellationToken cancellationToken)
    {
        var errors = new List<InvalidBookInputError>();
        var title = BookRules.Line(input.Title, "title", BookRules.MaxTitleLength, "title", errors);
        var language = BookRules.Language(input.Language, "language", errors);
        var isbn = BookRules.Isbn13(input.Isbn, "isbn", errors);
        BookRules.Price(input.Price, "price", errors);
        var description = BookRules.Text(input.Description, "description", BookRules.MaxDescriptionLength, "description", errors);
        BookRules.Pages(input.PageCount, "pageCount", errors);
        var cover = BookRules.HttpsUrl(input.CoverUrl, "coverUrl", errors);
        var translations = Translations(input.Translations, language, errors);
        var admin = user.IsInRole(PlatformRoles.AdminName);
        var status = input.Status ?? (admin ? BookStatus.Published : BookStatus.Draft);
        if (status == BookStatus.Withdrawn)
        {
            errors.Add(new InvalidBookInputError("status", "A new book is a DRAFT or PUBLISHED."));
        }
        else if (status == BookStatus.Published && !admin)
        {
            errors.Add(new InvalidBookInputError("status", "Authors add drafts; an administrator publishes them."));
        }
        var formats = input.Formats?.Distinct().ToList() ?? [BookFormat.Epub];
        if (status == BookStatus.Published && formats.Count == 0)
        {
            errors.Add(new InvalidBookInputError("formats", "A published book is delivered in at least one format."));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var failures = new List<IAddBookError>(errors);
        if (!await db.Authors.AnyAsync(a => a.Id == input.AuthorId, cancellationToken))
        {
            failures.Add(new AuthorNotFoundError(input.AuthorId));
        }
        if (isbn is not null && await db.Books.AnyAsync(b => b.Isbn == isbn, cancellationToken))
        {
            failures.Add(new DuplicateIsbnError(isbn));
        }
        var relationErrors = new List<InvalidBookInputError>();
        await CheckPublisherAsync(db, input.PublisherId, relationErrors, cancellationToken);
        var categories = await CheckCategoriesAsync(db, input.CategoryIds, relationErrors, cancellationToken);
        failures.AddRange(relationErrors);
        if (failures.Count > 0)
        {
            return new AddBookPayload(null, failures);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var book = new Book
        {
            Title = title!,
            Description = description,
            Translations = translations,
            AuthorId = input.AuthorId,
            Language = language!,
            Price = new Money(input.Price.Amount, input.Price.Currency),
            Isbn = isbn,
            PublishedOn = input.PublishedOn,
            Status = status,
            Formats = formats,
            PageCount = input.PageCount,
            CoverUrl = cover,
            PublisherId = input.PublisherId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Books.Add(book);
        foreach (var categoryId in categories)
        {
            book.CategoryLinks.Add(new BookCategory { BookId = book.Id, CategoryId = categoryId });
        }
        if (await SaveAsync(db, isbn, cancellationToken) is { } conflict)
        {
            return new AddBookPayload(null, [conflict switch
            {
                SaveConflict.Isbn => new DuplicateIsbnError(isbn!),
                _ => new InvalidBookInputError("authorId", "The author, publisher or a category was deleted meanwhile."),
            }]);
        }
        if (book.Status == BookStatus.Published)
        {
            await AnnounceAsync(events, BookSubscriptions.BookAddedTopic, book, logger);
        }
        return new AddBookPayload(book, null);
    }

    /// <summary>
    /// Changes a book's details: fields left null keep their value, lists given replace the current ones, and
    /// <c>clear</c> empties optional fields. Every broken rule is listed and nothing is saved. For ADMIN. Announced on
    /// bookUpdated.
    /// </summary>
    [Authorize(Roles = [PlatformRoles.AdminName])]
    public async Task<UpdateBookPayload> UpdateBookAsync(
        UpdateBookInput input,
        IDbContextFactory<GraphDbContext> contexts,
        ITopicEventSender events,
        TimeProvider clock,
        ILogger<BookMutations> logger,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var book = await db.Books.Include(b => b.CategoryLinks).SingleOrDefaultAsync(b => b.Id == input.Id, cancellationToken);
        if (book is null)
        {
            return new UpdateBookPayload(null, [new BookNotFoundError(input.Id)]);
        }
        var errors = new List<InvalidBookInputError>();
        var clear = input.Clear?.ToHashSet() ?? [];
        if (input.Title is not null && BookRules.Line(input.Title, "title", BookRules.MaxTitleLength, "title", errors) is { } title)
        {
            book.Title = title;
        }
        if (input.Language is not null && BookRules.Language(input.Language, "language", errors) is { } language)
        {
            book.Language = language;
        }
        if (input.Description is not null)
        {
            book.Description = BookRules.Text(input.Description, "description", BookRules.MaxDescriptionLength, "description", errors);
        }
        if (input.Price is { } price)
        {
            var before = errors.Count;
            BookRules.Price(price, "price", errors);
            if (errors.Count == before)
            {
                book.Price = new Money(price.Amount, price.Currency);
            }
        }
        string? isbn = null;
        if (input.Isbn is not null && BookRules.Isbn13(input.Isbn, "isbn", errors) is { } newIsbn && newIsbn != book.Isbn)
        {
            isbn = newIsbn;
            book.Isbn = newIsbn;
        }
        if (input.PublishedOn is { } publishedOn)
        {
            book.PublishedOn = publishedOn;
        }
        if (input.Formats is { } formats)
        {
            book.Formats = [.. formats.Distinct()];
            if (book.Formats.Count == 0 && book.Status == BookStatus.Published)
            {
                errors.Add(new InvalidBookInputError("formats", "A published book is delivered in at least one format."));
            }
        }
        if (input.PageCount is { } pages)
        {
            BookRules.Pages(pages, "pageCount", errors);
            book.PageCount = pages;
        }
        if (input.CoverUrl is not null)
        {
            book.CoverUrl = BookRules.HttpsUrl(input.CoverUrl, "coverUrl", errors);
        }
        if (input.Translations is not null)
        {
            book.Translations = Translations(input.Translations, book.Language, errors);
        }
        else if (book.Translations.ContainsKey(book.Language))
        {
            errors.Add(new InvalidBookInputError("language", "The book already has a translation in this language; give the translations again without it."));
        }
        foreach (var field in clear)
        {
            switch (field)
            {
                case BookClearableField.Description: book.Description = null; break;
                case BookClearableField.Isbn: book.Isbn = null; break;
                case BookClearableField.PublishedOn: book.PublishedOn = null; break;
                case BookClearableField.PageCount: book.PageCount = null; break;
                case BookClearableField.CoverUrl: book.CoverUrl = null; break;
                case BookClearableField.Publisher: book.PublisherId = null; break;
            }
        }

        var failures = new List<IUpdateBookError>(errors);
        if (input.AuthorId is { } authorId)
        {
            if (await db.Authors.AnyAsync(a => a.Id == authorId, cancellationToken))
            {
                book.AuthorId = authorId;
            }
            else
            {
                failures.Add(new AuthorNotFoundError(authorId));
            }
        }
        if (isbn is not null && await db.Books.AnyAsync(b => b.Isbn == isbn && b.Id != book.Id, cancellationToken))
        {
            failures.Add(new DuplicateIsbnError(isbn));
        }
        var relationErrors = new List<InvalidBookInputError>();
        if (input.PublisherId is { } publisherId && !clear.Contains(BookClearableField.Publisher))
        {
            await CheckPublisherAsync(db, publisherId, relationErrors, cancellationToken);
            book.PublisherId = publisherId;
        }
        if (input.CategoryIds is not null)
        {
            var categories = await CheckCategoriesAsync(db, input.CategoryIds, relationErrors, cancellationToken);
            book.CategoryLinks.RemoveAll(l => !categories.Contains(l.CategoryId));
            foreach (var categoryId in categories.Where(c => book.CategoryLinks.All(l => l.CategoryId != c)))
            {
                book.CategoryLinks.Add(new BookCategory { BookId = book.Id, CategoryId = categoryId });
            }
        }
        failures.AddRange(relationErrors);
        if (failures.Count > 0)
        {
            return new UpdateBookPayload(null, failures);
        }
        book.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        if (await SaveAsync(db, isbn, cancellationToken) is { } conflict)
        {
            return new UpdateBookPayload(null, [conflict switch
            {
                SaveConflict.Isbn => new DuplicateIsbnError(isbn!),
                _ => new InvalidBookInputError("authorId", "The author, publisher or a category was deleted meanwhile."),
            }]);
        }
        await AnnounceAsync(events, BookSubscriptions.BookUpdatedTopic(book.Id), book, logger);
        return new UpdateBookPayload(book, null);
    }

    /// <summary>
    /// Publishes a DRAFT (or brings back a WITHDRAWN book): it is listed, searched and sold from now on. For ADMIN. A draft
    /// published for the first time is announced on bookAdded; every change of status on bookUpdated.
    /// </summary>
    [Authorize(Roles = [PlatformRoles.AdminName])]
    public async Task<PublishBookPayload> PublishBookAsync(
        PublishBookInput input,
        IDbContextFactory<GraphDbContext> contexts,
        ITopicEventSender events,
        TimeProvider clock,
        ILogger<BookMutations> logger,
        CancellationToken cancellationToken)
    {
        var (book, error, previous) = await MoveAsync(contexts, input.Id, BookStatus.Published, clock, cancellationToken);
        if (error is not null)
        {
            return new PublishBookPayload(null, [error]);
        }
        if (previous == BookStatus.Draft)
        {
            await AnnounceAsync(events, BookSubscriptions.BookAddedTopic, book!, logger);
        }
        await AnnounceAsync(events, BookSubscriptions.BookUpdatedTopic(book!.Id), book, logger);
        return new PublishBookPayload(book, null);
    }

    /// <summary>
    /// Withdraws a PUBLISHED book: no longer listed, searched nor sold; readers who own it keep it. For ADMIN. Announced on
    /// bookUpdated.
    /// </summary>
    [Authorize(Roles = [PlatformRoles.AdminName])]
    public async Task<WithdrawBookPayload> WithdrawBookAsync(
        WithdrawBookInput input,
        IDbContextFactory<GraphDbContext> contexts,
        ITopicEventSender events,
        TimeProvider clock,
        ILogger<BookMutations> logger,
        CancellationToken cancellationToken)
    {
        var (book, error, _) = await MoveAsync(contexts, input.Id, BookStatus.Withdrawn, clock, cancellationToken);
        if (error is not null)
        {
            return new WithdrawBookPayload(null, [error]);
        }
        await AnnounceAsync(events, BookSubscriptions.BookUpdatedTopic(book!.Id), book, logger);
        return new WithdrawBookPayload(book, null);
    }

    /// <summary>Moves a book to <paramref name="target"/> under its row lock, when the move is allowed.</summary>
    private static async Task<(Book? Book, IBookStatusError? Error, BookStatus Previous)> MoveAsync(
        IDbContextFactory<GraphDbContext> contexts, Guid id, BookStatus target, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var locked = await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM books WHERE id = {id} FOR UPDATE").ToListAsync(cancellationToken);
        var book = locked.Count == 0 ? null : await db.Books.SingleAsync(b => b.Id == id, cancellationToken);
        if (book is null)
        {
            return (null, new BookNotFoundError(id), default);
        }
        var previous = book.Status;
        var allowed = target switch
        {
            BookStatus.Published => previous is BookStatus.Draft or BookStatus.Withdrawn,
            BookStatus.Withdrawn => previous == BookStatus.Published,
            _ => false,
        };
        if (!allowed)
        {
            var name = EnumNames<BookStatus>.ToName(previous);
            return (null, new BookStatusConflictError(previous, target == BookStatus.Published
                ? $"The book is already {name}."
                : $"Only a PUBLISHED book can be withdrawn; this one is {name}."), previous);
        }
        if (target == BookStatus.Published && book.Formats.Count == 0)
        {
            return (null, new InvalidBookInputError("formats", "A published book is delivered in at least one format; give it one first (updateBook)."), previous);
        }
        book.Status = target;
        book.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (book, null, previous);
    }

    /// <summary>The translations as a map by language, or the broken rules in <paramref name="errors"/>.</summary>
    internal static Dictionary<string, BookText> Translations(IReadOnlyList<BookTranslationInput>? inputs, string? ownLanguage, List<InvalidBookInputError> errors)
    {
        var map = new Dictionary<string, BookText>(StringComparer.Ordinal);
        for (var i = 0; i < (inputs?.Count ?? 0); i++)
        {
            var input = inputs![i];
            var at = $"translations[{i}]";
            var language = BookRules.Language(input.Language, $"{at}.language", errors);
            var title = BookRules.Line(input.Title, $"{at}.title", BookRules.MaxTitleLength, "title", errors);
            var description = BookRules.Text(input.Description, $"{at}.description", BookRules.MaxDescriptionLength, "description", errors);
            if (language is null || title is null)
            {
                continue;
            }
            if (language == ownLanguage)
            {
                errors.Add(new InvalidBookInputError($"{at}.language", "The book's own language is given by title and description, not as a translation."));
            }
            else if (!map.TryAdd(language, new BookText(title, description)))
            {
                errors.Add(new InvalidBookInputError($"{at}.language", $"The language {language} is given twice."));
            }
        }
        return map;
    }

    private static async Task CheckPublisherAsync(GraphDbContext db, Guid? publisherId, List<InvalidBookInputError> errors, CancellationToken cancellationToken)
    {
        if (publisherId is { } id && !await db.Publishers.AnyAsync(p => p.Id == id, cancellationToken))
        {
            errors.Add(new InvalidBookInputError("publisherId", "There is no publisher with this ID."));
        }
    }

    private static async Task<HashSet<Guid>> CheckCategoriesAsync(GraphDbContext db, IReadOnlyList<Guid>? ids, List<InvalidBookInputError> errors, CancellationToken cancellationToken)
    {
        var wanted = ids?.ToHashSet() ?? [];
        if (wanted.Count > MaxCategories)
        {
            errors.Add(new InvalidBookInputError("categoryIds", $"A book is filed under at most {MaxCategories} categories."));
            return [];
        }
        if (wanted.Count == 0)
        {
            return wanted;
        }
        var found = await db.Categories.Where(c => wanted.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
        if (found.Count != wanted.Count)
        {
            errors.Add(new InvalidBookInputError("categoryIds", $"{wanted.Count - found.Count} of the categories do not exist."));
        }
        return wanted;
    }

    private enum SaveConflict
    {
        Isbn,
        Reference,
    }

    /// <summary>Saves, turning the races the checks cannot close (an ISBN taken, a reference deleted meanwhile) into conflicts.</summary>
    private static async Task<SaveConflict?> SaveAsync(GraphDbContext db, string? isbn, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "ix_books_isbn" } && isbn is not null)
        {
            return SaveConflict.Isbn;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation })
        {
            return SaveConflict.Reference;
        }
    }

    /// <summary>Sends a committed change's event; its failure is logged and never undoes the change.</summary>
    private static async Task AnnounceAsync(ITopicEventSender events, string topic, Book book, ILogger logger)
    {
        try
        {
            await events.SendAsync(topic, book, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Book {BookId} was saved, but its {Topic} event could not be sent.", book.Id, topic);
        }
    }
}
