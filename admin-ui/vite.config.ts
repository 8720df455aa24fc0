import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The SPA is served by the API under /admin. In `npm run dev` Vite proxies the API's
// routes to the server that `npm start` runs (GRAPH_API_URL overrides it).
const api = process.env.GRAPH_API_URL ?? "http://localhost:5000";

export default defineConfig({
  base: "/admin/",
  plugins: [react()],
  build: { outDir: "dist", sourcemap: false }, // no .map files in the image
  server: {
    port: 5173,
    proxy: {
      "/graphql": { target: api, ws: true },
      "/health": api,
    },
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.{ts,tsx}"],
  },
});
