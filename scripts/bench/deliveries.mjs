// A cooperative manager's screens and writes over the demo's cocoa season and a large hash chain, on a throwaway PostgreSQL.
//
//   npm run bench -- deliveries [--iterations 300] [--concurrency 8]
//
// Runs `Graph.Benchmarks deliveries` (tests/Graph.Benchmarks/Deliveries/DeliveriesBenchmark.cs) against a throwaway
// PostgreSQL: a fresh database, migrated and seeded with the full demo plus a cooperative whose chain holds 5,000 events
// before a lot of 12 deliveries, then latency, SQL statements and throughput of the deliveries list, traceOf, verifyTrace,
// statistics per planter and recordDelivery.
import { runDatabaseBenchmark } from "../lib/dotnet-bench.mjs";

export default function deliveries(args = []) {
  return runDatabaseBenchmark("deliveries", args);
}
