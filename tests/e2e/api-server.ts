// Starts the real, built server (Graph.Api.dll) on a free port against its own database of the
// test PostgreSQL (GRAPH_TEST_PG, which `npm test` provides). Shared by the browser tests and the
// GraphQL-over-HTTP conformance audit (tests/conformance).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, stopChild, waitForHttp } from "../../scripts/lib/proc.mjs";
import { findPgBin } from "../../scripts/lib/postgres.mjs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const apiDll = path.join(repoRoot, "api", "Graph.Api", "bin", "Release", "net10.0", "Graph.Api.dll");

export interface RunningServer {
  baseUrl: string;
  /** The server's own database, for tests that need to read what the seed wrote. */
  connectionString: string;
  stop(): Promise<void>;
}

/** Runs one SQL query with psql against the server's database and returns the rows' first column. */
export function sqlColumn(server: RunningServer, query: string): string[] {
  const parts = Object.fromEntries(server.connectionString.split(";").map((pair) => {
    const [key, ...value] = pair.split("=");
    return [key.trim().toLowerCase(), value.join("=")];
  }));
  const bin = findPgBin();
  const psql = bin && fs.existsSync(path.join(bin, "psql")) ? path.join(bin, "psql") : "psql";
  const result = spawnSync(psql, ["-At", "-h", parts.host, "-p", parts.port, "-U", parts.username, "-d", parts.database, "-c", query], {
    env: { ...process.env, PGPASSWORD: parts.password },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
  return result.stdout.split("\n").filter((line) => line.length > 0);
}

function serverConnectionString(): string {
  const server = process.env.GRAPH_TEST_PG;
  if (!server) throw new Error("GRAPH_TEST_PG is not set: run these tests through `npm test`, which starts a PostgreSQL.");
  const database = `graph_server_${Date.now().toString(36)}`;
  const withoutDatabase = server.replace(/;?Database=[^;]*/i, "");
  return `${withoutDatabase};Database=${database}`;
}

export async function startServer(): Promise<RunningServer> {
  if (!fs.existsSync(apiDll)) throw new Error(`${apiDll} is missing: build the solution first (npm test does).`);
  const port: number = await freePort();
  const connectionString = serverConnectionString();
  const env = {
    ...process.env,
    ASPNETCORE_ENVIRONMENT: "Development",
    ASPNETCORE_URLS: `http://127.0.0.1:${port}`,
    ConnectionStrings__Graph: connectionString,
    Graph__AdminUi__Path: process.env.GRAPH_ADMIN_DIST ?? path.join(repoRoot, "admin-ui", "dist"),
  };
  // The server's folder is its content root, as under `npm start`: appsettings.Development.json applies (signing key,
  // development rate limits and origins).
  const cwd = path.join(repoRoot, "api", "Graph.Api");
  for (const verb of ["migrate", "seed"]) {
    const result = spawnSync("dotnet", [apiDll, verb], { env, cwd, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`Graph.Api ${verb} failed: ${result.stderr || result.stdout}`);
  }

  const child: ChildProcess = spawn("dotnet", [apiDll, "serve"], { env, cwd, stdio: ["ignore", "ignore", "inherit"] });
  const exited = new Promise<number>((resolve) => child.once("exit", (code) => resolve(code ?? 1)));
  const baseUrl = `http://127.0.0.1:${port}`;
  if (!(await waitForHttp(`${baseUrl}/health/ready`, { timeoutMs: 60_000, exited }))) {
    child.kill("SIGKILL");
    throw new Error(`The server did not become ready at ${baseUrl}/health/ready.`);
  }
  return {
    baseUrl,
    connectionString,
    stop: () => stopChild({ child, exited }),
  };
}

/** The opaque ID the graph gives the node of `typeName` whose key is the UUID `uuid` (base64url of `Type:g` + 16 bytes). */
export function globalId(typeName: string, uuid: string): string {
  const key = Buffer.from(uuid.replace(/-/g, ""), "hex");
  return Buffer.concat([Buffer.from(`${typeName}:g`, "utf8"), key]).toString("base64url");
}
