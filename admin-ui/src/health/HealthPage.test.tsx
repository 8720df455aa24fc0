import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { HealthView } from "./HealthPage";

describe("HealthView", () => {
  it("shows each probe's status and checks", () => {
    const html = renderToStaticMarkup(
      <HealthView
        checkedAt={new Date(Date.UTC(2026, 10, 21, 9, 30, 0))}
        live={{ kind: "report", httpStatus: 200, report: { status: "Healthy", totalDurationMs: 0.4, checks: [] } }}
        ready={{
          kind: "report",
          httpStatus: 503,
          report: {
            status: "Unhealthy",
            totalDurationMs: 12,
            checks: [{ name: "database", status: "Unhealthy", durationMs: 11.96, description: "connection refused" }],
          },
        }}
      />,
    );
    expect(html).toContain('class="card status-healthy"');
    expect(html).toContain('class="card status-unhealthy"');
    expect(html).toContain("<strong>database</strong> · Hors service · 12.0 ms");
    expect(html).toContain("connection refused");
  });

  it("says when the server cannot be reached", () => {
    const html = renderToStaticMarkup(
      <HealthView checkedAt={null} live={{ kind: "unreachable", error: "Failed to fetch" }} ready={null} />,
    );
    expect(html).toContain("status-unreachable");
    expect(html).toContain("Injoignable");
    expect(html).toContain("Vérification…");
  });
});
