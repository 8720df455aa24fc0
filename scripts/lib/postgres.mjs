// A private PostgreSQL cluster made from the locally installed server (initdb + pg_ctl):
// persistent under .data/ for `npm start`, throwaway in a temp folder for `npm test`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { capture, isPortInUse, run } from "./proc.mjs";
import { log, UserError } from "./log.mjs";

export const PG_USER = "graph";
// Development-only password of the private cluster, which listens on 127.0.0.1 alone.
export const PG_PASSWORD = "graph-development-only";

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

const installHelp = `PostgreSQL (15 or newer) is not installed. Either:
      - install it: sudo apt-get install postgresql   (macOS: brew install postgresql@16)
      - or run the whole stack in containers: docker compose up
      - or point Graph at a database you have: ConnectionStrings__Graph="Host=...;Database=graph;Username=...;Password=..." npm start`;

/** The folder holding initdb and pg_ctl: $PG_BIN, then PATH, then Debian's and Homebrew's usual places. */
export function findPgBin() {
  const candidates = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const onPath = capture("sh", ["-c", "command -v pg_ctl"]);
  if (onPath) candidates.push(path.dirname(onPath));
  for (const root of ["/usr/lib/postgresql", "/opt/homebrew/opt", "/usr/local/opt"]) {
    if (!fs.existsSync(root)) continue;
    const versions = fs
      .readdirSync(root)
      .filter((v) => /^(postgresql@)?\d+$/.test(v))
      .sort((a, b) => Number(b.replace(/\D/g, "")) - Number(a.replace(/\D/g, "")));
    for (const v of versions) candidates.push(path.join(root, v, "bin"));
  }
  return candidates.find((dir) => fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl"))) ?? null;
}

/** Runs a PostgreSQL binary, as the `postgres` user when we are root (the server refuses to run as root). */
function pg(bin, tool, args, options = {}) {
  const exe = path.join(bin, tool);
  return isRoot ? run("runuser", ["-u", "postgres", "--", exe, ...args], options) : run(exe, args, options);
}

function pgStatus(bin, dataDir) {
  const exe = path.join(bin, "pg_ctl");
  const args = ["status", "-D", dataDir];
  return (isRoot ? capture("runuser", ["-u", "postgres", "--", exe, ...args]) : capture(exe, args)) !== null;
}

/** As root, hands a folder to the postgres user; checks that user can reach it. */
function prepareOwnership(dir) {
  if (!isRoot) return;
  if (capture("id", ["-u", "postgres"]) === null) {
    throw new UserError("Running as root, but there is no `postgres` user to run the database server as (installing the postgresql package creates it).");
  }
  run("chown", ["-R", "postgres:postgres", dir]);
  if (capture("runuser", ["-u", "postgres", "--", "test", "-w", dir]) === null) {
    throw new UserError(`The postgres user cannot write to ${dir} (a parent folder is closed to it). Set GRAPH_PG_DATA to a folder it can reach.`);
  }
}

function initCluster(bin, dataDir, { durable }) {
  fs.mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  fs.mkdirSync(dataDir, { mode: 0o700 });
  prepareOwnership(dataDir);
  const pwfile = path.join(os.tmpdir(), `graph-pw-${process.pid}`);
  fs.writeFileSync(pwfile, PG_PASSWORD + "\n", { mode: 0o644 });
  try {
    pg(bin, "initdb", ["-D", dataDir, "-U", PG_USER, `--pwfile=${pwfile}`, "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8", "--no-instructions"], {
      stdio: ["ignore", "ignore", "inherit"],
    });
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
  const settings = [
    "",
    "# Graph's private cluster: reachable from this machine only.",
    "listen_addresses = '127.0.0.1'",
    "unix_socket_directories = ''",
    "max_connections = 200",
    ...(durable ? [] : ["# Throwaway test cluster: speed over crash safety.", "fsync = off", "synchronous_commit = off", "full_page_writes = off"]),
  ];
  fs.appendFileSync(path.join(dataDir, "postgresql.conf"), settings.join("\n") + "\n");
}

export function connectionString(port, database = "graph") {
  return `Host=127.0.0.1;Port=${port};Database=${database};Username=${PG_USER};Password=${PG_PASSWORD}`;
}

/**
 * Starts (initialising on first use) a cluster in dataDir on port.
 * Returns { port, connectionString, stop } where stop() is a no-op if the cluster was already running.
 */
export async function startCluster({ dataDir, port, durable = true }) {
  const bin = findPgBin();
  if (!bin) throw new UserError(installHelp);

  const fresh = !fs.existsSync(path.join(dataDir, "PG_VERSION"));
  if (fresh) {
    log.info(`initialising a new cluster in ${dataDir}`);
    initCluster(bin, dataDir, { durable });
  } else if (pgStatus(bin, dataDir)) {
    log.info(`the cluster in ${dataDir} is already running; using it`);
    return { port, dataDir, connectionString: connectionString(port), stop: () => {} };
  }

  if (await isPortInUse(port)) {
    throw new UserError(
      `Port ${port} is already in use, so the private PostgreSQL cannot start there. ` +
        `Stop whatever listens on it, or choose another port: GRAPH_PG_PORT=54330 npm start`,
    );
  }

  const logFile = path.join(dataDir, "server.log");
  log.info(`starting PostgreSQL on 127.0.0.1:${port} (log: ${logFile})`);
  try {
    pg(bin, "pg_ctl", ["start", "-D", dataDir, "-l", logFile, "-w", "-t", "60", "-o", `-p ${port}`], { stdio: ["ignore", "ignore", "inherit"] });
  } catch {
    const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").split("\n").slice(-15).join("\n") : "";
    throw new UserError(`PostgreSQL did not start. The end of its log:\n${tail}`);
  }

  let stopped = false;
  return {
    port,
    dataDir,
    connectionString: connectionString(port),
    stop: () => {
      if (stopped) return;
      stopped = true;
      pg(bin, "pg_ctl", ["stop", "-D", dataDir, "-m", "fast", "-w"], { stdio: ["ignore", "ignore", "inherit"], allowFailure: true });
    },
  };
}
