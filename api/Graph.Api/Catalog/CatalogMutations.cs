using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Graph.Api.Catalog;

/// <summary>The catalog's changes to authors, categories and publishers on Mutation. For ADMIN.</summary>
[ExtendObjectType(OperationTypeNames.Mutation)]
public sealed class CatalogMutations
{
    /// <summary>Adds an author to the catalog.</summary>
    [Authorize(Roles = [PlatformRoles.AdminName])]
    public async Task<AddAuthorPayload> AddAuthorAsync(AddAuthorInput input, IDbContextFactory<GraphDbContext> contexts, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new List<InvalidBookInputError>();
        var name = BookRules.Line(input.Name, "name", BookRules.MaxNameLength, "name", errors);
        var country = BookRules.Country(input.CountryCode, "countryCode", errors);
        var biography = BookRules.Text(input.Biography, "biography", 4000, "biography", errors);
        var biographies = Texts(input.Biographies, "biographies", 4000, errors);
        if (errors.Count > 0)
        {
            return new AddAuthorPayload(null, errors);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var author = new Author
        {
            Name = name!,
            CountryCode = country!,
            Biography = biography,
            Biographies = biographies,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Authors.Add(author);
        await db.SaveChangesAsync(cancellationToken);
        return new AddAuthorPayload(author, null);
    }

    /// <summary>Changes an author; null fields keep their value.</summary>
    [Authorize(Roles = [PlatformRoles.AdminName])]
    public async Task<UpdateAuthorPayload> UpdateAuthorAsync(UpdateAuthorInput input, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var author = await db.Authors.SingleOrDefaultAsync(a => a.Id == input.Id, cancellationToken);
        if (author is null)
        {
            return new UpdateAuthorPayload(null, [new AuthorNotFoundError(input.Id)]);
        }
        var errors = new List<InvalidBookInputError>();
        if (input.Name is not null && BookRules.Line(input.Name, "name", BookRules.MaxNameLength, "name", errors) is { } name)
        {
            author.Name = name;
        }
        if (input.CountryCode is not null && BookRules.Country(input.CountryCode, "countryCode", errors) is { } country)
        {
            author.CountryCode = country;
        }
        if (input.Biography is not null)
        {
            author.Biography = BookRules.Text(input.Biography, "biography", 4000, "biography", errors);
        }
        if (input.Biographies is not null)
        {
            author.Biographies = Texts(input.Biographies, "biographies", 4000, errors);
        }
        if (errors.Count > 0)
        {
            return new UpdateAuthorPayload(null, errors);
        }
        await db.SaveChangesAsync(cancellationToken);
        return new UpdateAuthorPayload(author, null);
    }

    /// <summary>Adds a category under <c>parentId</c> (or as a root). The tree is at most five levels deep.</summary>
    [Authorize(Roles = [PlatformRoles.AdminName])]
    public async Task<AddCategoryPayload> AddCategoryAsync(AddCategoryInput input, IDbContextFactory<GraphDbContext> contexts, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new List<InvalidBookInputError>();
        var slug = BookRules.Slug(input.Slug, "slug", errors);
        var name = BookRules.Line(input.Name, "name", BookRules.MaxNameLength, "name", errors);
        var names = Texts(input.Names, "names", BookRules.MaxNameLength, errors);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (input.ParentId is { } parentId)
        {
            var depth = await CategoryTree.DepthAsync(db, parentId, cancellationToken);
            if (depth is null)
            {
                errors.Add(new InvalidBookInputError("parentId", "There is no category with this ID."));
            }
            else if (depth >= Category.MaxDepth)
            {
                errors.Add(new InvalidBookInputError("parentId", $"The tree is at most {Category.MaxDepth} levels deep; this parent is at level {depth}."));
            }
        }
        if (errors.Count > 0)
        {
            return new AddCategoryPayload(null, errors);
        }
        var category = new Category
        {
            Slug = slug!,
            Name = name!,
            Names = names,
            ParentId = input.ParentId,
            Position = input.Position ?? 0,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Categories.Add(category);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return new AddCategoryPayload(null, [new DuplicateNameError("slug", slug!)]);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation })
        {
            return new AddCategoryPayload(null, [new InvalidBookInputError("parentId", "The parent category was deleted meanwhile.")]);
        }
        return new AddCategoryPayload(category, null);
    }

    /// <summary>Adds a publisher; names are unique.</summary>
    [Authorize(Roles = [PlatformRoles.AdminName])]
    public async Task<AddPublisherPayload> AddPublisherAsync(AddPublisherInput input, IDbContextFactory<GraphDbContext> contexts, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new List<InvalidBookInputError>();
        var name = BookRules.Line(input.Name, "name", BookRules.MaxNameLength, "name", errors);
        var country = BookRules.Country(input.CountryCode, "countryCode", errors);
        var website = BookRules.HttpsUrl(input.Website, "website", errors);
        if (errors.Count > 0)
        {
            return new AddPublisherPayload(null, errors);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var publisher = new Publisher { Name = name!, CountryCode = country!, Website = website, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Publishers.Add(publisher);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return new AddPublisherPayload(null, [new DuplicateNameError("name", name!)]);
        }
        return new AddPublisherPayload(publisher, null);
    }

    /// <summary>Texts by language, each checked; a language given twice is an error.</summary>
    private static Dictionary<string, string> Texts(IReadOnlyList<LocalizedTextInput>? inputs, string field, int max, List<InvalidBookInputError> errors)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < (inputs?.Count ?? 0); i++)
        {
            var at = $"{field}[{i}]";
            var language = BookRules.Language(inputs![i].Language, $"{at}.language", errors);
            var text = BookRules.Text(inputs[i].Text, $"{at}.text", max, "text", errors);
            if (language is null || text is null)
            {
                continue;
            }
            if (!map.TryAdd(language, text))
            {
                errors.Add(new InvalidBookInputError($"{at}.language", $"The language {language} is given twice."));
            }
        }
        return map;
    }
}
