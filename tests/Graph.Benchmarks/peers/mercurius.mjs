// The library graph in mercurius on fastify, as a team would deploy it: queries compiled by graphql-jit after their
// first run (jit: 1), and mercurius's default cache of parsed and validated queries. POST /graphql.
//   node mercurius.mjs --port N
import Fastify from "fastify";
import mercurius from "mercurius";
import { announce, portOption, resolvers, typeDefs } from "./library.mjs";

const port = portOption();
const app = Fastify({ logger: false });
app.register(mercurius, { schema: typeDefs, resolvers, jit: 1, graphiql: false });

await app.listen({ port, host: "127.0.0.1" });
announce(port, "mercurius+graphql-jit");
