// Judges our schema output with graphql-js, the reference implementation.
// Reads JSON from stdin: { "sdl": <our printed schema>, "introspection": <our introspection result's data> }
// and prints JSON: { "ok": bool, "problems": [..], "fromIntrospection": <graphql-js printSchema> }.
//   1. buildClientSchema accepts our introspection result, and printSchema of it equals our SDL;
//   2. buildSchema accepts our SDL (a valid schema for graphql-js too) and prints it back unchanged.
import { assertValidSchema, buildClientSchema, buildSchema, printSchema } from "graphql";

const input = JSON.parse(await new Promise((resolve) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
}));

const problems = [];
const ours = input.sdl.trimEnd();
let fromIntrospection = null;

try {
  const client = buildClientSchema(input.introspection);
  assertValidSchema(client);
  fromIntrospection = printSchema(client);
  if (fromIntrospection !== ours) problems.push("printSchema(buildClientSchema(introspection)) differs from our SDL");
} catch (e) {
  problems.push(`buildClientSchema rejected our introspection: ${e.message}`);
}

try {
  const fromSdl = buildSchema(input.sdl);
  assertValidSchema(fromSdl);
  if (printSchema(fromSdl) !== ours) problems.push("printSchema(buildSchema(sdl)) differs from our SDL");
} catch (e) {
  problems.push(`buildSchema rejected our SDL: ${e.message}`);
}

process.stdout.write(JSON.stringify({ ok: problems.length === 0, problems, fromIntrospection }));
