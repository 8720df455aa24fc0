// BenchmarkDotNet: parse, validate, execute; time and bytes allocated (e.g. --filter '*' --job short).
import { run } from "../lib/proc.mjs";
import { repoRoot } from "../lib/setup.mjs";

export default function micro(args) {
  return run("dotnet", ["run", "-c", "Release", "--project", "tests/Graph.Benchmarks", "--", ...args], {
    cwd: repoRoot,
    allowFailure: true,
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1", DOTNET_NOLOGO: "1" },
  });
}
