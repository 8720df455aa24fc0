// The database path: books(first: 50) with their authors through the graph vs. hand-written EF Core, on a throwaway PostgreSQL.
//
//   npm run bench -- db [--books 1000] [--authors 100] [--warmup 500] [--iterations 3000] [--concurrency 8] [--show-sql]
//
// Builds Graph.Benchmarks (Release), starts a throwaway PostgreSQL as `npm test` does, and runs `Graph.Benchmarks db`
// against it (tests/Graph.Benchmarks/Data/DbPathBenchmark.cs): a fresh database, migrated and seeded, then time,
// allocations and SQL statements per request of both sides. The cluster is stopped at the end, also on Ctrl-C.
import path from "node:path";
import { start } from "../lib/proc.mjs";
import { withThrowawayCluster } from "../lib/postgres.mjs";
import { buildDotnet, repoRoot } from "../lib/setup.mjs";
import { log } from "../lib/log.mjs";

const project = path.join("tests", "Graph.Benchmarks", "Graph.Benchmarks.csproj");
const program = path.join(repoRoot, "tests", "Graph.Benchmarks", "bin", "Release", "net10.0", "Graph.Benchmarks.dll");

export default async function db(args = []) {
  log.step("Building Graph.Benchmarks (Release)");
  buildDotnet(project);

  log.step("Starting a throwaway PostgreSQL");
  return withThrowawayCluster("graph-bench-db-", async (connection, track) => {
    log.step("Running the database path benchmark");
    const child = start("dotnet", [program, "db", "--connection", connection, ...args], {
      cwd: repoRoot,
      env: { ...process.env, DOTNET_NOLOGO: "1", DOTNET_CLI_TELEMETRY_OPTOUT: "1" },
    });
    track(child);
    const code = await child.exited;
    if (code !== 0) process.exitCode = code;
    return code;
  });
}
