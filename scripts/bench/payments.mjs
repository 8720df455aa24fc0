// The payments' write path (initiate, settle, duplicate callbacks, a storm of them) on a throwaway PostgreSQL.
//
//   npm run bench -- payments [--iterations 1000] [--concurrency 8] [--storm-payments 200] [--storm-copies 50]
//
// Runs `Graph.Benchmarks payments` (tests/Graph.Benchmarks/Payments/PaymentsBenchmark.cs) against a throwaway PostgreSQL:
// a fresh database, migrated, then latency, SQL statements and throughput of each operation, and the storm's figures with
// its check that every payment was posted once.
import { runDatabaseBenchmark } from "../lib/dotnet-bench.mjs";

export default function payments(args = []) {
  return runDatabaseBenchmark("payments", args);
}
