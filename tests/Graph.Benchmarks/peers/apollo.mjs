// The library graph in Apollo Server 5, standalone (its own node:http server), at POST /graphql.
//   node apollo.mjs --port N
// Left as deployed by default: CSRF prevention stays on (the harness's POST has Content-Type: application/json, which
// it accepts), the landing page is the production default under NODE_ENV=production, and no cache of responses.
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { announce, portOption, resolvers, typeDefs } from "./library.mjs";

const port = portOption();
const server = new ApolloServer({ typeDefs, resolvers });
// startStandaloneServer answers on every path; the harness uses /graphql like the others.
await startStandaloneServer(server, { listen: { port, host: "127.0.0.1" } });
announce(port, "apollo-server");
