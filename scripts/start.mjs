// `npm start`: from a fresh clone to the running graph on http://localhost:5000.
// Installs what is missing, starts a private PostgreSQL (unless ConnectionStrings__Graph names a
// database), migrates, seeds demo data (private cluster only), builds the SPA and serves API + IDE +
// SPA from one process. The API runs from its own build folder (.data/api), so `npm test`, which
// rebuilds bin/Release, never changes files under a running server.
import crypto from "node:crypto";
import path from "node:path";
import { capture, isPortInUse, run, isRoot, start, stopChild, waitForHttp } from "./lib/proc.mjs";
import { startCluster } from "./lib/postgres.mjs";
import { buildAdminUi, checkPrerequisites, installNodePackages, repoRoot } from "./lib/setup.mjs";
import { log, UserError } from "./lib/log.mjs";

const urls = process.env.ASPNETCORE_URLS ?? "http://localhost:5000";
const pgPort = Number(process.env.GRAPH_PG_PORT ?? 54329);
const apiDir = path.join(repoRoot, ".data", "api");
const apiDll = path.join(apiDir, "Graph.Api.dll");

/** Where the private cluster keeps its data: .data/pg, or (as root, when the postgres user cannot reach the clone) a folder under /var/tmp. */
function dataDir() {
  if (process.env.GRAPH_PG_DATA) return path.resolve(process.env.GRAPH_PG_DATA);
  const local = path.join(repoRoot, ".data", "pg");
  if (!isRoot || capture("runuser", ["-u", "postgres", "--", "test", "-x", repoRoot]) !== null) return local;
  const id = crypto.createHash("sha256").update(repoRoot).digest("hex").slice(0, 12);
  return path.join("/var/tmp", `graph-${id}`, "pg");
}

/** host:port pairs Kestrel will bind, from ASPNETCORE_URLS. */
function endpoints() {
  return urls.split(";").filter(Boolean).map((u) => {
    const url = new URL(u.replace(/\/\/(\*|\+)/, "//0.0.0.0"));
    const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
    const host = ["localhost", "0.0.0.0", "[::]"].includes(url.hostname) ? "127.0.0.1" : url.hostname.replace(/^\[|\]$/g, "");
    return { url: `${url.protocol}//${host === "127.0.0.1" ? "localhost" : url.hostname}:${port}`, host, port };
  });
}

async function main() {
  log.step("Checking prerequisites");
  checkPrerequisites();
  const listen = endpoints();
  for (const { host, port } of listen) {
    if (await isPortInUse(port, host)) {
      throw new UserError(
        `Port ${port} is already in use: is Graph already running (another \`npm start\`)? ` +
          `Stop it with Ctrl-C, or serve on another port: ASPNETCORE_URLS=http://localhost:5001 npm start`,
      );
    }
  }

  log.step("Installing npm packages");
  installNodePackages();
  log.step("Building the API (dotnet build, restores NuGet packages)");
  run("dotnet", ["build", "api/Graph.Api/Graph.Api.csproj", "-c", "Release", "-o", apiDir, "--nologo", "-v", "quiet", "-clp:ErrorsOnly;Summary"], {
    cwd: repoRoot,
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1", DOTNET_NOLOGO: "1" },
  });
  log.step("Building the admin SPA");
  buildAdminUi();

  let database = process.env.ConnectionStrings__Graph;
  let cluster = null;
  if (database) {
    log.step("Using the database named by ConnectionStrings__Graph");
  } else {
    log.step("Starting the private PostgreSQL");
    cluster = await startCluster({ dataDir: dataDir(), port: pgPort, durable: true });
    database = cluster.connectionString;
  }

  const env = {
    ...process.env,
    ASPNETCORE_ENVIRONMENT: process.env.ASPNETCORE_ENVIRONMENT ?? "Development",
    ASPNETCORE_URLS: urls,
    ConnectionStrings__Graph: database,
    Graph__AdminUi__Path: path.join(repoRoot, "admin-ui", "dist"),
    DOTNET_NOLOGO: "1",
  };
  const cwd = path.join(repoRoot, "api", "Graph.Api");
  const verb = async (name, title) => {
    log.step(title);
    const { exited } = start("dotnet", [apiDll, name], { env, cwd });
    const code = await exited;
    if (code !== 0) throw new UserError(`\`Graph.Api ${name}\` failed (exit code ${code}); see the message above.`);
  };

  let api = null;
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    if (api) {
      log.step("Stopping the API");
      await stopChild(api);
    }
    if (cluster) {
      log.step("Stopping the private PostgreSQL");
      cluster.stop();
    }
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(130));
  process.on("SIGTERM", () => void stop(143));
  process.on("SIGHUP", () => void stop(129));

  try {
    await verb("migrate", "Applying database migrations");
    if (cluster) await verb("seed", "Seeding demo data");
    else log.step("Not seeding demo data into a database named by ConnectionStrings__Graph (run the `seed` verb yourself if you want it)");
  } catch (e) {
    cluster?.stop();
    throw e;
  }

  log.step(`Serving on ${urls}`);
  api = start("dotnet", [apiDll, "serve"], { env, cwd });
  api.exited.then((code) => {
    if (!stopping) {
      log.error(`The API stopped (exit code ${code}).`);
      void stop(code || 1);
    }
  });

  const base = listen[0].url;
  if (await waitForHttp(`${base}/health/ready`, { exited: api.exited })) {
    log.ok(`Graph is ready (Ctrl-C stops it):`);
    log.ok(`  GraphQL         ${base}/graphql   (schema: ${base}/graphql?sdl)`);
    log.ok(`  Admin SPA       ${base}/admin`);
    log.ok(`  Health          ${base}/health  ${base}/health/ready`);
    if (cluster) log.info(`database files kept in ${cluster.dataDir}`);
  } else if (!stopping) {
    log.error(`${base}/health/ready did not answer 200 in time; the API's log above says why.`);
  }
}

main().catch((e) => {
  if (e instanceof UserError) log.error(e.message);
  else console.error(e);
  process.exit(1);
});
