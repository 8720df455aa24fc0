using System.Security.Claims;
using Graph.Api.Common;
using Graph.Api.Data;
using Graph.GraphQL.Data;
using Graph.GraphQL.Data.Filtering;
using Graph.GraphQL.Data.Sorting;
using Graph.GraphQL.Resolvers;
using Microsoft.EntityFrameworkCore;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;

namespace Graph.Api.Catalog;

/// <summary>The catalog's entry points on Query.</summary>
[ExtendObjectType(OperationTypeNames.Query)]
public sealed class CatalogQueries
{
    /// <summary>The books of the catalog, by title unless ordered otherwise: the published ones (administrators see every book).</summary>
    [UsePaging, UseProjection, UseFiltering(typeof(BookFilterInputType)), UseSorting(typeof(BookSortInputType))]
    public IQueryable<Book> GetBooks(GraphDbContext db, ClaimsPrincipal user) =>
        CatalogVisibility.Listed(db.Books.AsNoTracking(), user).OrderBy(b => b.Title);

    /// <summary>The authors of the catalog, by name unless ordered otherwise.</summary>
    [UsePaging, UseProjection, UseFiltering(typeof(AuthorFilterInputType)), UseSorting(typeof(AuthorSortInputType))]
    public IQueryable<Author> GetAuthors(GraphDbContext db) => db.Authors.AsNoTracking().OrderBy(a => a.Name);

    /// <summary>The publishers, by name unless ordered otherwise.</summary>
    [UsePaging, UseProjection, UseFiltering, UseSorting]
    public IQueryable<Publisher> GetPublishers(GraphDbContext db) => db.Publishers.AsNoTracking().OrderBy(p => p.Name);

    /// <summary>The top of the category tree (roots), by position and name; each category lists its children.</summary>
    [ListSize(AssumedSize = 20)]
    public async Task<List<Category>> GetCategoriesAsync(GraphDbContext db, CancellationToken cancellationToken) =>
        await db.Categories.AsNoTracking().Where(c => c.ParentId == null)
            .OrderBy(c => c.Position).ThenBy(c => c.Name).ThenBy(c => c.Id).ToListAsync(cancellationToken);

    /// <summary>A category by its slug, or null.</summary>
    public Task<Category?> GetCategoryBySlugAsync(string slug, GraphDbContext db, CancellationToken cancellationToken) =>
        db.Categories.AsNoTracking().SingleOrDefaultAsync(c => c.Slug == slug, cancellationToken);

    /// <summary>A book of the catalog, or null when there is none with this id (or it is a draft and you do not manage the catalog).</summary>
    public async Task<Book?> GetBookAsync([ID<Book>] Guid id, ClaimsPrincipal user, BookByIdDataLoader books, CancellationToken cancellationToken) =>
        await books.LoadAsync(id, cancellationToken) is { } book && CatalogVisibility.CanOpen(book, user) ? book : null;

    /// <summary>An author, or null when there is none with this id.</summary>
    public Task<Author?> GetAuthorAsync([ID<Author>] Guid id, AuthorByIdDataLoader authors, CancellationToken cancellationToken) =>
        authors.LoadAsync(id, cancellationToken);
}

/// <summary>Fields of Book that need the database or the reader's language.</summary>
[ExtendObjectType<Book>]
public sealed class BookFields
{
    /// <summary>Resolves a Book's global ID for node and nodes (drafts for catalog managers only).</summary>
    [NodeResolver]
    public static async Task<Book?> GetBookByIdAsync(Guid id, ClaimsPrincipal user, BookByIdDataLoader books, CancellationToken cancellationToken) =>
        await books.LoadAsync(id, cancellationToken) is { } book && CatalogVisibility.CanOpen(book, user) ? book : null;

    /// <summary>
    /// The title in <c>language</c> (an ISO 639-1 code) when given, else in the request's Accept-Language; a language the
    /// book has no translation in falls back to the next preferred, then to the book's own title.
    /// </summary>
    [BindMember(nameof(Book.Title))]
    public string GetTitle([Parent] Book book, string? language, IResolverContext context, IHttpContextAccessor accessor) =>
        CatalogLanguage.Choose(CatalogLanguage.Preferred(context, accessor, language), book.Language, book.Translations) is { } chosen
            ? book.Translations[chosen].Title
            : book.Title;

    /// <summary>The description in the language chosen as for <c>title</c>, or null when there is none.</summary>
    [BindMember(nameof(Book.Description))]
    public string? GetDescription([Parent] Book book, string? language, IResolverContext context, IHttpContextAccessor accessor)
    {
        var chosen = CatalogLanguage.Choose(CatalogLanguage.Preferred(context, accessor, language), book.Language, book.Translations);
        return (chosen is null ? null : book.Translations[chosen].Description) ?? book.Description;
    }

