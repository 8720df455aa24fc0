// The library graph of the HTTP comparison, for the JavaScript peers: 100 books and 20 authors read from
// ../Http/library.json (the file our server reads), Book.author a lookup in a Map by authorId, no DataLoader.
// Also the small command-line part every peer shares: the --port option and the "listening on" line.
import fs from "node:fs";
import { buildSchema } from "graphql";

const file = JSON.parse(fs.readFileSync(new URL("../Http/library.json", import.meta.url), "utf8"));
const authorsById = new Map(file.authors.map((author) => [author.id, author]));

export const typeDefs = /* GraphQL */ `
  type Query {
    books: [Book!]!
  }

  type Book {
    id: ID!
    title: String!
    author: Author!
  }

  type Author {
    id: ID!
    name: String!
  }
`;

export const resolvers = {
  Query: {
    books: () => file.books,
  },
  Book: {
    author: (book) => authorsById.get(book.authorId),
  },
};

/** typeDefs with resolvers attached: an executable graphql-js schema, for servers that take one (graphql-http). */
export function executableSchema() {
  const schema = buildSchema(typeDefs);
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName).getFields();
    for (const [fieldName, resolve] of Object.entries(fields)) type[fieldName].resolve = resolve;
  }
  return schema;
}

/** The port from `--port N` (default 5091). */
export function portOption(argv = process.argv.slice(2)) {
  const index = argv.indexOf("--port");
  const port = Number(index >= 0 ? argv[index + 1] : 5091);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`--port needs a TCP port (got ${argv[index + 1]}).`);
  return port;
}

/** The line the harness waits for, as the .NET servers print it. */
export function announce(port, name) {
  console.log(`listening on http://127.0.0.1:${port} (${name})`);
}
