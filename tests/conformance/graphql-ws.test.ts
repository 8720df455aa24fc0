// GraphQL over WebSocket against the real, built server: the graphql-ws client (graphql-transport-ws)
// runs operations, and raw sockets check the protocol's close codes.
import { createClient, type Client, type ExecutionResult } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { globalId, sqlColumn, startServer, type RunningServer } from "../e2e/api-server";

const PROTOCOL = "graphql-transport-ws";

describe("GraphQL over WebSocket (graphql-ws)", () => {
  let server: RunningServer;
  let url: string;
  /** A subscription of the schema that needs no argument, as a document; null while the schema has none. */
  let argumentlessSubscription: string | null = null;

  beforeAll(async () => {
    server = await startServer();
    url = `${server.baseUrl.replace(/^http/, "ws")}/graphql`;
    argumentlessSubscription = await findArgumentlessSubscription(server.baseUrl);
  });

  afterAll(async () => {
    await server?.stop();
  });

  function client(): Client {
    return createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { token: "not checked yet" } });
  }

  async function collect(c: Client, query: string, variables?: Record<string, unknown>): Promise<ExecutionResult[]> {
    const results: ExecutionResult[] = [];
    for await (const result of c.iterate({ query, variables })) results.push(result as ExecutionResult);
    return results;
  }

  it("runs queries over one socket: one next each, then complete", async () => {
    const c = client();
    try {
      const typename = await collect(c, "{ __typename }");
      const book = await collect(c, "query($id: ID!) { book(id: $id) { title } }", { id: globalId("Book", "00000000-0000-0000-0000-000000000000") });

      expect(typename).toEqual([{ data: { __typename: "Query" } }]);
      expect(book).toEqual([{ data: { book: null } }]);
    } finally {
      await c.dispose();
    }
  });

  it("reports a request that does not validate with the error message", async () => {
    const c = client();
    try {
      const failure = await collect(c, "{ nope }").then(
        () => null,
        (errors: unknown) => errors,
      );

      expect(Array.isArray(failure)).toBe(true);
      const [error] = failure as { message: string; extensions?: { code?: string } }[];
      expect(error.message).toMatch(/nope/);
      expect(error.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    } finally {
      await c.dispose();
    }
  });

  it("acknowledges connection_init and answers ping with pong", async () => {
    const socket = await open(url, PROTOCOL);
    const inbox = messages(socket);
    socket.send(JSON.stringify({ type: "connection_init", payload: { token: "x" } }));
    expect(await inbox.next()).toEqual({ type: "connection_ack" });
    socket.send(JSON.stringify({ type: "ping", payload: { n: 1 } }));
    expect(await inbox.next()).toEqual({ type: "pong", payload: { n: 1 } });
    socket.close(1000);
  });

  it("closes with 4400 on a message that is not JSON", async () => {
    const socket = await open(url, PROTOCOL);
    const close = closed(socket);
    socket.send("{not json");
    expect((await close).code).toBe(4400);
  });

  it("closes with 4400 on an unknown message type", async () => {
    const socket = await open(url, PROTOCOL);
    const close = closed(socket);
    socket.send(JSON.stringify({ type: "connection_init" }));
    socket.send(JSON.stringify({ type: "hello" }));
    expect(await close).toEqual({ code: 4400, reason: "Invalid message type 'hello'." });
  });

  it("closes with 4401 when an operation comes before the acknowledgement", async () => {
    const socket = await open(url, PROTOCOL);
    const close = closed(socket);
    socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: "{ __typename }" } }));
    expect(await close).toEqual({ code: 4401, reason: "Unauthorized" });
  });

  it("closes with 4429 on a second connection_init", async () => {
    const socket = await open(url, PROTOCOL);
    const close = closed(socket);
    socket.send(JSON.stringify({ type: "connection_init" }));
    socket.send(JSON.stringify({ type: "connection_init" }));
    expect(await close).toEqual({ code: 4429, reason: "Too many initialisation requests" });
  });

  it("subscribes to bookAdded, receives the book a mutation adds, and completes", async () => {
    const [authorKey] = sqlColumn(server, "SELECT id FROM authors ORDER BY name LIMIT 1");
    expect(authorKey).toMatch(/^[0-9a-f-]{36}$/);
    const authorId = globalId("Author", authorKey);
    const c = client();
    const received: ExecutionResult[] = [];
    let acknowledged!: () => void;
    const subscribed = new Promise<void>((resolve) => (acknowledged = resolve));
    c.on("connected", () => acknowledged());
    const events = c.iterate({ query: "subscription { bookAdded { title language price { amount currency } author { id } } }" });
    const first = events.next();
    await subscribed;
    // The subscription is registered on the server once the socket is acknowledged and the subscribe sent; give the
    // listener its moment by retrying the mutation until the event arrives.
    let event: IteratorResult<unknown> | undefined;
    // addBook is for ADMIN and AUTHOR: sign in as the seeded administrator.
    const login = await fetch(`${server.baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
      body: JSON.stringify({
        query: "mutation($input: LoginInput!) { login(input: $input) { tokens { accessToken } } }",
        variables: { input: { login: "admin@graph.local", password: process.env.GRAPH_DEMO_PASSWORD || "graph-demo-2026" } },
      }),
    });
    const accessToken = ((await login.json()) as { data: { login: { tokens: { accessToken: string } } } }).data.login.tokens.accessToken;
    for (let attempt = 0; attempt < 20 && !event; attempt++) {
      const response = await fetch(`${server.baseUrl}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/graphql-response+json", authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({
          query: "mutation($input: AddBookInput!) { addBook(input: $input) { book { id } errors { __typename } } }",
          variables: { input: { title: `Contes du fleuve ${attempt}`, authorId, language: "fr", price: { amount: 2500, currency: "XOF" } } },
        }),
      });
      const body = (await response.json()) as { data: { addBook: { book: { id: string } | null; errors: unknown[] | null } } };
      expect(body.data.addBook.errors).toBeNull();
      event = await Promise.race([first, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 250))]);
    }
    received.push(event!.value as ExecutionResult);
    await events.return?.();
    await c.dispose();

    expect(received[0].errors).toBeUndefined();
    const book = (received[0].data as { bookAdded: { title: string; language: string; price: unknown; author: { id: string } } }).bookAdded;
    expect(book.title).toMatch(/^Contes du fleuve \d+$/);
    expect(book).toMatchObject({ language: "fr", price: { amount: 2500, currency: "XOF" }, author: { id: authorId } });
  });

  it("closes with 4406 when no served subprotocol is asked for", async () => {
    const socket = await open(url);
    expect((await closed(socket)).code).toBe(4406);
  });

  it("closes with 4409 when a running subscription's id is used again", async (context) => {
    if (!argumentlessSubscription) context.skip("the schema has no subscription without arguments yet");
    const socket = await open(url, PROTOCOL);
    const inbox = messages(socket);
    const close = closed(socket);
    socket.send(JSON.stringify({ type: "connection_init" }));
    expect(await inbox.next()).toEqual({ type: "connection_ack" });
    const subscribe = JSON.stringify({ id: "twice", type: "subscribe", payload: { query: argumentlessSubscription } });
    socket.send(subscribe);
    socket.send(subscribe);
    expect(await close).toEqual({ code: 4409, reason: "Subscriber for twice already exists" });
  });
});