    /// <summary>The title and description in every language the book has, its own first.</summary>
    [ListSize(AssumedSize = 4)]
    public IReadOnlyList<BookTranslation> GetTranslations([Parent] Book book) =>
        [new BookTranslation(book.Language, book.Title, book.Description, true),
         .. book.Translations.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new BookTranslation(t.Key, t.Value.Title, t.Value.Description, false))];

    /// <summary>Who wrote the book.</summary>
    /// <remarks>
    /// Bound to the <see cref="Book.Author"/> navigation: under a projected list (<c>books { nodes { author { name } } }</c>)
    /// the author comes joined in the books' SQL statement; elsewhere (<c>book(id)</c>, <c>node(id)</c>, subscription
    /// events) the navigation is not loaded and the DataLoader fetches the authors of all those books in one query.
    /// </remarks>
    [BindMember(nameof(Book.Author))]
    public ValueTask<Author> GetAuthorAsync([Parent] Book book, AuthorByIdDataLoader authors, CancellationToken cancellationToken) =>
        book.Author is { } author ? ValueTask.FromResult(author) : LoadAuthorAsync(book, authors, cancellationToken);

    /// <summary>The publisher, when known.</summary>
    public async Task<Publisher?> GetPublisherAsync([Parent] Book book, PublisherByIdDataLoader publishers, CancellationToken cancellationToken) =>
        book.PublisherId is { } id ? await publishers.LoadAsync(id, cancellationToken) : null;

    /// <summary>The categories the book is filed under.</summary>
    [ListSize(AssumedSize = BookMutations.MaxCategories)]
    public Task<Category[]> GetCategoriesAsync([Parent] Book book, CategoriesByBookDataLoader categories, CancellationToken cancellationToken) =>
        categories.LoadAsync(book.Id, cancellationToken);

    private static async ValueTask<Author> LoadAuthorAsync(Book book, AuthorByIdDataLoader authors, CancellationToken cancellationToken) =>
        await authors.LoadAsync(book.AuthorId, cancellationToken)
        ?? throw new InvalidOperationException($"Book {book.Id} refers to the missing author {book.AuthorId}.");
}

/// <summary>A book's title and description in one language.</summary>
/// <param name="Language">ISO 639-1 code.</param>
/// <param name="Title">The title in that language.</param>
/// <param name="Description">The description in that language, when there is one.</param>
/// <param name="Original">Whether this is the book's own language.</param>
public sealed record BookTranslation(string Language, string Title, string? Description, bool Original);

/// <summary>Fields of Author that need the database or the reader's language.</summary>
[ExtendObjectType<Author>]
public sealed class AuthorFields
{
    /// <summary>Resolves an Author's global ID for node and nodes.</summary>
    [NodeResolver]
    public static Task<Author?> GetAuthorByIdAsync(Guid id, AuthorByIdDataLoader authors, CancellationToken cancellationToken) =>
        authors.LoadAsync(id, cancellationToken);

    /// <summary>The biography in <c>language</c> when given, else in the request's Accept-Language, falling back to French.</summary>
    [BindMember(nameof(Author.Biography))]
    public string? GetBiography([Parent] Author author, string? language, IResolverContext context, IHttpContextAccessor accessor) =>
        CatalogLanguage.Choose(CatalogLanguage.Preferred(context, accessor, language), "fr", author.Biographies) is { } chosen
            ? author.Biographies[chosen]
            : author.Biography;

    /// <summary>The author's books in the catalog, by title (drafts for catalog managers only).</summary>
    public async Task<IEnumerable<Book>> GetBooksAsync([Parent] Author author, ClaimsPrincipal user, BooksByAuthorDataLoader books, CancellationToken cancellationToken) =>
        (await books.LoadAsync(author.Id, cancellationToken)).Where(b => CatalogVisibility.ManagesCatalog(user) || b.Status == BookStatus.Published);
}

/// <summary>Fields of Category.</summary>
[ExtendObjectType<Category>]
public sealed class CategoryFields
{
    /// <summary>Resolves a Category's global ID for node and nodes.</summary>
    [NodeResolver]
    public static Task<Category?> GetCategoryByIdAsync(Guid id, CategoryByIdDataLoader categories, CancellationToken cancellationToken) =>
        categories.LoadAsync(id, cancellationToken);

