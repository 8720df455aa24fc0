using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime;

namespace Graph.Benchmarks.Fanout;

/// <summary>
/// <c>fanout [--subscribers N] [--rate R[,R...]] [--duration S] [--warmup W] [--batch B] [--drain S] [--postgres CONNSTRING] [--share] [--server-trace FILE]</c>: the
/// subscription fan-out benchmark. Starts <see cref="FanoutServer"/> as a child process (this program, another
/// process), opens N WebSockets to it in batches of B connections at a time (graphql-transport-ws: init, ack,
/// subscribe), waits until the server holds all N subscriptions, has it publish W warm-up ticks at the same rate (default
/// max(5, 3 s of ticks); counted for loss but not measured, so the first bursts' just-in-time compilation and cold
/// thread pool do not stand for the steady state) and waits for them, then has it publish R ticks a second for S seconds, and
/// waits (at most <c>--drain</c> seconds after the last tick) until every subscriber has every tick; with several rates
/// (<c>--rate 1,2,5,10</c>) it does so for each on the same sockets and ends with a table of them. Prints the
/// deliveries expected and received, lost, duplicated and out-of-order events, the delivery latency (p50, p90, p99,
/// max), the time to connect, CPU used by both processes, and the server's memory before subscribing, after
/// subscribing and at the end. <c>--share</c> has the server execute and write each event once for all subscribers
/// (<c>RequestExecutorOptions.ShareSubscriptionEventResults</c>) instead of once per subscriber. Nothing is pinned:
/// both processes share the machine's CPUs. <c>--server-trace</c> has
/// the server write a CPU sampling trace (EventPipe, <c>.nettrace</c>, as <c>dotnet-trace --profile cpu-sampling</c>
/// would) of its whole life, for PerfView, Visual Studio or <c>dotnet-trace convert</c>.
/// </summary>
public static class FanoutDriver
{
    /// <summary>The goal the benchmark checks: p99 delivery latency under this, and no lost event.</summary>
    private const double GoalP99Ms = 250;

