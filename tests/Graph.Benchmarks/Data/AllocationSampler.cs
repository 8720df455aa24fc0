using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Graph.Benchmarks.Data;

/// <summary>
/// Which types a run allocates, from the runtime's own sampling (the GC's AllocationTick event, about one per 100 KB
/// allocated, naming the type of the object that crossed the mark): enough requests give a fair picture of where the
/// bytes go, without a profiler. <c>db --allocations</c> prints it for each case.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private volatile bool _recording;

    public void Start()
    {
        _bytes.Clear();
        _recording = true;
    }

    public void Stop() => _recording = false;

    /// <summary>The types with most sampled bytes, as (type, share of the sampled bytes).</summary>
    public IReadOnlyList<(string Type, double Share)> Top(int count)
    {
        var total = (double)_bytes.Values.Sum();
        return _bytes.OrderByDescending(p => p.Value).Take(count).Select(p => (p.Key, total == 0 ? 0 : p.Value / total)).ToList();
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_recording || e.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.PayloadNames is null)
        {
            return;
        }
        var type = e.PayloadNames.IndexOf("TypeName") is >= 0 and var t ? e.Payload![t] as string : null;
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is >= 0 and var a ? Convert.ToInt64(e.Payload![a], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        _bytes.AddOrUpdate(type ?? "?", amount, (_, sum) => sum + amount);
    }
}
