// The HTTP comparison: our server against graphql-http, mercurius+graphql-jit, Apollo Server and a Kestrel ceiling, under wrk.
//
//   npm run bench -- http [--duration 15] [--warmup 20] [--connections 32] [--threads 1] [--only a,b] [--no-pin] [--json out.json]
//
// One server at a time on 127.0.0.1, each serving the library graph of tests/Graph.Benchmarks/Http/library.json
// (servers in tests/Graph.Benchmarks/peers/servers.mjs): started, checked to answer the query as our server does,
// warmed up, loaded by wrk, stopped. Prints requests/s, p50 and p99 and the ratios; --json writes them to a file.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { capture, freePort, isRoot, run } from "../lib/proc.mjs";
import { buildDotnet, checkPrerequisites, installNodePackages, repoRoot } from "../lib/setup.mjs";
import { log, UserError } from "../lib/log.mjs";
import { ask, query, requestBody, servers, startServer } from "../../tests/Graph.Benchmarks/peers/servers.mjs";

const defaults = {
  duration: 15,
  warmup: 20,
  // One wrk thread (it has one core) keeping 32 requests in flight: enough to keep any of the servers busy on its
  // single core (node's one event loop included) without the run measuring mostly queueing; by Little's law the
  // p50 is then about 32 / (requests/s), so compare latencies between servers at the same --connections only.
  connections: 32,
  threads: 1,
};

const help = `Usage: npm run bench -- http [options]

  --duration S      seconds of measurement per server (default ${defaults.duration})
  --warmup S        seconds of load before that at least, not counted: then 3 s rounds until three in a row agree
                    within 5%, 90 s at most (default ${defaults.warmup})
  --connections N   keep-alive connections wrk holds open (default ${defaults.connections})
  --threads N       wrk threads (default ${defaults.threads}: wrk has one core when pinned)
  --only a,b        load only these servers (graph always runs: it is the reference and the ratios' numerator)
  --no-pin          do not pin the server to CPU 1 and wrk to CPU 0 with taskset
  --json FILE       also write the results as JSON to FILE

Servers: graph, graphql-http, mercurius, apollo, ceiling.`;

function parseOptions(args) {
  const options = { ...defaults, only: null, pin: true, json: null };
  const number = (name, value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new UserError(`${name} needs a positive whole number (got ${value}).`);
    return n;
  };
  for (let i = 0; i < args.length; i++) {
    const name = args[i];
    const value = () => {
      if (i + 1 >= args.length) throw new UserError(`${name} needs a value.`);
      return args[++i];
    };
    switch (name) {
      case "--duration": options.duration = number(name, value()); break;
      case "--warmup": options.warmup = Number(value()); break;
      case "--connections": options.connections = number(name, value()); break;
      case "--threads": options.threads = number(name, value()); break;
      case "--only": options.only = new Set(value().split(",")); break;
      case "--no-pin": options.pin = false; break;
      case "--json": options.json = path.resolve(process.env.INIT_CWD ?? process.cwd(), value()); break;
      case "-h": case "--help": options.help = true; break;
      default: throw new UserError(`Unknown option ${name}.\n${help}`);
    }
  }
  if (!(options.warmup >= 0)) throw new UserError("--warmup needs a number of seconds (0 for none).");
  return options;
}

/** Milliseconds from one of wrk's durations: 850.00us, 1.23ms, 2.00s, 1.00m. */
function milliseconds(text) {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * { us: 0.001, ms: 1, s: 1000, m: 60_000 }[match[2]];
}

/** The figures of one `wrk --latency` run's output. */
export function parseWrkOutput(text) {
  const percentile = (p) => milliseconds(new RegExp(`^\\s*${p}%\\s+(\\S+)`, "m").exec(text)?.[1] ?? "");
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const requestsPerSecond = Number(/^Requests\/sec:\s+([\d.]+)/m.exec(text)?.[1]);
  if (!Number.isFinite(requestsPerSecond)) throw new Error(`wrk printed no Requests/sec line:\n${text}`);
  return {
    requestsPerSecond,
    p50Ms: percentile(50),
    p99Ms: percentile(99),
    requests: Number(/(\d+) requests in/.exec(text)?.[1] ?? NaN),
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(text)?.[1] ?? 0),
    socketErrors: socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
  };
}

/** wrk's Lua script: every request a POST of the query, as servers.mjs's ask() sends it. */
function writeWrkScript(folder, body) {
  const file = path.join(folder, "post-query.lua");
  if (body.includes("]]")) throw new Error("The request body cannot go in a Lua long string.");
  fs.writeFileSync(file, [
    'wrk.method = "POST"',
    `wrk.body = [[${body}]]`,
    'wrk.headers["Content-Type"] = "application/json"',
    'wrk.headers["Accept"] = "application/json"',
    "",
  ].join("\n"));
  return file;
}

