// The five servers of the HTTP comparison and how to start one: shared by the harness (scripts/bench/http.mjs) and
// the smoke test (servers.test.mjs). Each answers POST /graphql on 127.0.0.1 and prints "listening on ..." when ready.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

/** The program the .NET servers run in (`dotnet build tests/Graph.Benchmarks -c Release` writes it). */
export const benchmarksDll = path.resolve(here, "..", "bin", "Release", "net10.0", "Graph.Benchmarks.dll");

/** The query every server answers, and the request body the harness sends. */
export const query = "{ books { id title author { id name } } }";
export const requestBody = JSON.stringify({ query });

const dotnet = (target) => ({
  command: "dotnet",
  args: (port) => [benchmarksDll, "serve", "--target", target, "--port", String(port)],
  env: { ASPNETCORE_ENVIRONMENT: "Production", DOTNET_NOLOGO: "1" },
});
const node = (file) => ({
  command: process.execPath,
  args: (port) => [path.join(here, file), "--port", String(port)],
  env: { NODE_ENV: "production" },
});

/** In the order the harness runs them: ours first (the reference answer), the ceiling last. */
export const servers = [
  { name: "graph", label: "Graph (our engine, MapGraphQL)", ...dotnet("graph") },
  { name: "graphql-http", label: "graphql-js + graphql-http", ...node("graphql-http.mjs") },
  { name: "mercurius", label: "mercurius + graphql-jit", ...node("mercurius.mjs") },
  { name: "apollo", label: "Apollo Server (standalone)", ...node("apollo.mjs") },
  { name: "ceiling", label: "Kestrel, same bytes, no GraphQL", ...dotnet("ceiling") },
];

/**
 * Starts one server on `port`, pinned to `cpu` with taskset when given, and resolves once it printed its
 * "listening on" line. The returned `stop()` ends it (SIGTERM, then SIGKILL after 5 s).
 */
export async function startServer(server, { port, cpu = null, timeoutMs = 60_000 } = {}) {
  if (server.command === "dotnet" && !fs.existsSync(benchmarksDll)) {
    throw new Error(`${benchmarksDll} is missing: build it first (dotnet build tests/Graph.Benchmarks -c Release).`);
  }
  const [command, args] = cpu === null
    ? [server.command, server.args(port)]
    : ["taskset", ["-c", String(cpu), server.command, ...server.args(port)]];
  const child = spawn(command, args, { env: { ...process.env, ...server.env }, stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise((resolve) => {
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    child.once("error", () => resolve(127));
  });

  // The last lines it printed, for the error message when it does not start.
  let output = "";
  const keep = (chunk) => (output = (output + chunk).slice(-4000));
  child.stderr.on("data", keep);
  const ready = new Promise((resolve) => {
    child.stdout.on("data", (chunk) => {
      keep(chunk);
      if (output.includes("listening on http://")) resolve(true);
    });
  });

  let timer;
  const late = new Promise((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  const started = await Promise.race([ready, exited.then(() => false), late]);
  clearTimeout(timer);

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(killer);
  };
  if (!started) {
    await stop();
    throw new Error(`${server.label} did not start on port ${port}:\n${output.trim()}`);
  }
  return { url: `http://127.0.0.1:${port}/graphql`, stop };
}

/** POSTs the comparison's query to a server the way the harness's wrk script does; resolves the raw response bytes. */
export async function ask(url) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: requestBody,
    signal: AbortSignal.timeout(10_000),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${bytes.toString("utf8").slice(0, 500)}`);
  return bytes;
}
