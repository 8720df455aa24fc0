import { HealthPage } from "./health/HealthPage";

export function App() {
  return (
    <div className="layout">
      <header className="topbar">
        <span className="brand">Graph</span>
        <span className="subtitle">Administration</span>
      </header>
      <main className="content">
        <HealthPage />
      </main>
    </div>
  );
}
