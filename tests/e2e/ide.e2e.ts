import fs from "node:fs";
import path from "node:path";
import type { Browser, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, resultsDir, startServer, type RunningServer } from "./server";

// Console noise of the IDE itself that says nothing about our server (listed in the test output all the same).
const harmless = [/service ?worker/i, /favicon/i, /Download the React DevTools/i];

describe("the GraphQL IDE (Banana Cake Pop) in a browser", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("opens on /graphql, served by us, and loads our schema over POST /graphql", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
    page.on("console", (m) => m.type() === "error" && errors.push(`console: ${m.text()}`));
    const elsewhere: string[] = [];
    const failed: string[] = [];
    page.on("request", (r) => {
      const url = r.url();
      if (!url.startsWith(server.baseUrl) && !url.startsWith("data:") && !url.startsWith("blob:")) elsewhere.push(url);
    });
    page.on("requestfailed", (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
    const introspections: Response[] = [];
    const ownFiles: Response[] = [];
    page.on("response", (r) => {
      const request = r.request();
      if (request.method() === "POST" && r.url() === `${server.baseUrl}/graphql` && (request.postData() ?? "").includes("__schema")) {
        introspections.push(r);
      }
      if (r.url().startsWith(`${server.baseUrl}/graphql/`)) ownFiles.push(r);
    });

    const response = await page.goto(`${server.baseUrl}/graphql`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-type"]).toContain("text/html");
    expect(await page.title()).toBe("Banana Cake Pop");

    // The IDE starts on its welcome page; "Browse Schema" opens a document on the endpoint its bcp-config.json
    // names (ours), which it introspects.
    await page.getByRole("button", { name: "Browse Schema" }).click();
    await expect.poll(() => introspections.length, { timeout: 30_000 }).toBeGreaterThan(0);
    const introspection = introspections[0];
    expect(introspection.status()).toBe(200);
    const body = await introspection.json();
    const typeNames: string[] = body.data.__schema.types.map((t: { name: string }) => t.name);
    expect(typeNames).toContain("Book");
    expect(typeNames).toContain("Subscription");

    // Our files only: the config and the hashed assets, all 200.
    const config = ownFiles.find((r) => r.url().endsWith("/graphql/bcp-config.json"));
    expect(config?.status()).toBe(200);
    expect(ownFiles.filter((r) => r.url().includes("/graphql/static/")).length).toBeGreaterThan(0);
    for (const r of ownFiles.filter((r) => r.url().includes("/graphql/static/"))) expect(r.status(), r.url()).toBe(200);

    // The IDE built the schema from it: its SDL view shows our Query type. The editor renders only the lines in view, so
    // the window is made tall enough for the directives before Query and its first fields (paged fields carry documented
    // arguments); the types further down are checked in the introspection result above.
    await page.setViewportSize({ width: 1400, height: 8000 });
    await page.getByText("Schema Definition", { exact: true }).click();
    const sdl = page.locator(".monaco-editor .view-lines").first();
    await expect.poll(() => sdl.textContent(), { timeout: 20_000 }).toMatch(/type\s+Query\s*\{[\s\S]*book\(id:\s*ID!\):\s*Book/);
    await expect.poll(() => page.getByText("Schema available").count()).toBeGreaterThan(0);
    await page.setViewportSize({ width: 1400, height: 800 });
    await page.waitForTimeout(500);
    fs.mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: path.join(resultsDir, "ide.png") });

    const ignored = errors.filter((e) => harmless.some((h) => h.test(e)));
    const relevant = errors.filter((e) => !ignored.includes(e));
    if (ignored.length || failed.length || elsewhere.length) {
      console.log(`IDE: ignored console errors: ${JSON.stringify(ignored)}; failed requests: ${JSON.stringify(failed)}; requests elsewhere: ${JSON.stringify(elsewhere)}`);
    }
    expect(relevant).toEqual([]);
    // Self-hosted: nothing comes from a CDN.
    expect(elsewhere.filter((u) => /\.(js|css|woff2?|ttf)(\?|$)/.test(u))).toEqual([]);
  });
});
