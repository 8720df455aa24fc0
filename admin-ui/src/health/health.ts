/** What the server's /health endpoints answer (see Graph.Api's HealthEndpoints). */
export interface HealthReport {
  status: HealthStatus;
  totalDurationMs: number;
  checks: HealthCheck[];
}

export type HealthStatus = "Healthy" | "Degraded" | "Unhealthy";

export interface HealthCheck {
  name: string;
  status: HealthStatus;
  durationMs: number;
  description?: string | null;
}

/** One probe's outcome as the page shows it: a report, or why there is none. */
export type ProbeResult =
  | { kind: "report"; httpStatus: number; report: HealthReport }
  | { kind: "unreachable"; error: string };

const statuses: readonly HealthStatus[] = ["Healthy", "Degraded", "Unhealthy"];

function isStatus(value: unknown): value is HealthStatus {
  return typeof value === "string" && (statuses as readonly string[]).includes(value);
}

/** Checks the JSON shape instead of trusting it: a proxy error page must not crash the SPA. */
export function parseHealthReport(body: unknown): HealthReport {
  if (typeof body !== "object" || body === null) throw new Error("The health answer is not a JSON object.");
  const b = body as Record<string, unknown>;
  if (!isStatus(b.status)) throw new Error(`Unknown health status: ${String(b.status)}.`);
  const checks = Array.isArray(b.checks) ? b.checks : [];
  return {
    status: b.status,
    totalDurationMs: typeof b.totalDurationMs === "number" ? b.totalDurationMs : 0,
    checks: checks.map((c: unknown) => {
      const check = (c ?? {}) as Record<string, unknown>;
      return {
        name: String(check.name ?? "?"),
        status: isStatus(check.status) ? check.status : "Unhealthy",
        durationMs: typeof check.durationMs === "number" ? check.durationMs : 0,
        description: typeof check.description === "string" ? check.description : null,
      };
    }),
  };
}

/** Asks one health endpoint; network failures and non-JSON answers become "unreachable". */
export async function probe(url: string, fetchImpl: typeof fetch = fetch): Promise<ProbeResult> {
  let response: Response;
  try {
    response = await fetchImpl(url, { headers: { accept: "application/json" }, cache: "no-store" });
  } catch (e) {
    return { kind: "unreachable", error: e instanceof Error ? e.message : String(e) };
  }
  try {
    return { kind: "report", httpStatus: response.status, report: parseHealthReport(await response.json()) };
  } catch (e) {
    return { kind: "unreachable", error: `HTTP ${response.status}: ${e instanceof Error ? e.message : String(e)}` };
  }
}
