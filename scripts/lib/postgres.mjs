// A private PostgreSQL cluster made from the locally installed server (initdb + pg_ctl):
// persistent under .data/ for `npm start`, throwaway in a temp folder for `npm test`.
//
// The cluster's superuser (graph_admin) has a random password kept beside the data folder; the
// application connects as `graph`, which may create databases but is not a superuser, so the
// well-known development password below opens nothing beyond the application's own databases.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { capture, freePort, isPortInUse, isRoot, run } from "./proc.mjs";
import { log, UserError } from "./log.mjs";

export const PG_USER = "graph";
// Development-only password of the application role of the private cluster (127.0.0.1 only).
export const PG_PASSWORD = "graph-development-only";
const ADMIN_USER = "graph_admin";

const installHelp = `PostgreSQL (15 or newer) is not installed. Either:
      - install it: sudo apt-get install postgresql   (macOS: brew install postgresql@16)
      - or run the whole stack in containers: docker compose up
      - or point Graph at a database you have: ConnectionStrings__Graph="Host=...;Database=graph;Username=...;Password=..." npm start`;

/**
 * The folder holding initdb and pg_ctl: $PG_BIN, then PATH, then Debian's and Homebrew's usual places.
 * When a data folder exists, the binaries of its major version come first (a cluster only opens with its own).
 */
