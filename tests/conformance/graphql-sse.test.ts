// GraphQL over Server-Sent Events (graphql-sse, distinct connections mode) against the real, built
// server: the graphql-sse client runs operations, and a plain fetch checks the event stream itself.
import { createClient, type ExecutionResult } from "graphql-sse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { globalId, startServer, type RunningServer } from "../e2e/api-server";

describe("GraphQL over Server-Sent Events (graphql-sse)", () => {
  let server: RunningServer;
  let url: string;

  beforeAll(async () => {
    server = await startServer();
    url = `${server.baseUrl}/graphql`;
  });

  afterAll(async () => {
    await server?.stop();
  });

  async function collect(query: string, variables?: Record<string, unknown>): Promise<ExecutionResult[]> {
    const client = createClient({ url, retryAttempts: 0 });
    try {
      const results: ExecutionResult[] = [];
      for await (const result of client.iterate({ query, variables })) results.push(result as ExecutionResult);
      return results;
    } finally {
      client.dispose();
    }
  }

  it("runs queries: one next event, then complete", async () => {
    expect(await collect("{ __typename }")).toEqual([{ data: { __typename: "Query" } }]);
    expect(await collect("query($id: ID!) { book(id: $id) { title } }", { id: globalId("Book", "00000000-0000-0000-0000-000000000000") })).toEqual([
      { data: { book: null } },
    ]);
  });

  it("streams request errors as a next event", async () => {
    const [result] = await collect("{ nope }");

    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("answers text/event-stream with next and complete events", async () => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(text).toContain('event: next\ndata: {"data":{"__typename":"Query"}}\n\n');
    expect(text.endsWith("event: complete\ndata:\n\n")).toBe(true);
  });
});
