namespace Graph.GraphQL.AspNetCore;

/// <summary>
/// How GraphQL WebSocket sessions behave (<see cref="GraphQLServerOptions.Sockets"/>). Every setter refuses values that
/// would leave a session without a bound (zero or negative sizes and durations).
/// </summary>
public sealed class GraphQLSocketOptions
{
    /// <summary>The default <see cref="ConnectionInitializationTimeout"/>: 10 seconds.</summary>
    public static readonly TimeSpan DefaultConnectionInitializationTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The default <see cref="KeepAliveInterval"/>: 12 seconds.</summary>
    public static readonly TimeSpan DefaultKeepAliveInterval = TimeSpan.FromSeconds(12);

    /// <summary>The default <see cref="MaxOperationsPerConnection"/>: 100.</summary>
    public const int DefaultMaxOperationsPerConnection = 100;

    /// <summary>The default <see cref="MaxMessageSize"/>: 1 MiB, as for an HTTP request body.</summary>
    public const int DefaultMaxMessageSize = 1024 * 1024;

    private TimeSpan _connectionInitializationTimeout = DefaultConnectionInitializationTimeout;
    private TimeSpan? _keepAliveInterval = DefaultKeepAliveInterval;
    private int _maxOperationsPerConnection = DefaultMaxOperationsPerConnection;
    private int _maxMessageSize = DefaultMaxMessageSize;

    /// <summary>
    /// How long a client has, once the socket is open, to send <c>connection_init</c>; after that the socket is closed
    /// with 4408. The protocol leaves the value to the server; the default (10 s) leaves room for slow mobile networks.
    /// </summary>
    public TimeSpan ConnectionInitializationTimeout
    {
        get => _connectionInitializationTimeout;
        set => _connectionInitializationTimeout = value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The connection initialisation timeout must be positive.");
    }

    /// <summary>
    /// How often the server sends a keep-alive once the connection is acknowledged (<c>ping</c> in
    /// <c>graphql-transport-ws</c>, <c>ka</c> in <c>graphql-ws</c>), so that proxies do not drop quiet sockets.
    /// Null turns it off. Default 12 seconds.
    /// </summary>
    public TimeSpan? KeepAliveInterval
    {
        get => _keepAliveInterval;
        set => _keepAliveInterval = value is null || value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The keep-alive interval must be positive (null turns it off).");
    }

    /// <summary>
    /// How many operations one connection may run at once; one more gets an error with code
    /// <c>TOO_MANY_OPERATIONS</c> (the others go on). Default <see cref="DefaultMaxOperationsPerConnection"/>.
    /// </summary>
    public int MaxOperationsPerConnection
    {
        get => _maxOperationsPerConnection;
        set => _maxOperationsPerConnection = value > 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The operation limit must be positive.");
    }

    /// <summary>
    /// The largest message a client may send, in bytes; a larger one closes the socket with 4400.
    /// Default <see cref="DefaultMaxMessageSize"/>.
    /// </summary>
    public int MaxMessageSize
    {
        get => _maxMessageSize;
        set => _maxMessageSize = value > 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The message size limit must be positive.");
    }
}
