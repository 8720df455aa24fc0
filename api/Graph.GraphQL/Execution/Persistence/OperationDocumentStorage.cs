using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Graph.GraphQL.Execution.Persistence;

/// <summary>
/// A store of operation documents by id (persisted operations): clients send the id (<c>documentId</c>, <c>id</c>, or the
/// <c>sha256Hash</c> of <c>extensions.persistedQuery</c>) instead of the document. Register stores with
/// <c>AddFileSystemOperationDocumentStorage</c> (trusted documents) or <c>AddAutomaticPersistedOperations</c>.
/// </summary>
public interface IOperationDocumentStorage
{
    /// <summary>The document stored under <paramref name="documentId"/>, or null.</summary>
    ValueTask<string?> TryReadAsync(string documentId, CancellationToken cancellationToken = default);
}

/// <summary>A store clients may add documents to (automatic persisted operations).</summary>
public interface IWritableOperationDocumentStorage : IOperationDocumentStorage
{
    /// <summary>Stores <paramref name="document"/> under <paramref name="documentId"/> (its SHA-256, verified by the caller).</summary>
    ValueTask SaveAsync(string documentId, string document, CancellationToken cancellationToken = default);
}

/// <summary>How persisted operations are served (<see cref="RequestExecutorOptions.PersistedOperations"/>).</summary>
public sealed class PersistedOperationOptions
{
    /// <summary>
    /// When true, only documents found in a store run: a request sending a document whose SHA-256 no store knows gets
    /// <c>PERSISTED_OPERATIONS_ONLY</c>, and automatic registration is off. The production switch for mobile clients
    /// that ship their operations. Default false.
    /// </summary>
    public bool OnlyAllowPersistedDocuments { get; set; }

    /// <summary>
    /// Whether a request carrying both a document and its <c>extensions.persistedQuery.sha256Hash</c> registers the document
    /// in the writable stores (automatic persisted operations). Set by <c>AddAutomaticPersistedOperations</c>.
    /// </summary>
    public bool AllowAutomaticRegistration { get; set; }
}

/// <summary>
/// Client-registered documents (automatic persisted operations) in memory, the least recently used dropped first once
/// <see cref="Capacity"/> is reached; each instance of the server keeps its own (a client whose hash is unknown to an
/// instance sends the document again, as the protocol expects).
/// </summary>
public sealed class InMemoryOperationDocumentStorage(int capacity = 1000) : IWritableOperationDocumentStorage
{
    private readonly object _sync = new();
    private readonly Dictionary<string, LinkedListNode<(string Id, string Document)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Id, string Document)> _order = new();

    /// <summary>The most documents kept.</summary>
    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public ValueTask<string?> TryReadAsync(string documentId, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (!_entries.TryGetValue(documentId, out var node))
            {
                return ValueTask.FromResult<string?>(null);
            }
            _order.Remove(node);
            _order.AddFirst(node);
            return ValueTask.FromResult<string?>(node.Value.Document);
        }
    }

    public ValueTask SaveAsync(string documentId, string document, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (_entries.ContainsKey(documentId))
            {
                return ValueTask.CompletedTask;
            }
            _entries[documentId] = _order.AddFirst((documentId, document));
            while (_entries.Count > Capacity)
            {
                var last = _order.Last!;
                _order.RemoveLast();
                _entries.Remove(last.Value.Id);
            }
        }
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Trusted documents shipped with the server, read once: either a folder of <c>{id}.graphql</c> files or a JSON manifest
/// (<c>{ "id": "document", ... }</c>, as client build tools write them). Ids that are 64 hex digits must be the SHA-256 of
/// their document; a document that does not hash to its id is refused at load time (logged), so a store never serves
/// a document under a false hash.
/// </summary>
public sealed class FileSystemOperationDocumentStorage : IOperationDocumentStorage
{
    private readonly Lazy<IReadOnlyDictionary<string, string>> _documents;

    /// <summary>Reads <paramref name="path"/> (a folder or a <c>.json</c> manifest) on first use.</summary>
    public FileSystemOperationDocumentStorage(string path, ILogger<FileSystemOperationDocumentStorage>? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        _documents = new Lazy<IReadOnlyDictionary<string, string>>(() => Load(Path, logger));
    }

    /// <summary>The folder or manifest file.</summary>
    public string Path { get; }

    /// <summary>How many documents the store holds.</summary>
    public int Count => _documents.Value.Count;

    public ValueTask<string?> TryReadAsync(string documentId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_documents.Value.TryGetValue(documentId, out var document) ? document : null);

    private static Dictionary<string, string> Load(string path, ILogger? logger)
    {
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        IEnumerable<(string Id, string Document)> entries;
        if (File.Exists(path) && path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            using var manifest = JsonDocument.Parse(File.ReadAllBytes(path));
            entries = manifest.RootElement.EnumerateObject()
                .Where(static p => p.Value.ValueKind == JsonValueKind.String)
                .Select(static p => (p.Name, p.Value.GetString()!))
                .ToList();
        }
        else if (Directory.Exists(path))
        {
            entries = Directory.EnumerateFiles(path, "*.graphql")
                .Select(static file => (System.IO.Path.GetFileNameWithoutExtension(file), File.ReadAllText(file)))
                .ToList();
        }
        else
        {
            throw new InvalidOperationException($"The persisted operations at {path} are missing: expected a folder of .graphql files or a .json manifest.");
        }

        foreach (var (rawId, document) in entries)
        {
            if (!PersistedDocumentIds.TryNormalize(rawId, out var id))
            {
                logger?.LogError("The persisted operation {Id} in {Path} was skipped: ids are letters, digits, '.', '_', '-' or a sha256 hash.", rawId, path);
                continue;
            }
            if (PersistedDocumentIds.IsSha256(id) && !string.Equals(Caching.DocumentKey.Compute(document).ToString(), id, StringComparison.Ordinal))
            {
                logger?.LogError("The persisted operation {Id} in {Path} was skipped: its document does not hash to its id.", rawId, path);
                continue;
            }
            documents[id] = document;
        }
        logger?.LogInformation("Loaded {Count} persisted operations from {Path}.", documents.Count, path);
        return documents;
    }
}

/// <summary>The ids of stored documents: a SHA-256 in hex (optionally <c>sha256:</c>-prefixed) or a safe name.</summary>
internal static class PersistedDocumentIds
{
    private const int MaxLength = 200;

    /// <summary>The id in its stored form (a hash in lower case without prefix), or false when it is not a valid id.</summary>
    public static bool TryNormalize(string raw, out string id)
    {
        id = raw.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) ? raw[7..] : raw;
        if (id.Length is 0 or > MaxLength)
        {
            return false;
        }
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }
        if (IsSha256(id))
        {
            id = id.ToLowerInvariant();
        }
        return true;
    }

    public static bool IsSha256(string id) => id.Length == 64 && id.All(char.IsAsciiHexDigit);
}
