// `npm run bench -- <what> [options]`: runs scripts/bench/<what>.mjs, whose default export takes the remaining
// arguments. Without <what>, lists the benchmarks there (with the first comment line of each file).
//
//   npm run bench -- micro --filter '*'    BenchmarkDotNet (arguments starting with - alone mean micro, as before)
//   npm run bench -- http --duration 5     the HTTP comparison against graphql-js, mercurius, Apollo and a Kestrel ceiling
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { log, UserError } from "./lib/log.mjs";

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), "bench");

function usage() {
  console.log("Usage: npm run bench -- <what> [options]\n");
  for (const file of fs.readdirSync(folder).filter((f) => f.endsWith(".mjs")).sort()) {
    const firstLine = fs.readFileSync(path.join(folder, file), "utf8").split("\n", 1)[0];
    const about = firstLine.startsWith("//") ? firstLine.replace(/^\/\/\s*/, "") : "";
    console.log(`  ${path.basename(file, ".mjs").padEnd(10)} ${about}`);
  }
}

async function main(argv) {
  if (argv.length === 0 || argv[0] === "-h" || argv[0] === "--help" || argv[0] === "help") {
    usage();
    return 0;
  }
  const [what, ...args] = argv[0].startsWith("-") ? ["micro", ...argv] : argv;
  const file = path.join(folder, `${what}.mjs`);
  if (!/^[\w-]+$/.test(what) || !fs.existsSync(file)) {
    usage();
    throw new UserError(`There is no benchmark named ${what} (scripts/bench/${what}.mjs).`);
  }
  const { default: runBenchmark } = await import(pathToFileURL(file).href);
  return (await runBenchmark(args)) ?? 0;
}

main(process.argv.slice(2))
  .then((code) => (process.exitCode = code))
  .catch((e) => {
    if (e instanceof UserError) log.error(e.message);
    else console.error(e);
    process.exitCode = 1;
  });
