using System.Diagnostics;
using System.Text.Json;

namespace Graph.Benchmarks.Fanout;

/// <summary>What <c>GET /fanout/stats</c> of the fan-out server answers (camelCase JSON).</summary>
/// <param name="Pid">The server's process id.</param>
/// <param name="Timestamp">Its <see cref="Clock.Now"/> when it answered.</param>
/// <param name="StopwatchFrequency">Its <see cref="Stopwatch.Frequency"/>.</param>
/// <param name="Subscribed">How many subscriptions to the tick topic were made (the provider has registered them: an event sent now reaches them).</param>
/// <param name="Published">How many ticks the publisher has sent.</param>
/// <param name="Publishing">Whether the publisher is running.</param>
/// <param name="MaxPublishLagMs">The longest a tick was sent after its due time (the server's timers falling behind).</param>
/// <param name="MaxSendMs">The longest <c>ITopicEventSender.SendAsync</c> took.</param>
/// <param name="WorkingSet">Resident memory, bytes.</param>
/// <param name="GcHeapSize">The GC heap after the last collection (<see cref="GCMemoryInfo.HeapSizeBytes"/>), bytes.</param>
/// <param name="GcCommitted">Memory the GC has committed, bytes.</param>
/// <param name="GcLive">Live objects: <see cref="GC.GetTotalMemory(bool)"/>, after a full collection when asked.</param>
/// <param name="GcAllocated">Bytes allocated since the process started.</param>
/// <param name="Gen0">Collections of generation 0 so far.</param>
/// <param name="Gen1">Collections of generation 1 so far.</param>
/// <param name="Gen2">Collections of generation 2 so far.</param>
/// <param name="GcPauseMs">Time the GC has paused the process so far.</param>
/// <param name="CpuMs">Processor time the process has used so far.</param>
/// <param name="Threads">Threads of the thread pool.</param>
/// <param name="ServerGc">Whether the server runs server GC.</param>
public sealed record ServerStats(
    int Pid,
    long Timestamp,
    long StopwatchFrequency,
    long Subscribed,
    long Published,
    bool Publishing,
    double MaxPublishLagMs,
    double MaxSendMs,
    long WorkingSet,
    long GcHeapSize,
    long GcCommitted,
    long GcLive,
    long GcAllocated,
    int Gen0,
    int Gen1,
    int Gen2,
    double GcPauseMs,
    double CpuMs,
    int Threads,
    bool ServerGc)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>This process's figures; <paramref name="collect"/> runs a full compacting collection first, so that <see cref="GcLive"/> is what is live.</summary>
    public static ServerStats Read(long subscribed, TickPublisher publisher, bool collect)
    {
        if (collect)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
        using var process = Process.GetCurrentProcess();
        var info = GC.GetGCMemoryInfo();
        return new ServerStats(
            Environment.ProcessId,
            Clock.Now,
            Stopwatch.Frequency,
            subscribed,
            publisher.Published,
            publisher.IsRunning,
            publisher.MaxLagMs,
            publisher.MaxSendMs,
            process.WorkingSet64,
            info.HeapSizeBytes,
            info.TotalCommittedBytes,
            GC.GetTotalMemory(forceFullCollection: false),
            GC.GetTotalAllocatedBytes(),
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2),
            GC.GetTotalPauseDuration().TotalMilliseconds,
            process.TotalProcessorTime.TotalMilliseconds,
            ThreadPool.ThreadCount,
            System.Runtime.GCSettings.IsServerGC);
    }
}