    /// <summary>
    /// Set in the driver's own process, which this program starts again with the settings of a load generator (see
    /// <see cref="RunAsDriverAsync"/>); never in the server's.
    /// </summary>
    private static readonly Dictionary<string, string> DriverEnvironment = new(StringComparer.Ordinal)
    {
        ["GRAPH_FANOUT_DRIVER"] = "1",
        // Socket completions run on the event loop thread instead of hopping to the thread pool: cheaper for 10,000
        // receive loops that each do almost nothing, and it keeps the driver to about one CPU.
        ["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1",
        // Workstation GC: the driver allocates little, and server GC's threads would compete with the server's.
        ["DOTNET_gcServer"] = "0",
    };

    public static async Task<int> RunAsync(string[] args)
    {
        if (Environment.GetEnvironmentVariable("GRAPH_FANOUT_DRIVER") != "1")
        {
            return await RunAsDriverAsync(args).ConfigureAwait(false);
        }
        var subscriberCount = IntOption(args, "--subscribers", 10_000);
        var rates = RatesOption(args);
        var duration = DoubleOption(args, "--duration", 20);
        var batch = IntOption(args, "--batch", 100);
        var drain = DoubleOption(args, "--drain", 10);
        var warmupOption = FanoutServer.Option(args, "--warmup");
        var postgres = FanoutServer.Option(args, "--postgres");
        var trace = FanoutServer.Option(args, "--server-trace");
        var share = args.Contains("--share");
        var runs = rates?.Select(rate => new RunPlan(rate, (int)Math.Round(rate * duration),
            warmupOption is null ? Math.Max(5, (int)Math.Round(rate * 3)) : int.Parse(warmupOption, CultureInfo.InvariantCulture))).ToArray();
        if (runs is null || subscriberCount < 1 || batch < 1 ||
            runs.Any(run => run.Rate <= 0 || run.Events < 1 || run.Warmup < 0 || (long)subscriberCount * run.Events > Array.MaxLength))
        {
            Console.Error.WriteLine("Expected --subscribers >= 1, --rate R[,R...] each > 0, --duration giving at least one event, --warmup >= 0, " +
                "--batch >= 1, and subscribers x events within an array.");
            return 2;
        }

        var limits = ResourceLimits.Ensure(subscriberCount, out var limitError);
        Console.WriteLine($"Fan-out: {N(subscriberCount)} subscribers, {string.Join(", ", runs.Select(run => $"{Rate(run.Rate)} events/s ({N(run.Events)} events)"))} " +
            $"for {duration.ToString(CultureInfo.InvariantCulture)} s each, {(postgres is null ? "in-memory" : "PostgreSQL")} subscriptions, " +
            $"{(share ? "event results shared by the subscribers (--share)" : "each event executed per subscriber")}");
        Console.WriteLine($"machine:    {Environment.ProcessorCount} CPUs (nothing pinned, server and driver share them), {limits}, " +
            $".NET {Environment.Version}{LoadAverage()}");
        if (limitError is not null)
        {
            Console.Error.WriteLine(limitError);
            return 2;
        }

        var port = FreePort();
        using var server = ServerProcess.Start(port, postgres, trace, share);
        try
        {
            await server.Listening.WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            Console.Error.WriteLine($"The server did not start listening: {e.Message}");
            return 1;
        }
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        Subscriber[] subscribers = [];
        try
        {
            var first = await CheckClockAsync(http).ConfigureAwait(false);
            if (first is null)
            {
                return 1;
            }
            Console.WriteLine($"processes:  server {(first.ServerGc ? "server" : "workstation")} GC (as the project sets it), runtime defaults; " +
                $"driver {(GCSettings.IsServerGC ? "server" : "workstation")} GC, socket completions " +
                $"{(Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") == "1" ? "inline" : "on the thread pool")}");

            var before = await MemoryAsync(http, server.Id).ConfigureAwait(false);

            // Connect in batches: at most `batch` handshakes in flight, so the accept queue is never overwhelmed.
            subscribers = new Subscriber[subscriberCount];
            var uri = new Uri($"ws://127.0.0.1:{port}/graphql");
            using var invoker = new HttpMessageInvoker(new SocketsHttpHandler { UseProxy = false });
            var failures = 0;
            string? firstFailure = null;
            var connectStart = Clock.Now;
            var nextReport = subscriberCount / 10;
            for (var start = 0; start < subscriberCount; start += batch)
            {
                var tasks = new Task[Math.Min(batch, subscriberCount - start)];
                for (var i = 0; i < tasks.Length; i++)
                {
                    var subscriber = subscribers[start + i] = new Subscriber();
                    tasks[i] = ConnectAsync(subscriber, uri, invoker);
                }
                foreach (var task in tasks)
                {
                    try
                    {
                        await task.ConfigureAwait(false);
                    }
                    catch (Exception e)
                    {
                        failures++;
                        firstFailure ??= e.GetType().Name + ": " + e.Message;
                    }
                }
                if (start + tasks.Length >= nextReport && start + tasks.Length < subscriberCount)
                {
                    Console.WriteLine($"            {N(start + tasks.Length)} sockets subscribed after {Seconds(Clock.Now - connectStart)}");
                    nextReport += subscriberCount / 10;
                }
            }
            var clientsReady = Clock.Now - connectStart;
            var connected = subscriberCount - failures;
            ServerStats? afterConnect = null;
            var waitUntil = Clock.Now + TimeSpan.FromSeconds(60).Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond;
            while (Clock.Now < waitUntil)
            {
                afterConnect = await StatsAsync(http, collect: false).ConfigureAwait(false);
                if (afterConnect.Subscribed >= connected)
                {
                    break;
                }
                await Task.Delay(50).ConfigureAwait(false);
            }
            var serverReady = Clock.Now - connectStart;
            Console.WriteLine($"connect:    {N(connected)} sockets initialised and subscribed in {Seconds(clientsReady)} " +
                $"({N(connected / Math.Max(Clock.ToMilliseconds(clientsReady) / 1000, 0.001))}/s, {N(batch)} at a time); " +
                $"the server holds {N(afterConnect!.Subscribed)} subscriptions after {Seconds(serverReady)}; {N(failures)} failed" +
                (firstFailure is null ? "" : $" (first: {firstFailure})"));
            if (afterConnect.Subscribed < connected)
            {
                Console.Error.WriteLine($"The server holds {afterConnect.Subscribed} subscriptions, not {connected}, after 60 s: giving up.");
                return 1;
            }
            var subscribed = await MemoryAsync(http, server.Id).ConfigureAwait(false);

            var outcomes = new List<RunOutcome>();
            foreach (var run in runs)
            {
                if (runs.Length > 1)
                {
                    Console.WriteLine($"--- {Rate(run.Rate)} events/s");
                }
                var outcome = await RunAtRateAsync(http, subscribers, connected, run, drain).ConfigureAwait(false);
                if (outcome is null)
                {
                    return 1;
                }
                outcomes.Add(outcome);
            }

            var end = await MemoryAsync(http, server.Id).ConfigureAwait(false);
            ReportMemory(connected, before, subscribed, end);
            if (outcomes.Count > 1)
            {
                ReportSummary(connected, outcomes);
            }
            return 0;
        }
        finally
        {
            foreach (var subscriber in subscribers)
            {
                subscriber?.Abort();
            }
            await server.StopAsync(http).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One measured run on the connected subscribers: the warm-up, then <see cref="RunPlan.Events"/> ticks at
    /// <see cref="RunPlan.Rate"/>, waiting (at most <paramref name="drain"/> seconds after the last) until every
    /// subscriber has every tick; prints the run's figures. Null when the warm-up lost events.
    /// </summary>
    private static async Task<RunOutcome?> RunAtRateAsync(HttpClient http, Subscriber[] subscribers, int connected, RunPlan run, double drain)
    {
        var latencies = new int[subscribers.Length * run.Events];
        Array.Fill(latencies, -1);
        for (var i = 0; i < subscribers.Length; i++)
        {
            subscribers[i]?.Begin(latencies, i, run.Events, run.Warmup);
        }
        if (run.Warmup > 0 && !await WarmUpAsync(http, subscribers, connected, run.Rate, run.Warmup, drain).ConfigureAwait(false))
        {
            return null;
        }

        var expected = (long)connected * run.Events;
        var startStats = await StatsAsync(http, collect: false).ConfigureAwait(false);
        var driverCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var publishStart = Clock.Now;
        using (var response = await http.PostAsync(
            FormattableString.Invariant($"/fanout/publish?rate={run.Rate}&count={run.Events}"), null).ConfigureAwait(false))
        {
            response.EnsureSuccessStatusCode();
        }
        ServerStats published;
        var nextProgress = publishStart + 5 * Stopwatch.Frequency;
        while (true)
        {
            await Task.Delay(100).ConfigureAwait(false);
            published = await StatsAsync(http, collect: false).ConfigureAwait(false);
            if (!published.Publishing && published.Published == run.Events)
            {
                break;
            }
            if (Clock.Now >= nextProgress)
            {
                Console.WriteLine($"            {Seconds(Clock.Now - publishStart)}: {N(published.Published)} events published, " +
                    $"{N(Received(subscribers))} deliveries received");
                nextProgress += 5 * Stopwatch.Frequency;
            }
        }
        var publishEnd = Clock.Now;
        var drainUntil = publishEnd + (long)(drain * Stopwatch.Frequency);
        long received;
        while ((received = Received(subscribers)) < expected && Clock.Now < drainUntil)
        {
            await Task.Delay(20).ConfigureAwait(false);
        }
        var drained = Clock.Now;
        var endStats = await StatsAsync(http, collect: false).ConfigureAwait(false);
        var driverCpuUsed = Process.GetCurrentProcess().TotalProcessorTime - driverCpu;

        return ReportRun(subscribers, latencies, run, connected, expected, received, startStats, published, endStats,
            publishStart, publishEnd, drained, driverCpuUsed);
    }

    /// <summary>
    /// Runs this command again in a process of its own with <see cref="DriverEnvironment"/> (a runtime's GC and socket
    /// settings are read when it starts), so the client side of the benchmark costs as little CPU as it can.
    /// </summary>
    private static async Task<int> RunAsDriverAsync(string[] args)
    {
        var start = ProgramStart();
        start.ArgumentList.Add("fanout");
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in DriverEnvironment)
        {
            start.Environment[name] = value;
        }
        using var driver = Process.Start(start) ?? throw new InvalidOperationException("The driver could not be started.");
        await driver.WaitForExitAsync().ConfigureAwait(false);
        return driver.ExitCode;
    }

