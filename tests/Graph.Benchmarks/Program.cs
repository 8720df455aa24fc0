using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Graph.Benchmarks -- --filter '*'     (BenchmarkDotNet: time and allocations)
// dotnet run -c Release --project tests/Graph.Benchmarks -- --filter '*Parse*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