    /// <summary>The name in <c>language</c> when given, else in the request's Accept-Language, falling back to French.</summary>
    [BindMember(nameof(Category.Name))]
    public string GetName([Parent] Category category, string? language, IResolverContext context, IHttpContextAccessor accessor) =>
        CatalogLanguage.Choose(CatalogLanguage.Preferred(context, accessor, language), "fr", category.Names) is { } chosen
            ? category.Names[chosen]
            : category.Name;

    /// <summary>The category above, or null for a root.</summary>
    public async Task<Category?> GetParentAsync([Parent] Category category, CategoryByIdDataLoader categories, CancellationToken cancellationToken) =>
        category.ParentId is { } id ? await categories.LoadAsync(id, cancellationToken) : null;

    /// <summary>The categories directly below, by position and name.</summary>
    [ListSize(AssumedSize = 10)]
    public Task<Category[]> GetChildrenAsync([Parent] Category category, CategoryChildrenDataLoader children, CancellationToken cancellationToken) =>
        children.LoadAsync(category.Id, cancellationToken);

    /// <summary>The published books filed under this category or any below it, by title unless ordered otherwise.</summary>
    [UsePaging, UseProjection, UseFiltering(typeof(BookFilterInputType)), UseSorting(typeof(BookSortInputType))]
    public async Task<IQueryable<Book>> GetBooksAsync([Parent] Category category, GraphDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var subtree = await CategoryTree.SubtreeAsync(db, category.Id, cancellationToken);
        return CatalogVisibility.Listed(db.Books.AsNoTracking(), user)
            .Where(b => db.BookCategories.Any(l => l.BookId == b.Id && subtree.Contains(l.CategoryId)))
            .OrderBy(b => b.Title);
    }
}

/// <summary>Fields of Publisher.</summary>
[ExtendObjectType<Publisher>]
public sealed class PublisherFields
{
    /// <summary>Resolves a Publisher's global ID for node and nodes.</summary>
    [NodeResolver]
    public static Task<Publisher?> GetPublisherByIdAsync(Guid id, PublisherByIdDataLoader publishers, CancellationToken cancellationToken) =>
        publishers.LoadAsync(id, cancellationToken);
}

/// <summary>What books can be filtered on (the fields with resolvers of their own, like the localized title, filter on
/// their stored value: the title in the book's own language).</summary>
public sealed class BookFilterInputType : FilterInputType<Book>
{
    /// <inheritdoc />
    protected override void Configure(IFilterInputTypeDescriptor<Book> descriptor) => descriptor
        .BindFieldsExplicitly()
        .Field(b => b.Id)
        .Field(b => b.Title)
        .Field(b => b.Isbn)
        .Field(b => b.Language)
        .Field(b => b.Price)
        .Field(b => b.PublishedOn)
        .Field(b => b.CreatedAt)
        .Field(b => b.Status)
        .Field(b => b.Formats)
        .Field(b => b.PageCount)
        .Field(b => b.UpdatedAt);
}

/// <summary>What books can be ordered by.</summary>
public sealed class BookSortInputType : SortInputType<Book>
{
    /// <inheritdoc />
    protected override void Configure(ISortInputTypeDescriptor<Book> descriptor)
    {
        descriptor.BindFieldsExplicitly();
        descriptor.Field(b => b.Id);
        descriptor.Field(b => b.Title);
        descriptor.Field(b => b.Isbn);
        descriptor.Field(b => b.Language);
        descriptor.Field(b => b.Price);
        descriptor.Field(b => b.PublishedOn);
        descriptor.Field(b => b.CreatedAt);
        descriptor.Field(b => b.Status);
        descriptor.Field(b => b.PageCount);
        descriptor.Field(b => b.UpdatedAt);
    }
}

/// <summary>What authors can be filtered on.</summary>
public sealed class AuthorFilterInputType : FilterInputType<Author>
{
    /// <inheritdoc />
    protected override void Configure(IFilterInputTypeDescriptor<Author> descriptor) => descriptor
        .BindFieldsExplicitly()
        .Field(a => a.Id)
        .Field(a => a.Name)
        .Field(a => a.CountryCode)
        .Field(a => a.Biography)
        .Field(a => a.CreatedAt);
}

/// <summary>What authors can be ordered by.</summary>
public sealed class AuthorSortInputType : SortInputType<Author>
{
    /// <inheritdoc />
    protected override void Configure(ISortInputTypeDescriptor<Author> descriptor)
    {
        descriptor.BindFieldsExplicitly();
        descriptor.Field(a => a.Id);
        descriptor.Field(a => a.Name);
        descriptor.Field(a => a.CountryCode);
        descriptor.Field(a => a.Biography);
        descriptor.Field(a => a.CreatedAt);
    }
}