function runWrk({ url, script, seconds, connections, threads, cpu }) {
  const wrkArgs = ["-t", String(threads), "-c", String(connections), "-d", `${seconds}s`, "--timeout", "10s", "--latency", "-s", script, url];
  const [command, args] = cpu === null ? ["wrk", wrkArgs] : ["taskset", ["-c", String(cpu), "wrk", ...wrkArgs]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (out += chunk));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(out) : reject(new UserError(`wrk failed (exit code ${code}):\n${out}`))));
  });
}

function ensureWrk() {
  if (spawnSync("wrk", ["-v"]).error === undefined) return;
  if (!isRoot) throw new UserError("wrk is not installed: on Debian or Ubuntu, `sudo apt-get install wrk`.");
  log.info("wrk is missing: installing it (apt-get install wrk)");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  run("apt-get", ["update", "-qq"], { env });
  run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "wrk"], { env });
}

/** The first version found of an installed npm package (nested copies first: mercurius pins its graphql-jit). */
function packageVersion(...candidates) {
  for (const folder of candidates) {
    const file = path.join(repoRoot, "node_modules", folder, "package.json");
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")).version;
  }
  return null;
}

function describeMachine(pin) {
  const wrkVersion = spawnSync("wrk", ["-v"], { encoding: "utf8" }).stdout?.match(/wrk (\S+)/)?.[1] ?? null;
  return {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.versions.node,
    dotnet: capture("dotnet", ["--version"]),
    wrk: wrkVersion,
    packages: {
      graphql: packageVersion("graphql"),
      "graphql-http": packageVersion("graphql-http"),
      mercurius: packageVersion("mercurius"),
      "graphql-jit": packageVersion("mercurius/node_modules/graphql-jit", "graphql-jit"),
      fastify: packageVersion("fastify"),
      "@apollo/server": packageVersion("@apollo/server"),
    },
    pinning: pin ? { server: pin.server, wrk: pin.wrk } : null,
    loadAverageAtStart: os.loadavg()[0],
  };
}

const format = {
  rps: (n) => (n == null ? "-" : Math.round(n).toLocaleString("en-US")),
  ms: (n) => (n == null ? "-" : `${n.toFixed(2)} ms`),
  times: (n) => (n == null || !Number.isFinite(n) ? "-" : `${n.toFixed(2)}x`),
  percent: (n) => (n == null || !Number.isFinite(n) ? "-" : `${Math.round(n * 100)}%`),
};

