// graphql-http's audit of the GraphQL-over-HTTP spec against the real, built server: every MUST
// and SHOULD has to pass; MAY results are printed.
import { auditServer, type AuditResult } from "graphql-http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../e2e/api-server";

describe("GraphQL over HTTP (graphql-http audit)", () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("passes every MUST and SHOULD audit", async () => {
    const results: AuditResult[] = await auditServer({ url: `${server.baseUrl}/graphql` });

    const level = (r: AuditResult) => r.name.split(" ", 1)[0];
    console.log(results.map((r) => `${r.status.padEnd(6)} ${r.id} ${r.name}${r.status === "ok" ? "" : ` (${r.reason})`}`).join("\n"));
    const counts: Record<string, string> = {};
    for (const name of ["MUST", "SHOULD", "MAY"]) {
      const of = results.filter((r) => level(r) === name);
      counts[name] = `${of.filter((r) => r.status === "ok").length}/${of.length}`;
    }
    console.log(`passed: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(", ")}`);

    const required = results.filter((r) => level(r) === "MUST" || level(r) === "SHOULD");
    expect(required.length).toBeGreaterThan(30);
    const failures = required.filter((r) => r.status !== "ok").map((r) => `${r.id} ${r.name}: ${"reason" in r ? r.reason : r.status}`);
    expect(failures, `failed audits:\n${failures.join("\n")}`).toEqual([]);
  });
});
