using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Graph.GraphQL.Subscriptions;

/// <summary>
/// Topic events across every API instance on one PostgreSQL database, over LISTEN/NOTIFY. Sending serialises the
/// event as JSON and NOTIFYs the channel on a pooled connection (a large event in several chunks, in one transaction so
/// they commit together); each instance's listener (<see cref="PostgresListener"/>) reassembles the messages and offers
/// them to its local subscribers through the same bounded buffers as the in-memory provider. An instance receives its
/// own notifications too: its subscribers get every event by that one path, exactly once.
/// </summary>
internal sealed class PostgresTopicEvents : ITopicEventSender, ITopicEventReceiver, IAsyncDisposable, IDisposable
{
    private const string NotifyOne = "SELECT pg_notify($1, $2)";
    private const string NotifyMany = "SELECT pg_notify($1, chunk) FROM unnest($2::text[]) AS chunk";

    private readonly PostgresSubscriptionOptions _options;
    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlDataSource? _ownedDataSource;
    private readonly PostgresChunkAssembler _assembler;
    private readonly PostgresListener _listener;
    private readonly ILogger _logger;
    private int _isDisposed;
    private long _lastForeignLog = long.MinValue;

    public PostgresTopicEvents(IOptions<PostgresSubscriptionOptions> options, IServiceProvider services, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        _options = options.Value;
        _options.Validate();
        _logger = (loggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger<PostgresTopicEvents>();
        if (_options.DataSourceFactory is { } factory)
        {
            _dataSource = factory(services) ?? throw new InvalidOperationException("PostgresSubscriptionOptions.DataSourceFactory returned null.");
        }
        else
        {
            _dataSource = _ownedDataSource = NpgsqlDataSource.Create(_options.ConnectionString!);
        }
        Hub = new TopicHub(_options, _logger);
        _assembler = new PostgresChunkAssembler(_options.TimeProvider, _options.IncompleteMessageTimeout, _options.MaxMessageSize, _options.MaxIncompleteMessageBytes, _logger);
        _listener = new PostgresListener(_dataSource, _options, OnPayload, OnConnectionLost, () => _assembler.RemoveExpired(), _logger);
    }

    internal TopicHub Hub { get; }

    public async ValueTask SendAsync<TMessage>(string topic, TMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _isDisposed) == 1, this);
        var envelope = PostgresNotificationCodec.EncodeMessage(topic, message, _options.SerializerOptions);
        if (envelope.Length > _options.MaxMessageSize)
        {
            throw new ArgumentException(
                $"The event for topic \"{topic}\" takes {envelope.Length} bytes as JSON, more than the {_options.MaxMessageSize} of PostgresSubscriptionOptions.MaxMessageSize.",
                nameof(message));
        }
        await NotifyAsync(PostgresNotificationCodec.Split(envelope), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask CompleteAsync(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _isDisposed) == 1, this);
        var envelope = PostgresNotificationCodec.EncodeCompletion(topic, _options.SerializerOptions);
        if (envelope.Length > _options.MaxMessageSize)
        {
            throw new ArgumentException($"The topic name takes more than the {_options.MaxMessageSize} bytes of PostgresSubscriptionOptions.MaxMessageSize.", nameof(topic));
        }
        await NotifyAsync(PostgresNotificationCodec.Split(envelope), CancellationToken.None).ConfigureAwait(false);
    }

    public ValueTask<ISourceStream<TMessage>> SubscribeAsync<TMessage>(string topic, CancellationToken cancellationToken = default) =>
        SubscribeAsync<TMessage>(topic, null, null, cancellationToken);

    public async ValueTask<ISourceStream<TMessage>> SubscribeAsync<TMessage>(
        string topic,
        int? bufferCapacity,
        TopicBufferFullMode? bufferFullMode,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _isDisposed) == 1, this);
        try
        {
            await _listener.WaitUntilListeningAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ObjectDisposedException)
        {
            // The listener logged the cause; clients learn only that they may retry.
            throw new GraphQLException(new GraphQLError(
                "Subscriptions are unavailable right now: the server cannot reach its event source. Try again later.")
                .WithCode(ErrorCodes.SubscriptionUnavailable));
        }
        return Hub.Subscribe<TMessage>(topic, bufferCapacity, bufferFullMode);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _isDisposed, 1) == 1)
        {
            return;
        }
        await _listener.DisposeAsync().ConfigureAwait(false);
        Hub.Close();
        if (_ownedDataSource is not null)
        {
            await _ownedDataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task NotifyAsync(List<string> payloads, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var channel = new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = _options.ChannelName };
            if (payloads.Count == 1)
            {
                await using var command = new NpgsqlCommand(NotifyOne, connection)
                {
                    Parameters = { channel, new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = payloads[0] } },
                };
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            // All chunks in one transaction: they are queued together at commit, or not at all.
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await using var command = new NpgsqlCommand(NotifyMany, connection, transaction)
                {
                    Parameters =
                    {
                        channel,
                        new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = payloads.ToArray() },
                    },
                };
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void OnPayload(string payload)
    {
        if (!PostgresNotificationCodec.TryParseChunk(payload, out var chunk))
        {
            LogForeign();
            return;
        }
        if (_assembler.Add(chunk) is not { } text)
        {
            return;
        }
        if (!PostgresNotificationCodec.TryDecodeEnvelope(text, out var envelope))
        {
            LogForeign();
            return;
        }
        if (envelope.IsCompletion)
        {
            Hub.Complete(envelope.Topic);
        }
        else if (Hub.CountSubscribers(envelope.Topic) > 0)
        {
            Hub.Publish(envelope.Topic, new SerializedMessage(envelope.Payload, _options.SerializerOptions));
        }
    }

    private void OnConnectionLost()
    {
        if (_assembler.PendingMessages > 0)
        {
            _logger.LogWarning("Dropped {Count} incomplete subscription message(s): the listener's connection was lost.", _assembler.PendingMessages);
        }
        _assembler.Clear();
    }

    private void LogForeign()
    {
        var now = Environment.TickCount64;
        if (_lastForeignLog != long.MinValue && now - _lastForeignLog < TopicSubscription<object>.DropLogInterval)
        {
            return;
        }
        _lastForeignLog = now;
        _logger.LogWarning("Ignored a notification on channel {Channel} that is not a subscription message of this server.", _options.ChannelName);
    }
}
