namespace Graph.GraphQL.AspNetCore;

/// <summary>The operation types a GET request may carry (<see cref="GraphQLServerOptions.AllowedGetOperations"/>).</summary>
[Flags]
public enum AllowedGetOperations
{
    /// <summary>Queries only: what GraphQL over HTTP allows (GET is a safe method).</summary>
    Query = 1,

    /// <summary>Mutations too. Breaks the GraphQL-over-HTTP spec, which answers them with 405.</summary>
    Mutation = 2,

    /// <summary>Subscriptions (they still need a streaming transport).</summary>
    Subscription = 4,
}

/// <summary>What <c>MapGraphQL()</c> serves and how (HotChocolate's <c>GraphQLServerOptions</c>); set with <c>.WithOptions(...)</c>.</summary>
public sealed class GraphQLServerOptions
{
    /// <summary>The default <see cref="MaxRequestBodySize"/>: 1 MiB.</summary>
    public const long DefaultMaxRequestBodySize = 1024 * 1024;

    /// <summary>Whether GraphQL requests over GET (parameters in the query string) are served; default true.</summary>
    public bool EnableGetRequests { get; set; } = true;

    /// <summary>The operation types GET may execute; default <see cref="AllowedGetOperations.Query"/> (others get 405).</summary>
    public AllowedGetOperations AllowedGetOperations { get; set; } = AllowedGetOperations.Query;

    /// <summary>Whether <c>GET {path}?sdl</c> and <c>GET {path}/schema.graphql</c> return the schema as SDL; default true.</summary>
    public bool EnableSchemaRequests { get; set; } = true;

    /// <summary>The largest POST body accepted, in bytes; larger ones get 413. Default <see cref="DefaultMaxRequestBodySize"/>.</summary>
    public long MaxRequestBodySize { get; set; } = DefaultMaxRequestBodySize;

    /// <summary>
    /// Whether errors the transport itself raises for unexpected exceptions carry the exception's message and type.
    /// Null (the default) follows the executor's <c>RequestExecutorOptions.IncludeExceptionDetails</c>.
    /// Stack traces never reach clients from the transport.
    /// </summary>
    public bool? IncludeExceptionDetails { get; set; }
}
