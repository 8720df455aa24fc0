// The HTTP comparison's servers stay comparable: all five start and answer the benchmark query with the same data,
// the library of ../Http/library.json. No timings here (`npm run bench -- http` measures); wrk's output is parsed from a
// recorded run so the harness's parser is checked without wrk.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../../scripts/lib/proc.mjs";
import { parseWrkOutput } from "../../../scripts/bench/http.mjs";
import { ask, servers, startServer } from "./servers.mjs";

const library = JSON.parse(fs.readFileSync(new URL("../Http/library.json", import.meta.url), "utf8"));
const authorsById = new Map(library.authors.map((a) => [a.id, a]));
const expected = {
  data: {
    books: library.books.map((b) => ({ id: b.id, title: b.title, author: authorsById.get(b.authorId) })),
  },
};

describe("the HTTP comparison's servers", () => {
  const running = new Map();
  const answers = new Map();

  beforeAll(async () => {
    const started = await Promise.allSettled(servers.map(async (server) => {
      running.set(server.name, await startServer(server, { port: await freePort() }));
    }));
    const failures = started.filter((s) => s.status === "rejected").map((s) => s.reason.message);
    if (failures.length > 0) throw new Error(failures.join("\n"));
    for (const [name, server] of running) answers.set(name, await ask(server.url));
  });

  afterAll(async () => {
    await Promise.all([...running.values()].map((server) => server.stop()));
  });

  it("our server answers the 100 books, each with its author", () => {
    const json = JSON.parse(answers.get("graph").toString("utf8"));
    expect(json.errors).toBeUndefined();
    expect(json.data.books).toHaveLength(100);
    expect(new Set(json.data.books.map((b) => b.author.id)).size).toBe(20);
    expect(json).toEqual(expected);
  });

  it.each(servers.filter((s) => s.name !== "graph").map((s) => [s.name]))("%s answers the same data", (name) => {
    const bytes = answers.get(name);
    expect(JSON.parse(bytes.toString("utf8"))).toEqual(expected);
    // How close: the ceiling replays our bytes; the others write their own JSON.
    const same = bytes.equals(answers.get("graph")) ? "identical bytes" : "same JSON";
    console.log(`${name}: ${same} (${bytes.length} bytes)`);
  });

  it("the ceiling replays our server's bytes exactly", () => {
    expect(answers.get("ceiling").equals(answers.get("graph"))).toBe(true);
  });
});

describe("the harness's reading of wrk", () => {
  it("takes requests/s, p50, p99 and the errors from `wrk --latency`", () => {
    const output = `Running 5s test @ http://127.0.0.1:40117/graphql
  1 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     4.91ms    2.10ms  41.30ms   91.02%
    Req/Sec     6.61k   512.33     7.20k    84.00%
  Latency Distribution
     50%  850.00us
     75%    5.10ms
     90%    6.20ms
     99%    1.20s
  32890 requests in 5.00s, 341.90MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   6577.42
Transfer/sec:     68.36MB
`;
    expect(parseWrkOutput(output)).toEqual({
      requestsPerSecond: 6577.42,
      p50Ms: 0.85,
      p99Ms: 1200,
      requests: 32890,
      non2xx: 4,
      socketErrors: 3,
    });
  });
});
