// The database path: books(first: 50) with their authors through the graph vs. hand-written EF Core, on a throwaway PostgreSQL.
//
//   npm run bench -- db [--books 1000] [--authors 100] [--warmup 500] [--iterations 3000] [--concurrency 8] [--show-sql]
//
// Builds Graph.Benchmarks (Release), starts a throwaway PostgreSQL as `npm test` does, and runs `Graph.Benchmarks db`
// against it (tests/Graph.Benchmarks/Data/DbPathBenchmark.cs): a fresh database, migrated and seeded, then time,
// allocations and SQL statements per request of both sides. The cluster is stopped at the end, also on Ctrl-C.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, start } from "../lib/proc.mjs";
import { connectionString, startCluster } from "../lib/postgres.mjs";
import { buildDotnet, repoRoot } from "../lib/setup.mjs";
import { log } from "../lib/log.mjs";

const project = path.join("tests", "Graph.Benchmarks", "Graph.Benchmarks.csproj");
const program = path.join(repoRoot, "tests", "Graph.Benchmarks", "bin", "Release", "net10.0", "Graph.Benchmarks.dll");

export default async function db(args = []) {
  log.step("Building Graph.Benchmarks (Release)");
  buildDotnet(project);

  const work = fs.mkdtempSync(path.join(os.tmpdir(), "graph-bench-db-"));
  fs.chmodSync(work, 0o755);
  let cluster = null;
  let child = null;
  const cleanup = () => {
    child?.child.kill("SIGTERM");
    cluster?.stop();
    cluster = null;
    fs.rmSync(work, { recursive: true, force: true });
  };
  const signals = [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]].map(([signal, code]) => {
    const handler = () => {
      cleanup();
      process.exit(code);
    };
    process.on(signal, handler);
    return [signal, handler];
  });

  try {
    log.step("Starting a throwaway PostgreSQL");
    const port = await freePort();
    cluster = await startCluster({ dataDir: path.join(work, "pg"), port, durable: false });

    log.step("Running the database path benchmark");
    child = start("dotnet", [program, "db", "--connection", connectionString(port, "postgres"), ...args], {
      cwd: repoRoot,
      env: { ...process.env, DOTNET_NOLOGO: "1", DOTNET_CLI_TELEMETRY_OPTOUT: "1" },
    });
    const code = await child.exited;
    child = null;
    if (code !== 0) process.exitCode = code;
    return code;
  } finally {
    cleanup();
    for (const [signal, handler] of signals) process.off(signal, handler);
  }
}
