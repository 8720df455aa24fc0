using Graph.GraphQL.Execution.Configuration;

namespace Graph.Api.Catalog;

/// <summary>The catalog's part of the graph (Coko): books and authors.</summary>
public static class CatalogGraph
{
    public static IRequestExecutorBuilder AddCatalog(this IRequestExecutorBuilder graph) => graph
        .AddTypeExtension<CatalogQueries>()
        .AddTypeExtension<BookFields>()
        .AddTypeExtension<AuthorFields>()
        .AddDataLoader<BookByIdDataLoader>()
        .AddDataLoader<AuthorByIdDataLoader>()
        .AddDataLoader<BooksByAuthorDataLoader>();
}
