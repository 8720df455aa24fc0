using Graph.GraphQL.Execution.Persistence;
using Microsoft.Extensions.Options;

namespace Graph.Api.Hosting;

/// <summary>
/// The trusted documents of "Graph:GraphQL:PersistedOperations:Path" (a folder of <c>{sha256}.graphql</c> files or a JSON
/// manifest, relative to the content root), or none when the setting is empty.
/// </summary>
public sealed class TrustedOperations(IOptions<GraphOptions> options, IHostEnvironment environment, ILogger<FileSystemOperationDocumentStorage> logger)
    : IOperationDocumentStorage
{
    private readonly FileSystemOperationDocumentStorage? _store = options.Value.GraphQL.PersistedOperations.Path is { Length: > 0 } path
        && !string.IsNullOrWhiteSpace(path)
            ? new FileSystemOperationDocumentStorage(Path.Combine(environment.ContentRootPath, path), logger)
            : null;

    public ValueTask<string?> TryReadAsync(string documentId, CancellationToken cancellationToken = default) =>
        _store?.TryReadAsync(documentId, cancellationToken) ?? ValueTask.FromResult<string?>(null);
}