function printTable(results) {
  const ours = results.find((r) => r.name === "graph")?.requestsPerSecond;
  const ceiling = results.find((r) => r.name === "ceiling")?.requestsPerSecond;
  const rows = [["server", "requests/s", "p50", "p99", "ours / this", "this / ceiling"]];
  for (const r of results) {
    const rps = r.requestsPerSecond;
    rows.push([
      r.label,
      format.rps(rps),
      format.ms(r.p50Ms),
      format.ms(r.p99Ms),
      rps ? format.times(ours / rps) : "-",
      rps && ceiling ? format.percent(rps / ceiling) : "-",
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
  console.log("");
  console.log(line(rows[0]));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows.slice(1)) console.log(line(row));
  console.log("");
}

export default async function http(args) {
  const options = parseOptions(args);
  if (options.help) {
    console.log(help);
    return 0;
  }

  log.step("Checking prerequisites");
  checkPrerequisites();
  ensureWrk();
  log.step("Installing npm packages");
  installNodePackages();
  log.step("Building tests/Graph.Benchmarks (Release)");
  buildDotnet("tests/Graph.Benchmarks");

  const known = new Set(servers.map((s) => s.name));
  for (const name of options.only ?? []) if (!known.has(name)) throw new UserError(`Unknown server ${name}: ${[...known].join(", ")}.`);
  const chosen = servers.filter((s) => s.name === "graph" || !options.only || options.only.has(s.name));

  let pin = null;
  if (options.pin) {
    if (os.availableParallelism() < 2) log.warn("one CPU only: the server and wrk are not pinned and share it");
    else if (spawnSync("taskset", ["-V"]).error) log.warn("taskset is missing (util-linux): the server and wrk are not pinned");
    else pin = { server: 1, wrk: 0 };
  }

  const machine = describeMachine(pin);
  const settings = { query, duration: options.duration, warmup: options.warmup, connections: options.connections, threads: options.threads };
  log.step("The HTTP comparison");
  log.info(`machine: ${machine.cpu}, ${machine.cores} CPUs, ${machine.memoryGiB} GiB, ${machine.os}`);
  log.info(`node ${machine.node}, dotnet ${machine.dotnet}, wrk ${machine.wrk}`);
  log.info(`packages: ${Object.entries(machine.packages).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  log.info(pin
    ? `pinning: each server alone on CPU ${pin.server} (taskset -c ${pin.server}), wrk on CPU ${pin.wrk} (taskset -c ${pin.wrk}): every server gets one core`
    : "pinning: none (--no-pin or not possible): server and wrk share every CPU");
  log.info(`load: wrk -t ${options.threads} -c ${options.connections}, ${options.warmup} s warm-up then ${options.duration} s measured per server, keep-alive`);
  log.info(`query: ${query} (POST application/json, Accept: application/json)`);
  log.info(`load average at start: ${machine.loadAverageAtStart.toFixed(2)} (other work on the machine skews the figures)`);

  const work = fs.mkdtempSync(path.join(os.tmpdir(), "graph-bench-http-"));
  const script = writeWrkScript(work, requestBody);
  const results = [];
  let reference = null;
  let failed = false;
  try {
    for (const server of chosen) {
      log.step(`${server.label}`);
      const port = await freePort();
      const running = await startServer(server, { port, cpu: pin?.server ?? null });
      const result = { name: server.name, label: server.label };
      try {
        const bytes = await ask(running.url);
        result.responseBytes = bytes.length;
        if (reference === null) {
          reference = bytes;
          result.answer = "reference";
        } else if (bytes.equals(reference)) {
          result.answer = "identical bytes";
        } else if (isDeepStrictEqual(JSON.parse(bytes.toString("utf8")), JSON.parse(reference.toString("utf8")))) {
          result.answer = bytes.toString("utf8").trimEnd() === reference.toString("utf8").trimEnd()
            ? "same bytes but for trailing whitespace"
            : "same JSON, other bytes";
        } else {
          result.answer = "DIFFERENT";
        }
        log.info(`answer: ${result.answer} (${bytes.length.toLocaleString("en-US")} bytes; ours ${reference.length.toLocaleString("en-US")})`);
        if (result.answer === "DIFFERENT") {
          log.error(`${server.label} does not answer as our server does: not loaded. Its answer starts: ${bytes.toString("utf8").slice(0, 300)}`);
          failed = true;
          results.push(result);
          continue;
        }

        const load = { url: running.url, script, connections: options.connections, threads: options.threads, cpu: pin?.wrk ?? null };
        if (options.warmup > 0) {
          // JIT-compiled servers (.NET's tiered compilation, V8) speed up for a while, slowly when the server's one core
          // is saturated (the JIT's background compilation shares it): load in rounds of 3 s until three rounds in a row
          // agree within 5%, after at least --warmup seconds and for at most 90 s.
          let spent = 0;
          const rates = [];
          const rounds = [];
          while (spent < 90) {
            const current = parseWrkOutput(await runWrk({ ...load, seconds: 3 })).requestsPerSecond;
            spent += 3;
            rates.push(current);
            rounds.push(format.rps(current));
            const last = rates.slice(-3);
            if (spent >= options.warmup && last.length === 3 && Math.max(...last) <= 1.05 * Math.min(...last)) break;
          }
          log.info(`warmed up ${spent} s (requests/s per 3 s round: ${rounds.join(", ")})`);
        }
        result.loadAverageBefore = os.loadavg()[0];
        log.info(`measuring ${options.duration} s`);
        const output = await runWrk({ ...load, seconds: options.duration });
        Object.assign(result, parseWrkOutput(output));
        log.info(`${format.rps(result.requestsPerSecond)} requests/s, p50 ${format.ms(result.p50Ms)}, p99 ${format.ms(result.p99Ms)}`);
        if (result.non2xx || result.socketErrors) {
          log.warn(`${result.non2xx} non-2xx responses, ${result.socketErrors} socket errors: the figures are not comparable`);
          failed = true;
        }
      } finally {
        await running.stop();
      }
      results.push(result);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }

  log.step(`Results (${options.duration} s per server, ${options.connections} connections${pin ? ", one core per server" : ", unpinned"})`);
  printTable(results);
  const byName = Object.fromEntries(results.map((r) => [r.name, r]));
  const ours = byName.graph?.requestsPerSecond;
  const ratios = {};
  for (const r of results) {
    if (!r.requestsPerSecond) continue;
    ratios[r.name] = {
      oursOverThis: ours / r.requestsPerSecond,
      thisOverCeiling: byName.ceiling?.requestsPerSecond ? r.requestsPerSecond / byName.ceiling.requestsPerSecond : null,
    };
  }
  log.info(`answers against ours: ${results.filter((r) => r.answer !== "reference").map((r) => `${r.name} ${r.answer}`).join("; ")}`);

  if (options.json) {
    const report = { date: new Date().toISOString(), machine, settings: { ...settings, pinned: pin !== null }, results, ratios };
    fs.writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
    log.ok(`wrote ${options.json}`);
  }
  return failed ? 1 : 0;
}
