import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportStaticSite } from "../../src/publishing/static-export.ts";
import { axeViolations, CHROMIUM_REASON, launchBrowser, newPage, NO_CHROMIUM } from "../support/browser.ts";
import { recordReplyTo, sendLetters } from "../support/publishing-factory.ts";
import { tempDir } from "../support/render-cli.ts";
import { ROLE_EMAILS, startTestApp, type TestApp } from "../support/web-app.ts";

// The public site in a real browser: axe-core finds no WCAG 2.2 AA violation
// on any kind of public page, the feeds are XML a browser reads, and the
// static export's search page searches its index in the browser, served by a
// plain file server.

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".json": "application/json",
  ".atom": "application/atom+xml",
  ".pdf": "application/pdf",
  ".svg": "image/svg+xml",
  ".ico": "image/svg+xml",
};

/** Any web server: a file for a path, index.html for a folder, 404.html otherwise. */
function fileServer(root: string): Promise<{ base: string; server: Server }> {
  const server = createServer((request, response) => {
    void (async () => {
      const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
      let file = normalize(join(root, path));
      if (!file.startsWith(root)) file = join(root, "404.html");
      if (path.endsWith("/")) file = join(file, "index.html");
      const found = await stat(file).catch(() => null);
      const status = found?.isFile() ? 200 : 404;
      if (status === 404) file = join(root, "404.html");
      response.writeHead(status, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      createReadStream(file).pipe(response);
    })();
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }),
    ),
  );
}

describe.skipIf(NO_CHROMIUM)(NO_CHROMIUM ? CHROMIUM_REASON : "the public site in Chromium", () => {
  let test: TestApp;
  let browser: Browser;
  let page: Page;
  let campaign = "";

  beforeAll(async () => {
    test = await startTestApp("pglite");
    campaign = test.campaign;
    await sendLetters(test.services, campaign, ["sussex", "essex"]);
    await recordReplyTo(test.services, campaign, {
      recipient: "sussex",
      text: "Our needs assessment was published last year.\n\nThe response strategy follows.",
      files: [{ name: "strategy.txt", bytes: Buffer.from("The response strategy covers modern slavery.\n") }],
      items: [{ itemId: "needs-assessment", state: "received" }],
    });
    await test.services.setPublication({
      target: { entity: "campaign", campaign },
      published: true,
      actor: ROLE_EMAILS.approver,
    });
    // The digest, with one accepted answer quoting the published reply.
    await test.services.decideAnswer({
      campaign,
      recipient: "sussex",
      question: "needs-assessment",
      decision: "accept",
      actor: ROLE_EMAILS.approver,
    });
    await test.services.setPublication({
      target: { entity: "digest", campaign },
      published: true,
      actor: ROLE_EMAILS.approver,
    });
    browser = await launchBrowser();
    page = await newPage(browser);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await test?.close();
  });

  const pages = (): [what: string, path: string, heading: string, status: number][] => [
    ["home", "/", "Independent Anti-Slavery Commissioner", 200],
    ["campaign", `/campaigns/${campaign}/`, "Violence Reduction Units", 200],
    ["letter", `/campaigns/${campaign}/letters/sussex/`, "Letter to Katy Bourne OBE", 200],
    ["digest", `/campaigns/${campaign}/digest/`, "What every body said", 200],
    ["search with results", "/search/?q=publishing", "Search letters and replies", 200],
    ["search with none", "/search/?q=zzzqqq", "Search letters and replies", 200],
    ["search with an error", `/search/?q=${"a".repeat(201)}`, "Search letters and replies", 400],
    ["search form", "/search/", "Search letters and replies", 200],
    ["not found", "/campaigns/nope/", "Page not found", 404],
  ];

  it("has no axe-core violations on any kind of public page", async () => {
    const found: string[] = [];
    for (const [what, path, heading, status] of pages()) {
      const response = await page.goto(`${test.base}${path}`);
      expect(response?.status(), what).toBe(status);
      expect((await page.locator("h1").first().textContent())?.trim(), what).toContain(heading);
      for (const violation of await axeViolations(page)) {
        found.push(`${what}: ${violation.id} (${violation.help}) at ${JSON.stringify(violation.nodes)}`);
      }
    }
    expect(found).toEqual([]);
  }, 120_000);

  it("serves feeds a browser reads as XML", async () => {
    await page.goto(`${test.base}/`);
    for (const path of ["/feed.atom", `/campaigns/${campaign}/feed.atom`]) {
      const result = await page.evaluate(async (url) => {
        const text = await (await fetch(url)).text();
        const doc = new DOMParser().parseFromString(text, "application/xml");
        return {
          error: doc.getElementsByTagName("parsererror").length,
          entries: doc.getElementsByTagName("entry").length,
        };
      }, path);
      expect(result.error, path).toBe(0);
      // Two letters, one reply and the digest.
      expect(result.entries, path).toBe(4);
    }
  });

  it("searches the static export in the browser, from a plain file server", async () => {
    const dir = join(tempDir("postbag-static-e2e-"), "site");
    await exportStaticSite({ app: test.app, services: test.services, dir });
    const { base, server } = await fileServer(dir);
    try {
      await page.goto(`${base}/`);
      expect(await page.locator("h1").textContent()).toContain("Independent Anti-Slavery Commissioner");
      await page.goto(`${base}/search/?q=publishing`);
      const results = page.locator(".postbag-results__item");
      await expect.poll(() => results.count(), { timeout: 10_000 }).toBeGreaterThan(0);
      const links = await page
        .locator(".postbag-results__item a")
        .evaluateAll((nodes) => nodes.map((node) => node.getAttribute("href")));
      expect(links).toContain(`/campaigns/${campaign}/letters/sussex/`);
      expect(await page.locator("#q").inputValue()).toBe("publishing");
      expect(await axeViolations(page)).toEqual([]);

      await page.goto(`${base}/search/?q=strategy&state=received`);
      await expect.poll(() => results.count(), { timeout: 10_000 }).toBeGreaterThan(0);
      const about = await page.locator(".postbag-results__item .postbag-secondary").allTextContents();
      expect(about.every((text) => text.includes("Sussex"))).toBe(true);

      await page.goto(`${base}/search/?q=zzzqqq`);
      await expect
        .poll(() => page.locator("#search-results").textContent(), { timeout: 10_000 })
        .toContain("No published letters or replies match");
      // The search page's script is its only script; it runs under a strict CSP too.
      await page.goto(`${base}/campaigns/${campaign}/letters/sussex/`);
      expect(await page.locator("h1").first().textContent()).toContain("Katy Bourne OBE");
      expect(await page.locator("script").count()).toBe(0);
    } finally {
      server.close();
    }
  }, 120_000);
});
