import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../../src/config.ts";
import { createServices } from "../../src/services.ts";
import { buildWebApp } from "../../src/web/server.ts";
import { axeViolations, CHROMIUM_REASON, launchBrowser, NO_CHROMIUM } from "../support/browser.ts";
import { EXAMPLE, postbag, tempDir } from "../support/render-cli.ts";

// The letters as people read them, in a real browser: the preview pages and
// the self-contained HTML letters pass axe-core's WCAG 2.2 AA checks, and the
// letter reads correctly with the keyboard.

describe.skipIf(NO_CHROMIUM)(`letters in Chromium${NO_CHROMIUM ? ` (${CHROMIUM_REASON})` : ""}`, () => {
  let browser: Browser;
  let base: string;
  let letters: string;
  const app = buildWebApp(createServices(readConfig({ POSTBAG_DEMO_CAMPAIGN: EXAMPLE })));

  beforeAll(async () => {
    base = await app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launchBrowser();
    letters = join(tempDir(), "letters");
    expect(postbag(["render", EXAMPLE, "--out", letters, "--format", "html"]).status).toBe(0);
  });
  afterAll(async () => {
    await browser?.close();
    await app.close();
  });

  it.each(["/", "/letters/sussex", "/letters/thames-valley"])(
    "page %s has no WCAG 2.2 AA violation",
    async (path) => {
      const page = await browser.newPage();
      await page.goto(`${base}${path}`);
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    },
  );

  it.each(["essex", "nottinghamshire"])(
    "the HTML letter %s.html has no WCAG 2.2 AA violation",
    async (id) => {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(join(letters, `${id}.html`)).href);
      expect(await page.title()).toMatch(/^Violence Reduction Units: letter to /);
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    },
  );

  it("takes a keyboard user from a footnote reference to its note and back", async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(letters, "sussex.html")).href);
    const reference = page.locator("#fnref1");
    await reference.focus();
    await page.keyboard.press("Enter");
    expect(new URL(page.url()).hash).toBe("#fn1");
    await page.locator("#fn1 a.back").focus();
    await page.keyboard.press("Enter");
    expect(new URL(page.url()).hash).toBe("#fnref1");
    await page.close();
  });

  it("opens a letter from the list with the keyboard", async () => {
    const page = await browser.newPage();
    await page.goto(base);
    await page.keyboard.press("Tab");
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toContain("Paddy Tipping");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${base}/letters/nottinghamshire`);
    expect(await page.locator("address.recipient").innerText()).toContain("NG5 6LU");
    await page.close();
  });
});
