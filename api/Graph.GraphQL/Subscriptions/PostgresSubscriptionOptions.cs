using System.Text;
using System.Text.Json;
using Npgsql;

namespace Graph.GraphQL.Subscriptions;

/// <summary>
/// The PostgreSQL provider (<c>AddPostgresSubscriptions</c>): where to connect, the NOTIFY channel, the JSON of the
/// events, and the limits of the listener. The buffer settings of <see cref="SubscriptionOptions"/> apply to the local
/// subscribers of each instance.
/// </summary>
public sealed class PostgresSubscriptionOptions : SubscriptionOptions
{
    /// <summary>The channel name unless set.</summary>
    public const string DefaultChannelName = "graph_subscriptions";

    /// <summary>
    /// Gives the data source to connect with, from the application services (typically the one the application already
    /// registers, so the listener and the senders share its settings and pool). Takes precedence over <see cref="ConnectionString"/>.
    /// The provider does not dispose a data source it was given.
    /// </summary>
    public Func<IServiceProvider, NpgsqlDataSource>? DataSourceFactory { get; set; }

    /// <summary>A connection string, when no <see cref="DataSourceFactory"/> is set; the provider then owns its data source.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The LISTEN/NOTIFY channel every instance of the application shares (at most 63 bytes; taken literally, case
    /// included). Applications sharing a database keep apart by using different channels.
    /// </summary>
    public string ChannelName { get; set; } = DefaultChannelName;

    /// <summary>How events are written as JSON and read back; the web defaults (camelCase, case-insensitive reading) unless set.</summary>
    public JsonSerializerOptions SerializerOptions { get; set; } = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The largest event, in bytes of its JSON envelope (1 MiB unless set). Sending a larger one throws; the listener
    /// refuses announced messages that would exceed it.
    /// </summary>
    public int MaxMessageSize { get; set; } = 1024 * 1024;

    /// <summary>How long the listener keeps the chunks of a message whose other chunks have not arrived (30 seconds unless set).</summary>
    public TimeSpan IncompleteMessageTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most the listener holds in chunks of incomplete messages, in bytes (16 MiB unless set, at least
    /// <see cref="MaxMessageSize"/>); beyond it the oldest incomplete messages are dropped.
    /// </summary>
    public long MaxIncompleteMessageBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>The wait before the first reconnection of the listener (half a second unless set); it doubles after each failure.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between two reconnection attempts (30 seconds unless set).</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After this long without notifications the listener checks its connection with a query (30 seconds unless set), so
    /// a silently dead connection is noticed and replaced.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The <c>application_name</c> the listening session sets, so operators (and <c>pg_stat_activity</c>) can tell it
    /// apart; "graph subscriptions" unless set.
    /// </summary>
    public string ListenerApplicationName { get; set; } = "graph subscriptions";

    /// <summary>The clock of the incomplete-message timeout (the system clock unless set).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal override void Validate()
    {
        base.Validate();
        if (DataSourceFactory is null && string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new InvalidOperationException("PostgresSubscriptionOptions needs a DataSourceFactory or a ConnectionString.");
        }
        if (string.IsNullOrEmpty(ChannelName) || Encoding.UTF8.GetByteCount(ChannelName) > 63 || ChannelName.Contains('\0', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"PostgresSubscriptionOptions.ChannelName must have 1 to 63 bytes and no NUL character (was \"{ChannelName}\").");
        }
        if (SerializerOptions is null || TimeProvider is null || ListenerApplicationName is null)
        {
            throw new InvalidOperationException("PostgresSubscriptionOptions.SerializerOptions, TimeProvider and ListenerApplicationName must not be null.");
        }
        if (MaxMessageSize < 1024)
        {
            throw new InvalidOperationException($"PostgresSubscriptionOptions.MaxMessageSize must be at least 1024 bytes (was {MaxMessageSize}).");
        }
        if (MaxIncompleteMessageBytes < MaxMessageSize)
        {
            throw new InvalidOperationException("PostgresSubscriptionOptions.MaxIncompleteMessageBytes must be at least MaxMessageSize.");
        }
        foreach (var (name, value) in new[]
        {
            (nameof(IncompleteMessageTimeout), IncompleteMessageTimeout),
            (nameof(ReconnectDelay), ReconnectDelay),
            (nameof(MaxReconnectDelay), MaxReconnectDelay),
            (nameof(KeepAliveInterval), KeepAliveInterval),
        })
        {
            if (value <= TimeSpan.Zero || value == Timeout.InfiniteTimeSpan)
            {
                throw new InvalidOperationException($"PostgresSubscriptionOptions.{name} must be a positive, finite time (was {value}).");
            }
        }
        if (MaxReconnectDelay < ReconnectDelay)
        {
            throw new InvalidOperationException("PostgresSubscriptionOptions.MaxReconnectDelay must be at least ReconnectDelay.");
        }
    }
}
