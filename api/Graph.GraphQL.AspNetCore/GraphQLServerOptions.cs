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

    /// <summary>
    /// The operation types GET may execute; default <see cref="AllowedGetOperations.Query"/> (others get 405). A GET that
    /// accepts <c>text/event-stream</c> may also carry a subscription when <see cref="EnableServerSentEvents"/> is on:
    /// a browser's <c>EventSource</c> can only send GET, and a subscription changes nothing.
    /// </summary>
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

    /// <summary>
    /// How long caches may keep the answer to a GET naming a persisted document (no document text in the URL, so the URL
    /// is short and stable): successful results get <c>Cache-Control: max-age</c> (<c>public</c>, or <c>private</c> when
    /// the request carries an <c>Authorization</c> header) and an <c>ETag</c>, and a matching <c>If-None-Match</c> gets 304.
    /// Default 60 seconds; <see cref="TimeSpan.Zero"/> turns it off.
    /// </summary>
    public TimeSpan PersistedOperationCacheMaxAge { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The GraphQL IDE (Banana Cake Pop) served to browsers that open the endpoint.</summary>
    public GraphQLToolOptions Tool { get; } = new();

    /// <summary>
    /// Whether GraphQL over WebSocket is served at the endpoint's path (subprotocols <c>graphql-transport-ws</c> and the
    /// legacy <c>graphql-ws</c>); default true. The application must call <c>app.UseWebSockets()</c> before the endpoints.
    /// When false an upgrade request gets 400.
    /// </summary>
    public bool EnableWebSockets { get; set; } = true;

    /// <summary>The WebSocket sessions: initialisation timeout, keep-alive, limits.</summary>
    public GraphQLSocketOptions Sockets { get; } = new();

    /// <summary>
    /// Whether a POST or GET that accepts <c>text/event-stream</c> is answered as Server-Sent Events (graphql-sse,
    /// distinct connections mode): subscriptions stream their results, queries and mutations send one; default true.
    /// When false such a request is negotiated as before (406 unless it also accepts JSON).
    /// </summary>
    public bool EnableServerSentEvents { get; set; } = true;

    /// <summary>The Server-Sent Events responses: keep-alive.</summary>
    public GraphQLServerSentEventsOptions ServerSentEvents { get; } = new();
}

/// <summary>
/// The self-hosted Banana Cake Pop IDE (the npm package <c>@chillicream/bananacakepop-graphql-ide</c>): a browser's
/// <c>GET {path}</c> (Accept <c>text/html</c>, no <c>query</c>) gets its index.html, its files are served under
/// <c>{path}/</c> and its configuration at <c>{path}/bcp-config.json</c> points it at the endpoint. Nothing is fetched
/// from a CDN.
/// </summary>
public sealed class GraphQLToolOptions
{
    /// <summary>The folder of the package <c>@chillicream/bananacakepop-graphql-ide</c>.</summary>
    public const string PackageFolder = "node_modules/@chillicream/bananacakepop-graphql-ide";

    /// <summary>The folder <see cref="Path"/> defaults to first, below the content root (where a container image copies the IDE).</summary>
    public const string DefaultFolder = "wwwroot/graphql-ide";

    /// <summary>Whether the IDE is served; default true. When false a browser opening the endpoint gets 406, as clients asking for HTML do.</summary>
    public bool Enable { get; set; } = true;

    /// <summary>
    /// The folder holding the IDE's files (index.html, static/...); a relative path starts at the content root.
    /// Null (the default) takes <see cref="DefaultFolder"/> below the content root when it holds an index.html, else
    /// the first <see cref="PackageFolder"/> found from the content root or the application's folder upwards (the
    /// repository's node_modules after <c>npm install</c>).
    /// </summary>
    public string? Path { get; set; }

    /// <summary>The title the IDE shows for the endpoint's connection; default "Graph".</summary>
    public string Title { get; set; } = "Graph";
}
