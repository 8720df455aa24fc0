using System.Diagnostics;
using System.Globalization;

namespace Graph.Benchmarks.Data;

/// <summary>Request latencies of one case (in Stopwatch ticks) and what they add up to.</summary>
internal sealed class Latencies(int capacity)
{
    private readonly List<long> _ticks = new(capacity);

    public int Count => _ticks.Count;

    public void Add(long ticks) => _ticks.Add(ticks);

    public double MeanMilliseconds => _ticks.Count == 0 ? 0 : _ticks.Average() * 1000.0 / Stopwatch.Frequency;

    /// <summary>The latency below which <paramref name="percent"/> % of the requests fall (nearest rank).</summary>
    public double PercentileMilliseconds(double percent)
    {
        if (_ticks.Count == 0)
        {
            return 0;
        }
        var sorted = _ticks.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }
}

/// <summary>The figures printed for one case.</summary>
internal sealed record CaseFigures(string Name, Latencies Latencies, double BytesAllocated, double Statements, double? RequestsPerSecond)
{
    public static string Header =>
        $"{"",-34}{"mean ms",9}{"p50 ms",9}{"p99 ms",9}{"alloc KB",10}{"SQL",6}{"req/s",9}";

    public override string ToString() =>
        $"{Name,-34}{Latencies.MeanMilliseconds,9:0.000}{Latencies.PercentileMilliseconds(50),9:0.000}{Latencies.PercentileMilliseconds(99),9:0.000}" +
        $"{BytesAllocated / 1024,10:0.0}{Statements,6:0.##}{(RequestsPerSecond is { } rps ? rps.ToString("0", CultureInfo.InvariantCulture) : "-"),9}";
}
