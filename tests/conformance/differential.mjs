// Differential testing: graphql-js (the reference implementation) answers a batch of cases; the .NET tests
// (tests/Graph.GraphQL.Tests/Conformance/Differential*.cs) compare our engine's answers with them.
// Reads JSON from stdin: { "mode": "parse" | "validate" | "execute", "schemas": { name: sdl }, "cases": [..] }
// and prints JSON: { "results": [..] } with one result per case, in order.
//   parse:    case { source } or { units }         -> { errors: [{ message, locations }] } (empty when it parses)
//   validate: case { schema, source }              -> { errors: [{ message, locations }] } (parse errors included)
//   execute:  case { schema, source, rootValue, variables, operationName }
//             -> the response as graphql-js serializes it ({ errors, data })
// Root values are JSON trees read by the default field resolver, with markers the .NET side reads the same way:
//   { "$throw": "msg" }  a resolver that throws Error("msg");
//   { "$error": "msg" }  the value is an Error("msg") (as a list item: an error in that item);
//   { "$args": true }    a resolver that returns its coerced arguments (an object);
//   { "$arg": "name" }   a resolver that returns one coerced argument.
import { buildSchema, graphql, parse, print, validate } from "graphql";

const input = JSON.parse(await new Promise((resolve) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
}));

// Scalars whose behaviour the SDL cannot say, mirrored from the .NET test schemas.
const scalarHooks = {
  // ComplexValidationSchema's Invalid scalar: literal parsing always fails with a plain exception.
  Invalid(type) {
    type.parseLiteral = (ast) => {
      throw new Error("Invalid scalar is always invalid: " + print(ast));
    };
    type.parseValue = () => {
      throw new Error("Invalid scalar is always invalid.");
    };
    type.serialize = () => {
      throw new Error("Invalid scalar is always invalid.");
    };
  },
};

const schemas = {};
for (const [name, sdl] of Object.entries(input.schemas ?? {})) {
  const schema = buildSchema(sdl);
  for (const [scalar, hook] of Object.entries(scalarHooks)) {
    const type = schema.getType(scalar);
    if (type) hook(type);
  }
  schemas[name] = schema;
}

const errorsOf = (errors) => errors.map((e) => ({ message: e.message, locations: e.locations ?? [] }));

function parseErrors(source) {
  try {
    parse(source);
    return [];
  } catch (e) {
    if (!e.locations) throw e;
    return errorsOf([e]);
  }
}

function rootValue(value) {
  if (Array.isArray(value)) return value.map(rootValue);
  if (value === null || typeof value !== "object") return value;
  if ("$throw" in value) {
    const message = value.$throw;
    return () => {
      throw new Error(message);
    };
  }
  if ("$error" in value) return new Error(value.$error);
  if ("$args" in value) return (args) => args;
  if ("$arg" in value) {
    const name = value.$arg;
    return (args) => args[name];
  }
  const result = {};
  for (const [key, item] of Object.entries(value)) result[key] = rootValue(item);
  return result;
}

// Parse cases carry their document as UTF-16 code units (so lone surrogates survive JSON).
const sourceOf = (c) => (c.units ? String.fromCharCode(...c.units) : c.source);

async function run(c) {
  switch (input.mode) {
    case "parse":
      return { errors: parseErrors(sourceOf(c)) };
    case "validate": {
      const syntax = parseErrors(c.source);
      if (syntax.length > 0) return { errors: syntax };
      return { errors: errorsOf(validate(schemas[c.schema], parse(c.source))) };
    }
    case "execute": {
      const result = await graphql({
        schema: schemas[c.schema],
        source: c.source,
        rootValue: rootValue(c.rootValue ?? {}),
        variableValues: c.variables ?? undefined,
        operationName: c.operationName ?? undefined,
      });
      return JSON.parse(JSON.stringify(result));
    }
    default:
      throw new Error("Unknown mode " + input.mode);
  }
}

const results = [];
for (const c of input.cases) {
  try {
    results.push(await run(c));
  } catch (e) {
    // graphql-js itself failed (a bug of its own): the .NET side shows it as the expected answer, so the case fails.
    results.push({ crash: String(e?.stack ?? e) });
  }
}
process.stdout.write(JSON.stringify({ results }));
