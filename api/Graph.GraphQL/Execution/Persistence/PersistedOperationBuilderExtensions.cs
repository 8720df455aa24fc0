using Graph.GraphQL.Execution.Configuration;
using Graph.GraphQL.Execution.Persistence;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers stores of persisted operations (HotChocolate's operation document storage).</summary>
public static class PersistedOperationBuilderExtensions
{
    /// <summary>
    /// Serves the trusted documents at <paramref name="path"/>: a folder of <c>{id}.graphql</c> files or a JSON manifest
    /// <c>{ "id": "document" }</c> (see <see cref="FileSystemOperationDocumentStorage"/>).
    /// </summary>
    public static IRequestExecutorBuilder AddFileSystemOperationDocumentStorage(this IRequestExecutorBuilder builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(path);
        builder.Services.AddSingleton<IOperationDocumentStorage>(sp =>
            new FileSystemOperationDocumentStorage(path, sp.GetService<ILoggerFactory>()?.CreateLogger<FileSystemOperationDocumentStorage>()));
        return builder;
    }

    /// <summary>Adds a store of operation documents (looked up in registration order).</summary>
    public static IRequestExecutorBuilder AddOperationDocumentStorage(this IRequestExecutorBuilder builder, IOperationDocumentStorage storage)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(storage);
        builder.Services.AddSingleton(storage);
        return builder;
    }

    /// <summary>Adds a store of operation documents created by the container (looked up in registration order).</summary>
    public static IRequestExecutorBuilder AddOperationDocumentStorage<TStorage>(this IRequestExecutorBuilder builder)
        where TStorage : class, IOperationDocumentStorage
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IOperationDocumentStorage, TStorage>();
        return builder;
    }

    /// <summary>
    /// Automatic persisted queries: a client sends the SHA-256 of its document in <c>extensions.persistedQuery</c>; an
    /// unknown hash gets <c>PersistedQueryNotFound</c>, the client sends the document with the hash once, and the server
    /// keeps it (in memory, the <paramref name="capacity"/> most recently used) for the hash-only requests that follow.
    /// Registration stays off while <see cref="PersistedOperationOptions.OnlyAllowPersistedDocuments"/> is on.
    /// </summary>
    public static IRequestExecutorBuilder AddAutomaticPersistedOperations(this IRequestExecutorBuilder builder, int capacity = 1000)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IOperationDocumentStorage, InMemoryOperationDocumentStorage>(_ => new InMemoryOperationDocumentStorage(capacity)));
        return builder.ModifyRequestOptions(o => o.PersistedOperations.AllowAutomaticRegistration = true);
    }
}
