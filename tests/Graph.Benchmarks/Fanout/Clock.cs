using System.Diagnostics;

namespace Graph.Benchmarks.Fanout;

/// <summary>
/// The clock both processes of the fan-out benchmark read: <see cref="Stopwatch.GetTimestamp"/>. On Linux it is
/// <c>clock_gettime(CLOCK_MONOTONIC)</c> in nanoseconds, one counter for the whole machine (time since boot), so a
/// timestamp the server takes when it publishes can be subtracted from one the driver takes when a socket receives the
/// event. Unlike <see cref="DateTime.UtcNow"/> it is never stepped by NTP, and it has nanosecond resolution. The driver
/// checks that the server's clock is the same one (same frequency, and a server reading falls between two of its own).
/// </summary>
public static class Clock
{
    public static long Now => Stopwatch.GetTimestamp();

    public static double ToMilliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    /// <summary>Microseconds, saturated to what an <see cref="int"/> holds (35 minutes).</summary>
    public static int ToMicroseconds(long ticks)
    {
        var micros = ticks * 1_000_000 / Stopwatch.Frequency;
        return micros > int.MaxValue ? int.MaxValue : (int)micros;
    }
}
