// Running child processes: the ones a step waits for, and long-lived ones such as the API.
import { spawn, spawnSync } from "node:child_process";
import net from "node:net";
import { UserError } from "./log.mjs";

/** Runs a command to completion with inherited output; throws a UserError naming it when it fails. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", ...options });
  if (result.error) throw new UserError(`Could not run ${command}: ${result.error.message}`);
  if (result.status !== 0 && !options.allowFailure) {
    throw new UserError(`${[command, ...args].join(" ")} failed with exit code ${result.status}.`);
  }
  return result.status ?? 1;
}

/** Runs a command and returns its trimmed standard output, or null when it cannot run or fails. */
export function capture(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", ...options });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** Starts a long-lived child; resolves `exited` with its exit code. */
export function start(command, args, options = {}) {
  const child = spawn(command, args, { stdio: "inherit", ...options });
  const exited = new Promise((resolve) => {
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    child.on("error", () => resolve(127));
  });
  return { child, exited };
}

/** Whether this process runs as root (PostgreSQL then runs as the `postgres` user). */
export const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** Asks a child to stop (SIGTERM), and kills it (SIGKILL) if it is still there after timeoutMs. */
export async function stopChild({ child, exited }, timeoutMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  let timer;
  const late = new Promise((resolve) => (timer = setTimeout(() => resolve("late"), timeoutMs)));
  if ((await Promise.race([exited, late])) === "late") {
    child.kill("SIGKILL");
    await exited;
  }
  clearTimeout(timer);
}

/** True when something already listens on host:port. */
export function isPortInUse(port, host = "127.0.0.1") {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", (e) => resolve(e.code === "EADDRINUSE" || e.code === "EACCES"));
    server.once("listening", () => server.close(() => resolve(false)));
    server.listen(port, host);
  });
}

/** A TCP port that was free a moment ago, chosen by the OS. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls a URL until it answers 200, the child exits, or the timeout passes. */
export async function waitForHttp(url, { timeoutMs = 120_000, exited } = {}) {
  const deadline = Date.now() + timeoutMs;
  let stopped = false;
  exited?.then(() => (stopped = true));
  while (Date.now() < deadline && !stopped) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}
