using Graph.GraphQL.Execution.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Graph.Api.Catalog;

/// <summary>The catalog's part of the graph (Coko): books, authors, categories and publishers, search, and their events.</summary>
public static class CatalogGraph
{
    public static IRequestExecutorBuilder AddCatalog(this IRequestExecutorBuilder graph)
    {
        graph.Services.TryAddSingleton(TimeProvider.System);
        graph.Services.AddHttpContextAccessor();
        return graph
            .AddTypeExtension<CatalogQueries>()
            .AddTypeExtension<BookSearchQueries>()
            .AddTypeExtension<BookRecommendationQueries>()
            .AddTypeExtension<BookRecommendationFields>()
            .AddTypeExtension<BookFields>()
            .AddTypeExtension<AuthorFields>()
            .AddTypeExtension<CategoryFields>()
            .AddTypeExtension<PublisherFields>()
            .AddTypeExtension<BookMutations>()
            .AddTypeExtension<CatalogMutations>()
            .AddTypeExtension<BookSubscriptions>()
            .AddType<AuthorNotFoundError>()
            .AddType<BookNotFoundError>()
            .AddType<BookStatusConflictError>()
            .AddType<InvalidBookInputError>()
            .AddType<DuplicateIsbnError>()
            .AddType<DuplicateNameError>()
            .AddDataLoader<BookByIdDataLoader>()
            .AddDataLoader<AuthorByIdDataLoader>()
            .AddDataLoader<BooksByAuthorDataLoader>()
            .AddDataLoader<CategoryByIdDataLoader>()
            .AddDataLoader<CategoriesByBookDataLoader>()
            .AddDataLoader<CategoryChildrenDataLoader>()
            .AddDataLoader<PublisherByIdDataLoader>();
    }
}
