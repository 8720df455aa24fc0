import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, resultsDir, startServer, type RunningServer } from "./server";

describe("the admin SPA in a browser", () => {
  let server: RunningServer;
  let browser: Browser;

  // One after the other, so that a browser that fails to start cannot orphan a started server.
  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(url: string): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 700 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(url);
    return { page, errors };
  }

  it("shows the API and the database in service", async () => {
    const { page, errors } = await open(`${server.baseUrl}/admin/`);

    await expect.poll(() => page.getByTestId("probe-/health").textContent()).toContain("En service");
    await expect.poll(() => page.getByTestId("probe-/health/ready").textContent()).toContain("En service");
    expect(await page.getByTestId("probe-/health/ready").textContent()).toContain("database");
    expect(await page.title()).toBe("Graph · administration");
    expect(errors).toEqual([]);

    fs.mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: path.join(resultsDir, "health.png") });
  });

  it("serves the SPA on a deep link and from the root", async () => {
    const deep = await open(`${server.baseUrl}/admin/some/client/route`);
    await expect.poll(() => deep.page.locator("h1").textContent()).toBe("État du serveur");

    const root = await open(server.baseUrl);
    expect(root.page.url()).toBe(`${server.baseUrl}/admin/`);
    expect(deep.errors.concat(root.errors)).toEqual([]);
  });
});
