using Graph.GraphQL.Execution.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Graph.Api.Reading;

/// <summary>Reading's part of the graph (Coko): progress, bookmarks and annotations synchronised across a reader's devices.</summary>
public static class ReadingGraph
{
    public static IRequestExecutorBuilder AddReading(this IRequestExecutorBuilder graph)
    {
        graph.Services.AddReadingServices();
        return graph
            .AddTypeExtension<ReadingQueries>()
            .AddTypeExtension<ReadingMutations>()
            .AddTypeExtension<ReadingSubscriptions>()
            .AddTypeExtension<BookReadingFields>()
            .AddTypeExtension<ReadingProgressFields>()
            .AddTypeExtension<BookmarkFields>()
            .AddTypeExtension<AnnotationFields>()
            .AddType<InvalidReadingInputError>()
            .AddType<ClientClockAheadError>()
            .AddType<BookNotReadableError>()
            .AddType<StaleProgressError>()
            .AddType<StaleBookmarkError>()
            .AddType<StaleAnnotationError>()
            .AddType<ReadingItemDeletedError>()
            .AddType<ReadingItemIdConflictError>()
            .AddType<ReadingItemNotFoundError>()
            .AddDataLoader<ReadingProgressDataLoader>();
    }

    /// <summary>The services that write reading data (no GraphQL).</summary>
    public static IServiceCollection AddReadingServices(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ReadingStore>();
        return services;
    }
}
