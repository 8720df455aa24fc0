using System.Diagnostics;

namespace Graph.Benchmarks;

/// <summary>Runs <see cref="LibraryBenchmarks.BooksWithAuthors"/> for a while and prints the mean time and allocations per run: a
/// steady load for a profiler (perf with DOTNET_PerfMapEnabled=1) to look at.</summary>
public static class LibraryLoop
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10;
        var benchmark = new LibraryBenchmarks();
        benchmark.Setup();
        for (var round = 0; round < 3; round++)
        {
            var runs = 0;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < seconds / 3)
            {
                await benchmark.BooksWithAuthors();
                runs++;
            }
            // CPU time too: on a shared machine the wall clock also counts the time other processes had the core.
            var cpuTime = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine($"{runs} runs, {clock.Elapsed.TotalMicroseconds / runs:F1} us/run, {cpuTime.TotalMicroseconds / runs:F1} us CPU/run, {(GC.GetAllocatedBytesForCurrentThread() - allocated) / runs} B/run");
        }
        return 0;
    }
}
