using Graph.Benchmarks;
using Graph.Benchmarks.Fanout;
using Graph.Benchmarks.Http;

// npm run bench -- <what>; see scripts/bench.mjs. The commands of this program:
//   serve --target graph|ceiling --port N         the HTTP comparison harness's .NET servers (Http/)
//   loop [seconds]                                runs LibraryBenchmarks in a loop and prints the mean: for a profiler to attach
//   db --connection <PostgreSQL>                  the database path: books through the graph vs. hand-written EF Core (Data/)
//   payments --connection <PostgreSQL>            the payments' write path: initiate, settle, duplicates, a storm (Payments/)
//   catalog --connection <PostgreSQL>             the catalog's read path: search, localized pages, recommendations (Catalog/)
//   tontines --connection <PostgreSQL>            a treasurer's screens and a member's payment over a large tontine (Tontines/)
//   deliveries --connection <PostgreSQL>          a cooperative manager's screens, a long trace chain verified, a delivery recorded (Deliveries/)
//   fanout --subscribers N --rate R --duration S   the subscription fan-out benchmark (Fanout/): starts fanout-server itself
//   fanout-server --port N                        its server: a tick subscription over WebSocket, published on a timer
//   anything else                                 BenchmarkDotNet: --filter '*' (parse, validate, execute; time and allocations)
return args.FirstOrDefault() switch
{
    "serve" => await LibraryServer.RunAsync(args[1..]),
    "loop" => await LibraryLoop.RunAsync(args[1..]),
    "db" => await Graph.Benchmarks.Data.DbPathBenchmark.RunAsync(args[1..]),
    "payments" => await Graph.Benchmarks.Payments.PaymentsBenchmark.RunAsync(args[1..]),
    "catalog" => await Graph.Benchmarks.Catalog.CatalogBenchmark.RunAsync(args[1..]),
    "tontines" => await Graph.Benchmarks.Tontines.TontinesBenchmark.RunAsync(args[1..]),
    "deliveries" => await Graph.Benchmarks.Deliveries.DeliveriesBenchmark.RunAsync(args[1..]),
    "fanout" => await FanoutDriver.RunAsync(args[1..]),
    "fanout-server" => await FanoutServer.RunAsync(args[1..]),
    _ => RunBenchmarkDotNet(args),
};

static int RunBenchmarkDotNet(string[] args)
{
    BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}
