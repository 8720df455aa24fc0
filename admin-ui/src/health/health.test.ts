import { describe, expect, it } from "vitest";
import { parseHealthReport, probe } from "./health";

const healthy = {
  status: "Healthy",
  totalDurationMs: 4.2,
  checks: [{ name: "database", status: "Healthy", durationMs: 3.9, description: null }],
};

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

describe("parseHealthReport", () => {
  it("reads the server's report", () => {
    expect(parseHealthReport(healthy)).toEqual(healthy);
  });

  it("rejects an unknown status", () => {
    expect(() => parseHealthReport({ status: "Fine" })).toThrow("Unknown health status: Fine.");
  });

  it("treats a check with an unknown status as unhealthy", () => {
    const report = parseHealthReport({ status: "Degraded", checks: [{ name: "x", status: 3 }] });
    expect(report.checks[0]).toMatchObject({ name: "x", status: "Unhealthy", durationMs: 0 });
  });
});

describe("probe", () => {
  it("keeps the HTTP status of a 503 report", async () => {
    const result = await probe("/health/ready", async () => jsonResponse(503, { ...healthy, status: "Unhealthy" }));
    expect(result).toMatchObject({ kind: "report", httpStatus: 503, report: { status: "Unhealthy" } });
  });

  it("reports a network failure as unreachable", async () => {
    const result = await probe("/health", async () => {
      throw new TypeError("Failed to fetch");
    });
    expect(result).toEqual({ kind: "unreachable", error: "Failed to fetch" });
  });

  it("reports an HTML error page as unreachable", async () => {
    const result = await probe("/health", async () => new Response("<html>Bad gateway</html>", { status: 502 }));
    expect(result.kind).toBe("unreachable");
    expect(result.kind === "unreachable" && result.error).toMatch(/^HTTP 502: /);
  });
});
