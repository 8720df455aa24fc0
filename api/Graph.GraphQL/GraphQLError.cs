namespace Graph.GraphQL;

/// <summary>
/// One error of a GraphQL response, shaped as the spec's "Errors" section describes:
/// a message, the document locations it refers to, the response path of the field that
/// raised it, and free-form extensions (where <c>code</c> lives).
/// </summary>
/// <remarks>Immutable; the <c>With*</c> methods return changed copies.</remarks>
public sealed class GraphQLError
{
    public GraphQLError(
        string message,
        IReadOnlyList<ErrorLocation>? locations = null,
        Path? path = null,
        IReadOnlyDictionary<string, object?>? extensions = null,
        Exception? exception = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(message);
        Message = message;
        Locations = locations is { Count: > 0 } ? locations : null;
        Path = path;
        Extensions = extensions is { Count: > 0 } ? extensions : null;
        Exception = exception;
    }

    /// <summary>What went wrong, for the client to read.</summary>
    public string Message { get; }

    /// <summary>Where in the document (1-based line and column), or null.</summary>
    public IReadOnlyList<ErrorLocation>? Locations { get; }

    /// <summary>The response path of the field in error, or null for request errors.</summary>
    public Path? Path { get; }

    /// <summary>Extra entries such as <c>code</c>; null when there are none.</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; }

    /// <summary>The exception behind the error. Never serialised to clients.</summary>
    public Exception? Exception { get; }

    /// <summary>The value of <c>extensions.code</c>, if any.</summary>
    public string? Code => Extensions is not null && Extensions.TryGetValue(ErrorCodes.ExtensionKey, out var c) ? c as string : null;

    public GraphQLError WithPath(Path? path) => new(Message, Locations, path, Extensions, Exception);

    public GraphQLError WithLocations(IReadOnlyList<ErrorLocation>? locations) => new(Message, locations, Path, Extensions, Exception);

    public GraphQLError WithMessage(string message) => new(message, Locations, Path, Extensions, Exception);

    public GraphQLError WithCode(string code) => WithExtension(ErrorCodes.ExtensionKey, code);

    public GraphQLError WithExtension(string key, object? value)
    {
        var extensions = Extensions is null
            ? new Dictionary<string, object?>(StringComparer.Ordinal)
            : new Dictionary<string, object?>(Extensions, StringComparer.Ordinal);
        extensions[key] = value;
        return new GraphQLError(Message, Locations, Path, extensions, Exception);
    }

    public override string ToString() => Locations is { Count: > 0 } l
        ? $"{Message} ({string.Join(", ", l.Select(x => $"{x.Line}:{x.Column}"))})"
        : Message;
}

/// <summary>A 1-based line and column in a GraphQL document.</summary>
public readonly record struct ErrorLocation(int Line, int Column);

/// <summary>Thrown when a request cannot go on; carries the errors to report.</summary>
public class GraphQLException : Exception
{
    public GraphQLException(GraphQLError error) : this([error]) { }

    public GraphQLException(IReadOnlyList<GraphQLError> errors)
        : base(errors.Count > 0 ? errors[0].Message : "GraphQL error.")
    {
        Errors = errors;
    }

    public GraphQLException(string message, string? code = null)
        : this(code is null ? new GraphQLError(message) : new GraphQLError(message).WithCode(code)) { }

    public IReadOnlyList<GraphQLError> Errors { get; }
}
