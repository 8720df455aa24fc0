import { useCallback, useEffect, useState } from "react";
import { probe, type ProbeResult } from "./health";

const REFRESH_MS = 10_000;

interface Probes {
  live: ProbeResult | null;
  ready: ProbeResult | null;
  checkedAt: Date | null;
}

/** The server's health, refreshed every few seconds: process (/health) and database (/health/ready). */
export function HealthPage() {
  const [probes, setProbes] = useState<Probes>({ live: null, ready: null, checkedAt: null });

  const refresh = useCallback(async () => {
    const [live, ready] = await Promise.all([probe("/health"), probe("/health/ready")]);
    setProbes({ live, ready, checkedAt: new Date() });
  }, []);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  return <HealthView {...probes} onRefresh={() => void refresh()} />;
}

export function HealthView({ live, ready, checkedAt, onRefresh }: Probes & { onRefresh?: () => void }) {
  return (
    <section className="health" aria-labelledby="health-title">
      <div className="health-header">
        <h1 id="health-title">État du serveur</h1>
        <button type="button" onClick={onRefresh}>Actualiser</button>
      </div>
      <div className="cards">
        <ProbeCard title="API" endpoint="/health" result={live} />
        <ProbeCard title="Base de données" endpoint="/health/ready" result={ready} />
      </div>
      <p className="checked-at">
        {checkedAt ? `Vérifié à ${checkedAt.toLocaleTimeString("fr-FR")}` : "Vérification…"}
      </p>
    </section>
  );
}

function ProbeCard({ title, endpoint, result }: { title: string; endpoint: string; result: ProbeResult | null }) {
  const status = result === null ? "Pending" : result.kind === "unreachable" ? "Unreachable" : result.report.status;
  return (
    <article className={`card status-${status.toLowerCase()}`} data-testid={`probe-${endpoint}`}>
      <header>
        <h2>{title}</h2>
        <span className="badge">{labels[status]}</span>
      </header>
      <code>{endpoint}</code>
      {result?.kind === "unreachable" && <p className="error">{result.error}</p>}
      {result?.kind === "report" && (
        <ul>
          {result.report.checks.map((c) => (
            <li key={c.name}>
              <strong>{c.name}</strong> · {labels[c.status]} · {c.durationMs.toFixed(1)} ms
              {c.description ? <span className="description"> · {c.description}</span> : null}
            </li>
          ))}
          <li className="total">Durée totale : {result.report.totalDurationMs.toFixed(1)} ms</li>
        </ul>
      )}
    </article>
  );
}

const labels: Record<string, string> = {
  Pending: "…",
  Healthy: "En service",
  Degraded: "Dégradé",
  Unhealthy: "Hors service",
  Unreachable: "Injoignable",
};
