// The catalog's read path (search, localized pages, recommendations) over the demo library on a throwaway PostgreSQL.
//
//   npm run bench -- catalog [--iterations 500] [--concurrency 8]
//
// Runs `Graph.Benchmarks catalog` (tests/Graph.Benchmarks/Catalog/CatalogBenchmark.cs) against a throwaway PostgreSQL: a
// fresh database, migrated and seeded with the full demo, then latency, SQL statements and throughput of each query.
import { runDatabaseBenchmark } from "../lib/dotnet-bench.mjs";

export default function catalog(args = []) {
  return runDatabaseBenchmark("catalog", args);
}