/** Opens a raw socket, asking for the given subprotocols. */
function open(url: string, ...protocols: string[]): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocols);
    socket.once("open", () => resolve(socket));
    socket.once("error", reject);
  });
}

/** The close code and reason the server ends the socket with. */
function closed(socket: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => socket.once("close", (code, reason) => resolve({ code, reason: reason.toString() })));
}

/** The socket's messages, parsed, one at a time. */
function messages(socket: WebSocket): { next(): Promise<unknown> } {
  const queue: unknown[] = [];
  const waiting: ((message: unknown) => void)[] = [];
  socket.on("message", (data) => {
    const message: unknown = JSON.parse(String(data));
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else queue.push(message);
  });
  return {
    next: () => (queue.length > 0 ? Promise.resolve(queue.shift()) : new Promise((resolve) => waiting.push(resolve))),
  };
}

/** A subscription document for a field of the schema's subscription type that takes no required argument. */
async function findArgumentlessSubscription(baseUrl: string): Promise<string | null> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
    body: JSON.stringify({
      query: "{ __schema { subscriptionType { fields { name args { type { kind } } type { kind ofType { kind ofType { kind ofType { kind } } } } } } } }",
    }),
  });
  type Kind = { kind: string; ofType?: Kind | null };
  type Field = { name: string; args: { type: { kind: string } }[]; type: Kind };
  const body = (await response.json()) as { data?: { __schema: { subscriptionType: { fields: Field[] } | null } } };
  const field = body.data?.__schema.subscriptionType?.fields.find((f) => f.args.every((a) => a.type.kind !== "NON_NULL"));
  if (!field) return null;
  let type: Kind | null | undefined = field.type;
  while (type && (type.kind === "NON_NULL" || type.kind === "LIST")) type = type.ofType;
  const composite = type && ["OBJECT", "INTERFACE", "UNION"].includes(type.kind);
  return `subscription { ${field.name}${composite ? " { __typename }" : ""} }`;
}
