// Installing what a fresh clone lacks and building it: shared by `npm start` and `npm test`.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { capture, run } from "./proc.mjs";
import { log, UserError } from "./log.mjs";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export function checkPrerequisites() {
  // Vite 8 needs Node 20.19+ (or 22.12+).
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < 20 || (major === 20 && minor < 19) || (major === 22 && minor < 12)) {
    throw new UserError(`Node.js 20.19+ or 22.12+ is needed (this is ${process.versions.node}).`);
  }
  const dotnet = capture("dotnet", ["--version"]);
  if (!dotnet) throw new UserError("The .NET SDK is not installed (dotnet not found): install .NET 10 from https://dot.net or run `docker compose up`.");
  if (Number(dotnet.split(".")[0]) < 10) throw new UserError(`The .NET 10 SDK is needed (found ${dotnet}).`);
  log.info(`node ${process.versions.node}, dotnet ${dotnet}`);
}

/** npm ci when node_modules is missing or older than package-lock.json (remembered by a hash). */
export function installNodePackages({ force = false } = {}) {
  const lock = path.join(repoRoot, "package-lock.json");
  const stamp = path.join(repoRoot, "node_modules", ".graph-lock-hash");
  const hash = crypto.createHash("sha256").update(fs.readFileSync(lock)).digest("hex");
  if (!force && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === hash) {
    log.info("npm packages are up to date");
    return;
  }
  run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: repoRoot });
  fs.writeFileSync(stamp, hash);
}

export function buildDotnet(target, configuration = "Release") {
  run("dotnet", ["build", target, "-c", configuration, "--nologo", "-v", "quiet", "-clp:ErrorsOnly;Summary"], {
    cwd: repoRoot,
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1", DOTNET_NOLOGO: "1" },
  });
}

/** Type-checks and builds the SPA into admin-ui/dist, or only builds it into outDir (npm test type-checks as a suite of its own). */
export function buildAdminUi(outDir) {
  if (outDir) run("npx", ["vite", "build", "--logLevel", "warn", "--outDir", outDir, "--emptyOutDir"], { cwd: path.join(repoRoot, "admin-ui") });
  else run("npm", ["run", "build", "--workspace", "admin-ui", "--silent"], { cwd: repoRoot });
}