    /// <summary>This program, run again: through <c>dotnet</c> and the dll, or its own executable.</summary>
    private static ProcessStartInfo ProgramStart()
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this program is unknown.");
        var start = new ProcessStartInfo(path) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(path) == "dotnet")
        {
            start.ArgumentList.Add(typeof(FanoutDriver).Assembly.Location);
        }
        return start;
    }

    private static async Task ConnectAsync(Subscriber subscriber, Uri uri, HttpMessageInvoker invoker)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await subscriber.StartAsync(uri, invoker, timeout.Token).ConfigureAwait(false);
    }

    private static RunOutcome ReportRun(
        Subscriber[] subscribers,
        int[] latencies,
        RunPlan run,
        int connected,
        long expected,
        long received,
        ServerStats start,
        ServerStats published,
        ServerStats end,
        long publishStart,
        long publishEnd,
        long drained,
        TimeSpan driverCpu)
    {
        var events = run.Events;
        long duplicates = 0, outOfOrder = 0, unexpected = 0;
        var problems = new List<string>();
        foreach (var subscriber in subscribers)
        {
            if (subscriber is null)
            {
                continue;
            }
            duplicates += subscriber.Duplicates;
            outOfOrder += subscriber.OutOfOrder;
            unexpected += subscriber.Unexpected;
            if (subscriber.Problem is { } problem && problems.Count < 3 && !problems.Contains(problem))
            {
                problems.Add(problem);
            }
        }

        // Latencies of every delivery, and per event the latency of its last delivery (the whole fan-out).
        var all = new int[received];
        var lastPerEvent = new int[events];
        var count = 0;
        for (var s = 0; s < subscribers.Length; s++)
        {
            var offset = s * events;
            for (var e = 0; e < events; e++)
            {
                var latency = latencies[offset + e];
                if (latency >= 0 && count < all.Length)
                {
                    all[count++] = latency;
                    lastPerEvent[e] = Math.Max(lastPerEvent[e], latency);
                }
            }
        }
        Array.Sort(all, 0, count);
        Array.Sort(lastPerEvent);
        var lost = expected - received;

        Console.WriteLine($"publish:    {N(published.Published)} events in {Seconds(publishEnd - publishStart)} " +
            $"(latest a tick left after its due time: {Ms(published.MaxPublishLagMs)}; longest SendAsync: {Ms(published.MaxSendMs)}); " +
            $"deliveries drained {Seconds(drained - publishEnd)} after the last");
        Console.WriteLine($"delivery:   expected {N(expected)}, received {N(received)}, lost {N(lost)}, duplicated {N(duplicates)}, " +
            $"out of order {N(outOfOrder)}, other messages {N(unexpected)}");
        foreach (var problem in problems)
        {
            Console.WriteLine($"            e.g. {problem}");
        }
        if (count > 0)
        {
            Console.WriteLine($"latency:    p50 {Ms(Percentile(all, count, 0.50))}  p90 {Ms(Percentile(all, count, 0.90))}  " +
                $"p99 {Ms(Percentile(all, count, 0.99))}  max {Ms(all[count - 1] / 1000.0)}   " +
                $"(an event's last delivery: p50 {Ms(Percentile(lastPerEvent, events, 0.50))}, max {Ms(lastPerEvent[^1] / 1000.0)})");
        }
        var window = Clock.ToMilliseconds(drained - publishStart) / 1000;
        var serverCpu = (end.CpuMs - start.CpuMs) / 1000;
        Console.WriteLine($"cpu:        server {serverCpu:F1} s, driver {driverCpu.TotalSeconds:F1} s over {window:F1} s " +
            $"({(serverCpu + driverCpu.TotalSeconds) / window / Environment.ProcessorCount:P0} of {Environment.ProcessorCount} CPUs)");
        Console.WriteLine($"            server CPU per delivery {N(serverCpu * 1e6 / Math.Max(received, 1))} us, driver {N(driverCpu.TotalSeconds * 1e6 / Math.Max(received, 1))} us{LoadAverage()}");
        var allocated = end.GcAllocated - start.GcAllocated;
        Console.WriteLine($"server gc:  {Mb(allocated)} allocated ({N(allocated / (double)Math.Max(received, 1))} B per delivery), " +
            $"collections gen0 {end.Gen0 - start.Gen0} gen1 {end.Gen1 - start.Gen1} gen2 {end.Gen2 - start.Gen2}, " +
            $"paused {Ms(end.GcPauseMs - start.GcPauseMs)}; {end.Threads} pool threads");
        var p99 = count > 0 ? Percentile(all, count, 0.99) : double.PositiveInfinity;
        var met = connected == subscribers.Length && lost == 0 && duplicates == 0 && outOfOrder == 0 && p99 < GoalP99Ms;
        Console.WriteLine($"goal:       p99 < {GoalP99Ms} ms, every event to every subscriber exactly once and in order: {(met ? "met" : "NOT met")}");
        return new RunOutcome(run, count > 0 ? Percentile(all, count, 0.50) : double.NaN, p99, count > 0 ? all[count - 1] / 1000.0 : double.NaN,
            lost, serverCpu * 1e6 / Math.Max(received, 1), met);
    }

    private static void ReportMemory(int connected, Memory before, Memory subscribed, Memory atEnd)
    {
        Console.WriteLine("memory:     server                 working set   GC committed   live objects");
        Console.WriteLine($"            before subscribing   {Mb(before.WorkingSet),11} {Mb(before.GcCommitted),14} {Mb(before.Live),14}");
        Console.WriteLine($"            after subscribing    {Mb(subscribed.WorkingSet),11} {Mb(subscribed.GcCommitted),14} {Mb(subscribed.Live),14}");
        Console.WriteLine($"            at the end           {Mb(atEnd.WorkingSet),11} {Mb(atEnd.GcCommitted),14} {Mb(atEnd.Live),14}");
        Console.WriteLine($"            per subscriber       {Kb((subscribed.WorkingSet - before.WorkingSet) / (double)connected),11} " +
            $"{Kb((subscribed.GcCommitted - before.GcCommitted) / (double)connected),14} {Kb((subscribed.Live - before.Live) / (double)connected),14}");
    }

    /// <summary>One line per rate, when several were run.</summary>
    private static void ReportSummary(int connected, List<RunOutcome> outcomes)
    {
        Console.WriteLine($"summary:    {N(connected)} subscribers");
        Console.WriteLine("            events/s   deliveries/s        p50        p99        max   lost   server us/delivery   goal");
        foreach (var outcome in outcomes)
        {
            Console.WriteLine($"            {Rate(outcome.Run.Rate),8} {N(connected * outcome.Run.Rate),14} {Ms(outcome.P50Ms),10} {Ms(outcome.P99Ms),10} " +
                $"{Ms(outcome.MaxMs),10} {N(outcome.Lost),6} {N(outcome.ServerMicrosecondsPerDelivery),20}   {(outcome.Met ? "met" : "NOT met")}");
        }
    }

    /// <summary>The value at <paramref name="fraction"/> of the sorted microseconds, in milliseconds (nearest rank).</summary>
    private static double Percentile(int[] sorted, int count, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * count) - 1, 0, count - 1)] / 1000.0;

    /// <summary>
    /// Publishes <paramref name="count"/> warm-up ticks (numbered -count to -1) at <paramref name="rate"/> and waits until
    /// every subscriber has them (at most <paramref name="drain"/> seconds after the last), then one interval more so
    /// the measured run keeps the rate's rhythm. False, with the reason printed, when the warm-up lost events.
    /// </summary>
    private static async Task<bool> WarmUpAsync(HttpClient http, Subscriber[] subscribers, int connected, double rate, int count, double drain)
    {
        var start = Clock.Now;
        using (var response = await http.PostAsync(
            FormattableString.Invariant($"/fanout/publish?rate={rate}&count={count}&first={-count}"), null).ConfigureAwait(false))
        {
            response.EnsureSuccessStatusCode();
        }
        ServerStats stats;
        do
        {
            await Task.Delay(50).ConfigureAwait(false);
            stats = await StatsAsync(http, collect: false).ConfigureAwait(false);
        }
        while (stats.Publishing || stats.Published < count);
        var expected = (long)connected * count;
        var until = Clock.Now + (long)(drain * Stopwatch.Frequency);
        long received;
        while ((received = WarmupReceived(subscribers)) < expected && Clock.Now < until)
        {
            await Task.Delay(20).ConfigureAwait(false);
        }
        Console.WriteLine($"warm-up:    {N(count)} events in {Seconds(Clock.Now - start)}, {N(received)} of {N(expected)} deliveries (not measured)");
        if (received < expected)
        {
            Console.Error.WriteLine("The warm-up lost events: giving up.");
            return false;
        }
        await Task.Delay(TimeSpan.FromSeconds(1 / rate)).ConfigureAwait(false);
        return true;
    }

    private static long WarmupReceived(Subscriber[] subscribers)
    {
        long total = 0;
        foreach (var subscriber in subscribers)
        {
            total += subscriber?.WarmupReceived ?? 0;
        }
        return total;
    }

    private static long Received(Subscriber[] subscribers)
    {
        long total = 0;
        foreach (var subscriber in subscribers)
        {
            total += subscriber?.Received ?? 0;
        }
        return total;
    }

    /// <summary>Whether the server reads the same clock: the same frequency, and its reading between two of ours.</summary>
    private static async Task<ServerStats?> CheckClockAsync(HttpClient http)
    {
        var before = Clock.Now;
        var stats = await StatsAsync(http, collect: false).ConfigureAwait(false);
        var after = Clock.Now;
        if (stats.StopwatchFrequency == Stopwatch.Frequency && stats.Timestamp >= before && stats.Timestamp <= after)
        {
            return stats;
        }
        Console.Error.WriteLine($"The server's clock is not the driver's (frequency {stats.StopwatchFrequency} vs {Stopwatch.Frequency}, " +
            $"reading {stats.Timestamp} not within [{before}, {after}]): latencies cannot be measured.");
        return null;
    }

    private static async Task<ServerStats> StatsAsync(HttpClient http, bool collect) =>
        (await http.GetFromJsonAsync<ServerStats>(collect ? "/fanout/stats?gc=true" : "/fanout/stats", ServerStats.Json).ConfigureAwait(false))!;

    /// <summary>The server's memory: resident set from /proc (as the OS sees it), then after a full collection the GC's committed memory and its live objects.</summary>
    private static async Task<Memory> MemoryAsync(HttpClient http, int pid)
    {
        var stats = await StatsAsync(http, collect: false).ConfigureAwait(false);
        var rss = ReadVmRss(pid) ?? stats.WorkingSet;
        var collected = await StatsAsync(http, collect: true).ConfigureAwait(false);
        return new Memory(rss, collected.GcCommitted, collected.GcLive);
    }

    private static long? ReadVmRss(int pid)
    {
        var path = $"/proc/{pid}/status";
        if (!File.Exists(path))
        {
            return null;
        }
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }
        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        FanoutServer.Option(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    /// <summary><c>--rate R[,R...]</c> (default 1,2,5,10); null when one is not a number.</summary>
    private static double[]? RatesOption(string[] args)
    {
        var value = FanoutServer.Option(args, "--rate") ?? "1,2,5,10";
        var rates = new List<double>();
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate))
            {
                return null;
            }
            rates.Add(rate);
        }
        return rates.Count == 0 ? null : [.. rates];
    }

    private static string Rate(double rate) => rate.ToString(CultureInfo.InvariantCulture);

    private static double DoubleOption(string[] args, string name, double fallback) =>
        FanoutServer.Option(args, name) is { } value ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ms(double value) => value.ToString(value < 10 ? "F2" : "F1", CultureInfo.InvariantCulture) + " ms";

    private static string Seconds(long ticks) => (Clock.ToMilliseconds(ticks) / 1000).ToString("F2", CultureInfo.InvariantCulture) + " s";

    private static string Mb(double bytes) => (bytes / (1024 * 1024)).ToString("F1", CultureInfo.InvariantCulture) + " MB";

    private static string Kb(double bytes) => (bytes / 1024).ToString("F1", CultureInfo.InvariantCulture) + " KB";

    private sealed record Memory(long WorkingSet, long GcCommitted, long Live);

    /// <summary>One rate to run: its ticks measured, and the warm-up ticks before them.</summary>
    private sealed record RunPlan(double Rate, int Events, int Warmup);

    /// <summary>What a run gave, for the summary.</summary>
    private sealed record RunOutcome(RunPlan Run, double P50Ms, double P99Ms, double MaxMs, long Lost, double ServerMicrosecondsPerDelivery, bool Met);

    /// <summary>The machine's load average, when it can be read: the CPUs are shared, and a busy machine shows in the latencies.</summary>
    private static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"; load average {parts[0]} {parts[1]} {parts[2]}";
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>The server as a child process: this program with <c>fanout-server</c>; its output forwarded, up to a point.</summary>
    private sealed class ServerProcess : IDisposable
    {
        private const int MaxForwardedLines = 40;

        private readonly Process _process;
        private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _forwarded;

        private ServerProcess(Process process)
        {
            _process = process;
        }

        public int Id => _process.Id;

        public Task Listening => _listening.Task;

        public static ServerProcess Start(int port, string? postgres, string? trace, bool share)
        {
            var start = ProgramStart();
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            // The server runs with the runtime's defaults (server GC from the project), not the driver's settings.
            foreach (var name in DriverEnvironment.Keys)
            {
                start.Environment.Remove(name);
            }
            foreach (var argument in (string[])["fanout-server", "--port", port.ToString(CultureInfo.InvariantCulture)])
            {
                start.ArgumentList.Add(argument);
            }
            if (postgres is not null)
            {
                start.ArgumentList.Add("--postgres");
                start.ArgumentList.Add(postgres);
            }
            if (share)
            {
                start.ArgumentList.Add("--share");
            }
            if (trace is not null)
            {
                start.Environment["DOTNET_EnableEventPipe"] = "1";
                start.Environment["DOTNET_EventPipeOutputPath"] = Path.GetFullPath(trace);
                start.Environment["DOTNET_EventPipeConfig"] =
                    "Microsoft-DotNETCore-SampleProfiler:0xF00000000000:5,Microsoft-Windows-DotNETRuntime:0x4c14fccbd:5";
            }
            var server = new ServerProcess(new Process { StartInfo = start });
            server._process.OutputDataReceived += (_, e) => server.OnLine(e.Data, Console.Out);
            server._process.ErrorDataReceived += (_, e) => server.OnLine(e.Data, Console.Error);
            server._process.Exited += (_, _) => server._listening.TrySetException(new InvalidOperationException("The server exited."));
            server._process.EnableRaisingEvents = true;
            server._process.Start();
            server._process.BeginOutputReadLine();
            server._process.BeginErrorReadLine();
            return server;
        }

        public async Task StopAsync(HttpClient http)
        {
            if (_process.HasExited)
            {
                return;
            }
            try
            {
                using var response = await http.PostAsync("/fanout/stop", null).ConfigureAwait(false);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                _process.Kill();
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        public void Dispose() => _process.Dispose();

        private void OnLine(string? line, TextWriter output)
        {
            if (line is null)
            {
                return;
            }
            if (line.StartsWith("listening on ", StringComparison.Ordinal))
            {
                _listening.TrySetResult();
                return;
            }
            var forwarded = Interlocked.Increment(ref _forwarded);
            if (forwarded <= MaxForwardedLines)
            {
                output.WriteLine("[server] " + line);
            }
            else if (forwarded == MaxForwardedLines + 1)
            {
                output.WriteLine($"[server] (more output not shown)");
            }
        }
    }
}
