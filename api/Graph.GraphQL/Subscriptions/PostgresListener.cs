using Microsoft.Extensions.Logging;
using Npgsql;

namespace Graph.GraphQL.Subscriptions;

/// <summary>
/// The one listening session of a process: a connection that runs <c>LISTEN channel</c> and then waits for
/// notifications, handing each payload to the provider. Started on the first subscription. When the connection fails
/// (the server restarts, the backend is terminated, a keep-alive query gets no answer) it is replaced after a delay that
/// starts at <see cref="PostgresSubscriptionOptions.ReconnectDelay"/> and doubles up to
/// <see cref="PostgresSubscriptionOptions.MaxReconnectDelay"/> (with some jitter, so instances do not reconnect in step).
/// Notifications sent while no session listens are lost; local subscriptions stay open and receive the events sent
/// once it listens again.
/// </summary>
internal sealed class PostgresListener : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresSubscriptionOptions _options;
    private readonly Action<string> _onPayload;
    private readonly Action _onConnectionLost;
    private readonly Action _onWake;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _sync = new();
    private TaskCompletionSource _listening = NewSignal();
    private Task? _loop;
    private bool _isDisposed;

    /// <param name="dataSource">Where to listen.</param>
    /// <param name="options">The channel, delays and keep-alive.</param>
    /// <param name="onPayload">Receives each notification's payload (on the listening loop).</param>
    /// <param name="onConnectionLost">Called when a listening session is lost.</param>
    /// <param name="onWake">Called whenever the loop wakes (notifications or keep-alive), for housekeeping.</param>
    /// <param name="logger">Where connection losses and reconnections are logged.</param>
    public PostgresListener(
        NpgsqlDataSource dataSource,
        PostgresSubscriptionOptions options,
        Action<string> onPayload,
        Action onConnectionLost,
        Action onWake,
        ILogger logger)
    {
        _dataSource = dataSource;
        _options = options;
        _onPayload = onPayload;
        _onConnectionLost = onConnectionLost;
        _onWake = onWake;
        _logger = logger;
    }

    /// <summary>
    /// Starts the listening loop if needed and waits until a session listens. Fails with the error of the latest
    /// connection attempt when it failed (rather than waiting through the reconnection delays).
    /// </summary>
    public Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        Task listening;
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_isDisposed, this);
            _loop ??= Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
            listening = _listening.Task;
        }
        return listening.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Task? loop;
        lock (_sync)
        {
            if (_isDisposed)
            {
                return;
            }
            _isDisposed = true;
            loop = _loop;
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }
        Fail(_listening, new ObjectDisposedException(nameof(PostgresListener)));
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            TaskCompletionSource signal;
            lock (_sync)
            {
                if (_listening.Task.IsCompleted)
                {
                    _listening = NewSignal();
                }
                signal = _listening;
            }
            NpgsqlConnection? connection = null;
            var isListening = false;
            TimeSpan delay;
            try
            {
                connection = await _dataSource.OpenConnectionAsync(stop).ConfigureAwait(false);
                connection.Notification += OnNotification;
                await ListenAsync(connection, stop).ConfigureAwait(false);
                isListening = true;
                if (failures > 0)
                {
                    _logger.LogInformation(
                        "Subscription listener on channel {Channel} is listening again after {Failures} failure(s); events sent meanwhile were not received.",
                        _options.ChannelName, failures);
                }
                else
                {
                    _logger.LogInformation("Subscription listener is listening on channel {Channel} (backend {ProcessId}).", _options.ChannelName, connection.ProcessID);
                }
                failures = 0;
                signal.TrySetResult();
                await WaitForNotificationsAsync(connection, stop).ConfigureAwait(false);
                continue;
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                // Stopping: whatever the connection threw on the way out is no failure.
                break;
            }
            catch (Exception ex)
            {
                failures++;
                delay = Backoff(failures);
                if (isListening)
                {
                    _logger.LogWarning(ex, "Subscription listener on channel {Channel} lost its connection; reconnecting in {Delay}.", _options.ChannelName, delay);
                    lock (_sync)
                    {
                        // Subscribers arriving now wait for the next attempt instead of trusting the lost session.
                        _listening = NewSignal();
                    }
                    _onConnectionLost();
                }
                else
                {
                    _logger.Log(
                        failures > 3 ? LogLevel.Error : LogLevel.Warning,
                        ex,
                        "Subscription listener cannot listen on channel {Channel} (attempt {Attempt}); retrying in {Delay}.",
                        _options.ChannelName, failures, delay);
                    Fail(signal, ex);
                }
            }
            finally
            {
                if (connection is not null)
                {
                    connection.Notification -= OnNotification;
                    await CloseAsync(connection).ConfigureAwait(false);
                }
            }
            // The failed connection is closed; wait before the next attempt.
            try
            {
                await Task.Delay(delay, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task ListenAsync(NpgsqlConnection connection, CancellationToken stop)
    {
        var channel = "\"" + _options.ChannelName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("LISTEN " + channel),
                new NpgsqlBatchCommand("SELECT set_config('application_name', $1, false)") { Parameters = { new NpgsqlParameter { Value = _options.ListenerApplicationName } } },
            },
        };
        await batch.ExecuteNonQueryAsync(stop).ConfigureAwait(false);
    }

    private async Task WaitForNotificationsAsync(NpgsqlConnection connection, CancellationToken stop)
    {
        var pingTimeout = (int)Math.Max(5, Math.Ceiling(_options.KeepAliveInterval.TotalSeconds));
        while (true)
        {
            // Notifications are raised (OnNotification) on this thread while WaitAsync reads them.
            var notified = await connection.WaitAsync(_options.KeepAliveInterval, stop).ConfigureAwait(false);
            _onWake();
            if (!notified)
            {
                await using var ping = new NpgsqlCommand("SELECT 1", connection) { CommandTimeout = pingTimeout };
                await ping.ExecuteScalarAsync(stop).ConfigureAwait(false);
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        try
        {
            _onPayload(e.Payload);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "A notification on channel {Channel} could not be delivered.", e.Channel);
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var baseDelay = _options.ReconnectDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 30));
        var capped = Math.Min(baseDelay, _options.MaxReconnectDelay.TotalMilliseconds);
        // Up to a fifth less, so that instances losing the same server do not all come back at once.
        return TimeSpan.FromMilliseconds(capped * (1 - (Random.Shared.NextDouble() * 0.2)));
    }

    private async Task CloseAsync(NpgsqlConnection connection)
    {
        try
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            _logger.LogDebug(ex, "Closing the subscription listener's connection failed.");
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static void Fail(TaskCompletionSource signal, Exception exception)
    {
        if (signal.TrySetException(exception))
        {
            // Observed here: a failed attempt nobody waited for is no unobserved task exception.
            _ = signal.Task.Exception;
        }
    }
}
