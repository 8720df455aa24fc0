using Graph.GraphQL.Execution.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Graph.Api.Catalog;

/// <summary>The catalog's part of the graph (Coko): books and authors, addBook and bookAdded.</summary>
public static class CatalogGraph
{
    public static IRequestExecutorBuilder AddCatalog(this IRequestExecutorBuilder graph)
    {
        graph.Services.TryAddSingleton(TimeProvider.System);
        return graph
            .AddTypeExtension<CatalogQueries>()
            .AddTypeExtension<BookFields>()
            .AddTypeExtension<AuthorFields>()
            .AddTypeExtension<BookMutations>()
            .AddTypeExtension<BookSubscriptions>()
            .AddType<AuthorNotFoundError>()
            .AddType<InvalidBookInputError>()
            .AddType<DuplicateIsbnError>()
            .AddDataLoader<BookByIdDataLoader>()
            .AddDataLoader<AuthorByIdDataLoader>()
            .AddDataLoader<BooksByAuthorDataLoader>();
    }
}