export function findPgBin(dataDir) {
  const candidates = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const onPath = capture("sh", ["-c", "command -v pg_ctl"]);
  if (onPath) candidates.push(path.dirname(fs.realpathSync(onPath)));
  for (const root of ["/usr/lib/postgresql", "/opt/homebrew/opt", "/usr/local/opt"]) {
    if (!fs.existsSync(root)) continue;
    const versions = fs
      .readdirSync(root)
      .filter((v) => /^(postgresql@)?\d+$/.test(v))
      .sort((a, b) => Number(b.replace(/\D/g, "")) - Number(a.replace(/\D/g, "")));
    for (const v of versions) candidates.push(path.join(root, v, "bin"));
  }
  const usable = candidates.filter((dir) => fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl")));
  const versionFile = dataDir && path.join(dataDir, "PG_VERSION");
  if (versionFile && fs.existsSync(versionFile)) {
    const major = fs.readFileSync(versionFile, "utf8").trim();
    const matching = usable.find((dir) => new RegExp(`(^|[^0-9])${major}([^0-9]|$)`).test(dir));
    if (matching) return matching;
  }
  return usable[0] ?? null;
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

const adminPasswordFile = (dataDir) => `${dataDir}-admin-password`;

function initCluster(bin, dataDir, { durable }) {
  fs.mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (fs.readdirSync(dataDir).length > 0) {
    throw new UserError(
      `${dataDir} is not empty but holds no PostgreSQL cluster (an interrupted first start?). ` +
        `Delete it and start again: rm -rf "${dataDir}"`,
    );
  }
  prepareOwnership(dataDir);

  const adminPassword = crypto.randomBytes(24).toString("base64url");
  const secrets = fs.mkdtempSync(path.join(os.tmpdir(), "graph-initdb-"));
  const pwfile = path.join(secrets, "pw");
  fs.writeFileSync(pwfile, adminPassword + "\n", { mode: 0o600 });
  if (isRoot) run("chown", ["-R", "postgres:postgres", secrets]);
  try {
    pg(bin, "initdb", ["-D", dataDir, "-U", ADMIN_USER, `--pwfile=${pwfile}`, "--auth=scram-sha-256", "--encoding=UTF8", "--no-locale", "--no-instructions"], {
      stdio: ["ignore", "ignore", "inherit"],
    });
  } catch (e) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw e;
  } finally {
    fs.rmSync(secrets, { recursive: true, force: true });
  }
  fs.writeFileSync(adminPasswordFile(dataDir), adminPassword + "\n", { mode: 0o600 });
  const settings = [
    "",
    "# Graph's private cluster: reachable from this machine only.",
    "listen_addresses = '127.0.0.1'",
    "unix_socket_directories = ''",
    // Test runs keep one connection pool per server under test (dozens of classes side by side), each holding idle
    // connections until its database is dropped: the throwaway cluster takes more clients than the durable one needs.
    durable ? "max_connections = 200" : "max_connections = 500",
    ...(durable ? [] : ["# Throwaway test cluster: speed over crash safety.", "fsync = off", "synchronous_commit = off", "full_page_writes = off"]),
  ];
  fs.appendFileSync(path.join(dataDir, "postgresql.conf"), settings.join("\n") + "\n");
}

const roleMarker = (dataDir) => `${dataDir}-role-created`;

/**
 * Creates the application role, as the cluster's superuser, unless it was done already (a first
 * start can be interrupted between initdb and here, so this runs until it has succeeded once).
 */
function ensureApplicationRole(bin, dataDir, port) {
  if (fs.existsSync(roleMarker(dataDir)) || !fs.existsSync(adminPasswordFile(dataDir))) return;
  const password = fs.readFileSync(adminPasswordFile(dataDir), "utf8").trim();
  const psql = fs.existsSync(path.join(bin, "psql")) ? path.join(bin, "psql") : "psql";
  run(psql, [
    "-q", "-v", "ON_ERROR_STOP=1",
    "-h", "127.0.0.1", "-p", String(port), "-U", ADMIN_USER, "-d", "postgres",
    "-c", `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${PG_USER}') THEN CREATE ROLE ${PG_USER} LOGIN CREATEDB PASSWORD '${PG_PASSWORD}'; END IF; END $$`,
  ], { env: { ...process.env, PGPASSWORD: password }, stdio: ["ignore", "ignore", "inherit"] });
  fs.writeFileSync(roleMarker(dataDir), "");
}

export function connectionString(port, database = "graph") {
  return `Host=127.0.0.1;Port=${port};Database=${database};Username=${PG_USER};Password=${PG_PASSWORD}`;
}

/** The port a running cluster listens on (line 4 of postmaster.pid). */
function runningPort(dataDir) {
  const lines = fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n");
  return Number(lines[3]);
}

/**
 * Starts (initialising on first use) a cluster in dataDir on port.
 * Returns { port, dataDir, connectionString, stop }.
 */
export async function startCluster({ dataDir, port, durable = true }) {
  const bin = findPgBin(dataDir);
  if (!bin) throw new UserError(installHelp);

  const fresh = !fs.existsSync(path.join(dataDir, "PG_VERSION"));
  if (fresh) {
    log.info(`initialising a new cluster in ${dataDir}`);
    initCluster(bin, dataDir, { durable });
  }

  let stopped = false;
  const cluster = (listening) => ({
    port: listening,
    dataDir,
    connectionString: connectionString(listening),
    stop: () => {
      if (stopped) return;
      stopped = true;
      pg(bin, "pg_ctl", ["stop", "-D", dataDir, "-m", "fast", "-w"], { stdio: ["ignore", "ignore", "inherit"], allowFailure: true });
    },
  });

  if (!fresh && pgStatus(bin, dataDir)) {
    // Left running by an earlier run that did not stop it (killed, crashed): adopt it, stop it at the end.
    const listening = runningPort(dataDir);
    log.info(`the cluster in ${dataDir} is already running on port ${listening} (left by an earlier run); using it`);
    ensureApplicationRole(bin, dataDir, listening);
    return cluster(listening);
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

  const started = cluster(port);
  try {
    ensureApplicationRole(bin, dataDir, port);
  } catch (e) {
    started.stop();
    throw e;
  }
  return started;
}

/**
 * Runs `body(connection, track)` against a throwaway PostgreSQL (a fresh, non-durable cluster in a temporary folder,
 * as `npm test` starts), then stops the cluster and removes the folder, also on Ctrl-C or SIGTERM. `connection` is the
 * connection string of its `postgres` database; `track(child)` registers a started process (see proc.mjs `start`) to
 * kill first if a signal ends the run. Returns what `body` returns.
 */
export async function withThrowawayCluster(prefix, body) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
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
    const port = await freePort();
    cluster = await startCluster({ dataDir: path.join(work, "pg"), port, durable: false });
    return await body(connectionString(port, "postgres"), (started) => {
      child = started;
    });
  } finally {
    cleanup();
    for (const [signal, handler] of signals) process.off(signal, handler);
  }
}
