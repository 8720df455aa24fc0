namespace Graph.GraphQL.AspNetCore;

/// <summary>How Server-Sent Events responses behave (<see cref="GraphQLServerOptions.ServerSentEvents"/>).</summary>
public sealed class GraphQLServerSentEventsOptions
{
    /// <summary>The default <see cref="KeepAliveInterval"/>: 12 seconds.</summary>
    public static readonly TimeSpan DefaultKeepAliveInterval = TimeSpan.FromSeconds(12);

    private TimeSpan? _keepAliveInterval = DefaultKeepAliveInterval;

    /// <summary>
    /// How often a comment line (<c>:</c>) is written while a stream is quiet, so that proxies do not drop it. Null
    /// turns it off. Default 12 seconds.
    /// </summary>
    public TimeSpan? KeepAliveInterval
    {
        get => _keepAliveInterval;
        set => _keepAliveInterval = value is null || value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The keep-alive interval must be positive (null turns it off).");
    }
}
