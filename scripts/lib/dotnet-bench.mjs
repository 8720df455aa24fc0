// Runs one command of the Graph.Benchmarks program against a throwaway PostgreSQL (the benchmarks that need a database).
import path from "node:path";
import { start } from "./proc.mjs";
import { withThrowawayCluster } from "./postgres.mjs";
import { buildDotnet, repoRoot } from "./setup.mjs";
import { log } from "./log.mjs";

const project = path.join("tests", "Graph.Benchmarks", "Graph.Benchmarks.csproj");
const program = path.join(repoRoot, "tests", "Graph.Benchmarks", "bin", "Release", "net10.0", "Graph.Benchmarks.dll");

/** Builds Graph.Benchmarks (Release), starts a throwaway cluster, runs `Graph.Benchmarks <command> --connection .. <args>`,
 * and stops the cluster at the end, also on Ctrl-C. Returns the program's exit code. */
export async function runDatabaseBenchmark(command, args = []) {
  log.step("Building Graph.Benchmarks (Release)");
  buildDotnet(project);

  log.step("Starting a throwaway PostgreSQL");
  return withThrowawayCluster(`graph-bench-${command}-`, async (connection, track) => {
    log.step(`Running the ${command} benchmark`);
    const child = start("dotnet", [program, command, "--connection", connection, ...args], {
      cwd: repoRoot,
      env: { ...process.env, DOTNET_NOLOGO: "1", DOTNET_CLI_TELEMETRY_OPTOUT: "1" },
    });
    track(child);
    const code = await child.exited;
    if (code !== 0) process.exitCode = code;
    return code;
  });
}
