// `npm test`: every test of the repository against a throwaway PostgreSQL, ending with one line:
// "N passed, N failed" (", N skipped" when any).
//
//   npm test                          everything
//   npm test -- --only Graph.Api.Tests,admin-ui   some suites (names as printed in the summary)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, start } from "./lib/proc.mjs";
import { connectionString, startCluster } from "./lib/postgres.mjs";
import { buildAdminUi, buildDotnet, checkPrerequisites, installNodePackages, repoRoot } from "./lib/setup.mjs";
import { log, UserError } from "./lib/log.mjs";

const onlyIndex = process.argv.indexOf("--only");
const only = onlyIndex > 0 ? new Set(process.argv[onlyIndex + 1]?.split(",") ?? []) : null;
const wanted = (name) => !only || only.has(name);

const work = fs.mkdtempSync(path.join(os.tmpdir(), "graph-test-"));
fs.chmodSync(work, 0o755);
const results = [];

/** Counts from a .trx file (the Visual Studio test results format dotnet test writes). */
function readTrx(file) {
  const xml = fs.readFileSync(file, "utf8");
  const counters = xml.match(/<Counters\b[^>]*>/)?.[0] ?? "";
  const count = (name) => Number(counters.match(new RegExp(`\\b${name}="(\\d+)"`))?.[1] ?? 0);
  const failedNames = [...xml.matchAll(/<UnitTestResult\b[^>]*testName="([^"]*)"[^>]*outcome="Failed"/g)].map((m) => m[1]);
  return {
    passed: count("passed"),
    failed: count("failed") + count("error") + count("timeout") + count("aborted"),
    skipped: count("notExecuted"),
    failedNames,
  };
}

async function runDotnetTests(project, env) {
  const name = path.basename(project, ".csproj");
  if (!wanted(name)) return;
  log.step(`Running ${name}`);
  const trx = path.join(work, `${name}.trx`);
  const { exited } = start(
    "dotnet",
    ["test", project, "-c", "Release", "--no-build", "--nologo", "--logger", `trx;LogFileName=${trx}`, "--logger", "console;verbosity=minimal"],
    { cwd: repoRoot, env },
  );
  const code = await exited;
  const counts = fs.existsSync(trx) ? readTrx(trx) : { passed: 0, failed: 0, skipped: 0, failedNames: [] };
  if (code !== 0 && counts.failed === 0) {
    counts.failed = 1;
    counts.failedNames.push(`${name} (the test run itself failed, exit code ${code})`);
  }
  results.push({ name, ...counts });
}

async function runVitest(workspace, name, env) {
  if (!wanted(name)) return;
  log.step(`Running ${name} (vitest)`);
  const report = path.join(work, `${name}.vitest.json`);
  const { exited } = start(
    "npx",
    ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
    { cwd: path.join(repoRoot, workspace), env },
  );
  const code = await exited;
  const counts = { passed: 0, failed: 0, skipped: 0, failedNames: [] };
  if (fs.existsSync(report)) {
    const json = JSON.parse(fs.readFileSync(report, "utf8"));
    counts.passed = json.numPassedTests ?? 0;
    counts.failed = json.numFailedTests ?? 0;
    counts.skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
    for (const file of json.testResults ?? []) {
      for (const t of file.assertionResults ?? []) if (t.status === "failed") counts.failedNames.push(t.fullName);
    }
  }
  if (code !== 0 && counts.failed === 0) {
    counts.failed = 1;
    counts.failedNames.push(`${name} (vitest failed, exit code ${code})`);
  }
  results.push({ name, ...counts });
}

/** A check that is one pass or one fail (a type check, a build). */
async function runCheck(name, command, args, cwd) {
  if (!wanted(name)) return;
  log.step(`Checking ${name}`);
  const code = await start(command, args, { cwd }).exited;
  results.push({ name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0, failedNames: code === 0 ? [] : [name] });
}

function summary() {
  const total = { passed: 0, failed: 0, skipped: 0 };
  console.log("");
  log.step("Summary");
  for (const r of results) {
    for (const k of Object.keys(total)) total[k] += r[k];
    log.info(`${r.name.padEnd(28)} ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ""}`);
    for (const f of r.failedNames) log.error(`  failed: ${f}`);
  }
  console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
  return total;
}

let cluster = null;
function cleanup() {
  cluster?.stop();
  fs.rmSync(work, { recursive: true, force: true });
}
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]]) {
  process.on(signal, () => {
    cleanup();
    process.exit(code);
  });
}

async function main() {
  const started = Date.now();
  log.step("Checking prerequisites");
  checkPrerequisites();
  log.step("Installing npm packages");
  installNodePackages({ force: process.env.CI === "true" });
  log.step("Building the solution (dotnet build, restores NuGet packages)");
  buildDotnet("Graph.sln");

  // The SPA goes to the temp folder (a running `npm start` keeps serving admin-ui/dist untouched).
  // A broken SPA build is one failed suite; the others still run.
  log.step("Building the admin SPA (the browser tests use it)");
  const adminDist = path.join(work, "admin-dist");
  let spaBuilt = true;
  try {
    buildAdminUi(adminDist);
  } catch (e) {
    spaBuilt = false;
    results.push({ name: "admin-ui build", passed: 0, failed: 1, skipped: 0, failedNames: [e.message] });
  }

  log.step("Starting a throwaway PostgreSQL");
  const port = await freePort();
  cluster = await startCluster({ dataDir: path.join(work, "pg"), port, durable: false });

  const env = { ...process.env, GRAPH_TEST_PG: connectionString(port, "postgres"), GRAPH_ADMIN_DIST: adminDist, DOTNET_NOLOGO: "1" };
  const projects = fs
    .readdirSync(path.join(repoRoot, "tests"))
    .map((d) => path.join("tests", d, `${d}.csproj`))
    .filter((p) => fs.existsSync(path.join(repoRoot, p)) && !p.includes("Benchmarks"));
  for (const project of projects) await runDotnetTests(project, env);
  await runCheck("admin-ui typecheck", "npm", ["run", "typecheck", "--workspace", "admin-ui", "--silent"], repoRoot);
  await runVitest("admin-ui", "admin-ui", env);
  if (spaBuilt) await runVitest("tests/e2e", "e2e", env);
  await runVitest("tests/conformance", "conformance", env);
  await runVitest("tests/Graph.Benchmarks/peers", "bench-peers", env);

  cleanup();
  log.info(`took ${Math.round((Date.now() - started) / 1000)} s`);
  const total = summary();
  process.exitCode = total.failed > 0 || results.length === 0 ? 1 : 0;
}

main()
  .catch((e) => {
    if (e instanceof UserError) log.error(e.message);
    else console.error(e);
    console.log("0 passed, 1 failed");
    process.exitCode = 1;
  })
  .finally(cleanup); // also after a failure before the cluster started
