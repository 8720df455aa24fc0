// The payments' write path (initiate, settle, duplicate callbacks, a storm of them) on a throwaway PostgreSQL.
//
//   npm run bench -- payments [--iterations 1000] [--concurrency 8] [--storm-payments 200] [--storm-copies 50]
//
// Builds Graph.Benchmarks (Release), starts a throwaway PostgreSQL as `npm test` does, and runs `Graph.Benchmarks
// payments` against it (tests/Graph.Benchmarks/Payments/PaymentsBenchmark.cs): a fresh database, migrated, then latency,
// SQL statements and throughput of each operation, and the storm's figures with its check that every payment was posted
// once. The cluster is stopped at the end, also on Ctrl-C.
import path from "node:path";
import { start } from "../lib/proc.mjs";
import { withThrowawayCluster } from "../lib/postgres.mjs";
import { buildDotnet, repoRoot } from "../lib/setup.mjs";
import { log } from "../lib/log.mjs";

const project = path.join("tests", "Graph.Benchmarks", "Graph.Benchmarks.csproj");
const program = path.join(repoRoot, "tests", "Graph.Benchmarks", "bin", "Release", "net10.0", "Graph.Benchmarks.dll");

export default async function payments(args = []) {
  log.step("Building Graph.Benchmarks (Release)");
  buildDotnet(project);

  log.step("Starting a throwaway PostgreSQL");
  return withThrowawayCluster("graph-bench-payments-", async (connection, track) => {
    log.step("Running the payments benchmark");
    const child = start("dotnet", [program, "payments", "--connection", connection, ...args], {
      cwd: repoRoot,
      env: { ...process.env, DOTNET_NOLOGO: "1", DOTNET_CLI_TELEMETRY_OPTOUT: "1" },
    });
    track(child);
    const code = await child.exited;
    if (code !== 0) process.exitCode = code;
    return code;
  });
}
