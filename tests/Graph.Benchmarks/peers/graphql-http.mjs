// The library graph in graphql-js behind graphql-http's handler on node:http, at POST /graphql.
//   node graphql-http.mjs --port N
import http from "node:http";
import { createHandler } from "graphql-http/lib/use/http";
import { announce, executableSchema, portOption } from "./library.mjs";

const port = portOption();
const handler = createHandler({ schema: executableSchema() });

const server = http.createServer((req, res) => {
  if (req.url === "/graphql" || req.url.startsWith("/graphql?")) {
    handler(req, res);
  } else {
    res.writeHead(404).end();
  }
});
server.listen(port, "127.0.0.1", () => announce(port, "graphql-http"));
