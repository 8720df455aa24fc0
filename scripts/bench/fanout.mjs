// npm run bench -- fanout [--subscribers N] [--rate R[,R...]] [--duration S] [--warmup W] [--batch B] [--drain S] [--postgres [CONNSTRING]] [--share] [--server-trace FILE]
//
// The subscription fan-out benchmark: N graphql-transport-ws subscribers (default 10,000, the goal; more if
// the open-file limit and the ephemeral ports allow) on one server process, R events a second (default 1,2,5,10) for S
// seconds (default 20), after W warm-up events that are not measured (default max(5, 3 s of events)). Several rates
// (--rate 1,2,5,10) run one after the other on the same sockets and end with a table. Prints delivery latency
// (p50/p90/p99/max), lost, duplicated and out-of-order events, the time to connect, CPU, and the server's memory
// before subscribing, after subscribing and at the end. The .NET program does the work
// (tests/Graph.Benchmarks/Fanout): this builds it in Release and runs it. --postgres without a connection string
// delivers through PostgreSQL LISTEN/NOTIFY on a throwaway cluster this starts (as `npm test` does).
import path from "node:path";
import { run } from "../lib/proc.mjs";
import { withThrowawayCluster } from "../lib/postgres.mjs";
import { log } from "../lib/log.mjs";
import { buildDotnet, repoRoot } from "../lib/setup.mjs";

const project = path.join("tests", "Graph.Benchmarks", "Graph.Benchmarks.csproj");
const program = path.join(repoRoot, "tests", "Graph.Benchmarks", "bin", "Release", "net10.0", "Graph.Benchmarks.dll");

export default async function fanout(args) {
  if (args.includes("--help") || args.includes("-h")) {
    console.log("npm run bench -- fanout [--subscribers 10000] [--rate 1,2,5,10] [--duration 20] [--warmup W] [--batch 100] [--drain 10] [--postgres [CONNSTRING]] [--share] [--server-trace FILE.nettrace]");
    return;
  }
  log.step("Building tests/Graph.Benchmarks (Release)");
  buildDotnet(project);
  const at = args.indexOf("--postgres");
  if (at >= 0 && (at + 1 === args.length || args[at + 1].startsWith("--"))) {
    log.step("Starting a throwaway PostgreSQL");
    return withThrowawayCluster("graph-bench-fanout-", async (connection) => {
      runFanout([...args.slice(0, at + 1), connection, ...args.slice(at + 1)]);
    });
  }
  runFanout(args);
}

function runFanout(args) {
  log.step(`Fan-out benchmark${args.length ? ": " + args.join(" ").replace(/postgres:\/\/\S+|Host=\S+/g, "<throwaway cluster>") : ""}`);
  run("dotnet", [program, "fanout", ...args], {
    cwd: repoRoot,
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1", DOTNET_NOLOGO: "1" },
  });
}
