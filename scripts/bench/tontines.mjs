// A treasurer's screens and a member's payment over a large tontine and the demo tontines, on a throwaway PostgreSQL.
//
//   npm run bench -- tontines [--iterations 300] [--concurrency 8]
//
// Runs `Graph.Benchmarks tontines` (tests/Graph.Benchmarks/Tontines/TontinesBenchmark.cs) against a throwaway PostgreSQL:
// a fresh database, migrated and seeded with the full demo plus a 40-member tontine, then latency, SQL statements and
// throughput of the session sheet, one session's contributions, a member's tontines and payContribution.
import { runDatabaseBenchmark } from "../lib/dotnet-bench.mjs";

export default function tontines(args = []) {
  return runDatabaseBenchmark("tontines", args);
}
