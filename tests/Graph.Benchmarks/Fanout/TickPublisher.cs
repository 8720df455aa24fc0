using Graph.GraphQL.Subscriptions;

namespace Graph.Benchmarks.Fanout;

/// <summary>
/// Sends <see cref="Tick"/>s to <see cref="FanoutSchema.Topic"/> at a fixed rate, inside the server, through
/// <see cref="ITopicEventSender"/> as a mutation does once its changes are committed. Tick <c>i</c> is due at
/// <c>start + i / rate</c> (no drift when one send is late); its <see cref="Tick.SentAt"/> is read just before it is sent,
/// so the latency the driver measures is the fan-out alone: sender, provider, execution of each subscriber's selection,
/// serialisation, socket.
/// </summary>
public sealed class TickPublisher(ITopicEventSender sender)
{
    private readonly Lock _sync = new();
    private long _published;
    private long _maxLag;
    private long _maxSend;
    private Task? _running;

    public long Published => Interlocked.Read(ref _published);

    public bool IsRunning => _running is { IsCompleted: false };

    public double MaxLagMs => Clock.ToMilliseconds(Interlocked.Read(ref _maxLag));

    public double MaxSendMs => Clock.ToMilliseconds(Interlocked.Read(ref _maxSend));

    /// <summary>
    /// Starts sending <paramref name="count"/> ticks, <paramref name="rate"/> a second, numbered from
    /// <paramref name="first"/> (the warm-up's ticks are negative); false while a run is going on.
    /// </summary>
    public bool TryStart(double rate, int count, long first = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_sync)
        {
            if (IsRunning)
            {
                return false;
            }
            Interlocked.Exchange(ref _published, 0);
            Interlocked.Exchange(ref _maxLag, 0);
            Interlocked.Exchange(ref _maxSend, 0);
            _running = Task.Run(() => RunAsync(rate, count, first));
            return true;
        }
    }

    private async Task RunAsync(double rate, int count, long first)
    {
        var interval = System.Diagnostics.Stopwatch.Frequency / rate;
        var start = Clock.Now;
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * interval);
            var wait = due - Clock.Now;
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Clock.ToMilliseconds(wait))).ConfigureAwait(false);
            }
            var sentAt = Clock.Now;
            Max(ref _maxLag, sentAt - due);
            await sender.SendAsync(FanoutSchema.Topic, new Tick(first + i, sentAt)).ConfigureAwait(false);
            Max(ref _maxSend, Clock.Now - sentAt);
            Interlocked.Increment(ref _published);
        }
    }

    private static void Max(ref long field, long value)
    {
        var current = Interlocked.Read(ref field);
        while (value > current && Interlocked.CompareExchange(ref field, value, current) != current)
        {
            current = Interlocked.Read(ref field);
        }
    }
}
