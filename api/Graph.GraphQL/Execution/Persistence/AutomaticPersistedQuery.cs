namespace Graph.GraphQL.Execution.Persistence;

/// <summary>
/// Automatic persisted queries (Apollo's protocol): a request's <c>extensions.persistedQuery</c>, read in one place for the
/// executor (which loads or stores the document) and the transports (which accept a request without a document then).
/// </summary>
public static class AutomaticPersistedQuery
{
    /// <summary>The hash of <c>extensions.persistedQuery</c> (version 1), or null; <paramref name="invalid"/> says what is wrong with it.</summary>
    public static string? ReadHash(IReadOnlyDictionary<string, object?>? extensions, out string? invalid)
    {
        invalid = null;
        if (extensions is null || !extensions.TryGetValue("persistedQuery", out var value) || value is null)
        {
            return null;
        }
        if (value is IReadOnlyDictionary<string, object?> withoutHash && !withoutHash.ContainsKey("sha256Hash"))
        {
            // Nothing to look up or check: the document, if any, speaks for itself.
            return null;
        }
        if (value is not IReadOnlyDictionary<string, object?> persisted
            || !persisted.TryGetValue("version", out var version) || version is not (1 or 1L or 1m or 1d)
            || persisted["sha256Hash"] is not string hash
            || !PersistedDocumentIds.IsSha256(hash))
        {
            invalid = "extensions.persistedQuery must be { \"version\": 1, \"sha256Hash\": \"<64 hex digits>\" }.";
            return null;
        }
        return hash.ToLowerInvariant();
    }
}
