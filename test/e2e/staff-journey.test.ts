import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, CHROMIUM_REASON, launchBrowser, newPage, NO_CHROMIUM } from "../support/browser.ts";
import { keyboardDriver, pointerDriver, type Driver } from "../support/drivers.ts";
import { EXAMPLE, tempDir } from "../support/render-cli.ts";
import { campaignInEveryState, type EveryState } from "../support/campaign-in-every-state.ts";
import { PASSWORD, ROLE_EMAILS, startTestApp, type TestApp } from "../support/web-app.ts";

// The staff journey in a real browser: sign in, import recipients (with an
// error, then fixed), preview, approve, record sending and a reply, and see
// the board change. Once with a pointer, once with the keyboard alone; axe-core
// checks every page the pointer run visits against WCAG 2.2 AA.

const CSV = readFileSync(join(EXAMPLE, "recipients.csv"), "utf8");
const FIXED = CSV.replace("Dear Roger,", "Dear Mr Hirst,");
// Two bad rows: an empty salutation and an id used twice.
const BROKEN = FIXED.replace("Dear Paddy", "").replace(/^thames-valley,/m, "nottinghamshire,");

function files() {
  const dir = tempDir("postbag-e2e-");
  const broken = join(dir, "recipients-broken.csv");
  const fixed = join(dir, "recipients.csv");
  writeFileSync(broken, BROKEN);
  writeFileSync(fixed, FIXED);
  return { broken, fixed };
}

async function heading(page: Page): Promise<string> {
  return ((await page.locator("h1").first().textContent()) ?? "").trim();
}

async function journey(page: Page, drive: Driver, checkPage: (what: string) => Promise<void>, base: string) {
  const { broken, fixed } = files();
  await page.goto(`${base}/manage`);
  expect(await heading(page)).toBe("Sign in to Postbag");
  await checkPage("sign in");
  await drive.fill("Email address", ROLE_EMAILS.admin);
  await drive.fill("Password", PASSWORD);
  await drive.press("Sign in");
  expect(await heading(page)).toBe("Campaigns");
  await checkPage("campaigns");

  await drive.press("Violence Reduction Units");
  expect(await heading(page)).toBe("Violence Reduction Units");
  await checkPage("board");
  await drive.press("Recipients");
  await checkPage("recipients");
  await drive.upload("Recipients file (.csv or .xlsx)", [broken]);
  await drive.press("Import the recipients");
  const summary = page.locator(".govuk-error-summary");
  await expect.poll(() => summary.isVisible()).toBe(true);
  expect(await summary.textContent()).toMatch(/salutation/);
  expect(await summary.textContent()).toMatch(/nottinghamshire/);
  await checkPage("recipients with errors");
  await drive.upload("Recipients file (.csv or .xlsx)", [fixed]);
  await drive.press("Import the recipients");
  expect(await page.locator(".govuk-notification-banner").textContent()).toMatch(/recipients imported/);

  await drive.press("Back to the campaign");
  await drive.press(/^(Edit the letter|The letter)$/);
  await drive.press("Preview");
  expect(await page.locator("main").textContent()).toContain("Dear Paddy");
  await checkPage("template preview");

  await drive.press("Back to the campaign");
  await drive.press("Roger Hirst");
  const preview = page.frameLocator("iframe");
  await expect.poll(() => preview.locator("body").textContent()).toContain("Dear Mr Hirst,");
  await checkPage("letter");
  await drive.press("Approve this letter");
  expect(await page.locator(".govuk-notification-banner").textContent()).toMatch(/approved/i);
  await drive.fill("Date it was sent", "2026-11-02");
  await drive.choose("Post");
  await drive.press("Record as sent");
  await checkPage("letter sent");
  await drive.fill("Date it was received", "2026-11-20");
  await drive.choose("Email");
  await drive.choose("Received");
  await drive.press("Record the reply");
  expect(await page.locator(".govuk-notification-banner").textContent()).toMatch(/reply/i);

  await drive.press("Campaigns");
  await drive.press("Violence Reduction Units");
  const row = page.locator("tr", { has: page.getByRole("link", { name: "Roger Hirst" }) });
  expect(await row.textContent()).toMatch(/replied/);
  expect(await row.textContent()).toMatch(/received/);
  await checkPage("board after the reply");
}

describe.skipIf(NO_CHROMIUM)(
  `the staff journey in Chromium${NO_CHROMIUM ? ` (${CHROMIUM_REASON})` : ""}`,
  () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(() => browser?.close());

    it("works with a pointer, and every page passes axe-core's WCAG 2.2 AA checks", async () => {
      const test: TestApp = await startTestApp("pglite");
      const page = await newPage(browser);
      const violations: Record<string, unknown> = {};
      try {
        await journey(
          page,
          pointerDriver(page),
          async (what) => {
            const found = await axeViolations(page);
            if (found.length > 0) violations[what] = found;
          },
          test.base,
        );
        expect(violations).toEqual({});
        const status = await test.services.campaignStatus({ campaign: test.campaign, asOf: "2026-11-23" });
        expect(status.letters.find((letter) => letter.recipient === "essex")?.state).toBe("replied");
      } finally {
        await page.context().close();
        await test.close();
      }
    }, 120_000);

    it("works with the keyboard alone", async () => {
      const test: TestApp = await startTestApp("pglite");
      const page = await newPage(browser);
      try {
        await journey(page, keyboardDriver(page), async () => {}, test.base);
        const status = await test.services.campaignStatus({ campaign: test.campaign, asOf: "2026-11-23" });
        const essex = status.letters.find((letter) => letter.recipient === "essex");
        expect(essex?.state).toBe("replied");
        expect(essex?.items[0]?.state).toBe("received");
      } finally {
        await page.context().close();
        await test.close();
      }
    }, 180_000);
  },
);

describe.skipIf(NO_CHROMIUM)(
  `every staff page in Chromium${NO_CHROMIUM ? ` (${CHROMIUM_REASON})` : ""}`,
  () => {
    it("passes axe-core's WCAG 2.2 AA checks on every page in its real state, and so do pages showing errors", async () => {
      const browser = await launchBrowser();
      const test = await startTestApp("pglite");
      const state = await campaignInEveryState(test);
      const page = await newPage(browser);
      const violations: Record<string, unknown> = {};
      const statuses: Record<string, number | undefined> = {};
      const check = async (path: string) => {
        const response = await page.goto(`${test.base}${path}`);
        statuses[path] = response?.status();
        if (!response?.headers()["content-type"]?.startsWith("text/html")) return;
        const found = await axeViolations(page);
        if (found.length > 0) violations[path] = found;
      };
      try {
        await check("/sign-in");
        await page.getByLabel("Email address").fill("nobody@example.org");
        await page.getByRole("button", { name: "Sign in" }).click();
        const found = await axeViolations(page);
        if (found.length > 0) violations["sign-in with errors"] = found;
        await page.getByLabel("Email address").fill(ROLE_EMAILS.admin);
        await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
        await page.getByRole("button", { name: "Sign in" }).click();
        // Pages, not downloads (PDF, DOCX, the status or the digest as CSV or XLSX, reply files) or the letter's own HTML (shown in its page's frame).
        const isFile = (url: string) =>
          /\.(pdf|docx|html|csv|xlsx|:format)$|\/files\/:|\/(original|public-copy)$/.test(url);
        const pages = test.app.registeredRoutes.filter(
          (route) =>
            route.method === "GET" &&
            (route.url === "/manage" || route.url.startsWith("/manage/")) &&
            !isFile(route.url),
        );
        expect(pages.length).toBeGreaterThanOrEqual(20);
        const visited = pages.map((route) => filled(route.url, test.campaign, state));
        for (const path of visited) await check(path);
        // Every page was there to check: none was a 404 for want of a reply, a chaser or a message.
        expect(Object.fromEntries(visited.map((path) => [path, statuses[path]]))).toEqual(
          Object.fromEntries(visited.map((path) => [path, 200])),
        );
        expect(visited).toEqual(
          expect.arrayContaining([
            `/manage/campaigns/${test.campaign}/letters/${state.replied}/documents/${state.document}`,
            `/manage/campaigns/${test.campaign}/chasers/${state.chased}`,
            "/manage/inbox",
          ]),
        );
        await check(`/manage/campaigns/${test.campaign}?state=nonsense`);
        await check("/manage/no-such-page");
        expect(statuses["/manage/no-such-page"]).toBe(404);
        expect(violations).toEqual({});
      } finally {
        await browser.close();
        await test.close();
      }
    }, 180_000);
  },
);

/** A route's pattern with the ids of the campaign in every state: the replied letter's, the chased one's. */
function filled(url: string, campaign: string, state: EveryState): string {
  const recipient = url.includes("/chasers/") ? state.chased : state.replied;
  const values: Record<string, string> = {
    campaign,
    recipient,
    document: String(state.document),
    id: String(state.organisation),
    contactId: String(state.contact),
    // The digest's side-by-side reader, on one of the example campaign's requested items.
    question: "response-strategy",
  };
  return url.replace(/:(\w+)/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${url}: add it to the sweep`);
    return value;
  });
}

describe.skipIf(NO_CHROMIUM)(
  `the letter editor in Chromium${NO_CHROMIUM ? ` (${CHROMIUM_REASON})` : ""}`,
  () => {
    it("previews the letter as it is typed, with no button pressed, and saves nothing", async () => {
      const browser = await launchBrowser();
      const test = await startTestApp("pglite");
      const page = await newPage(browser);
      try {
        await page.goto(`${test.base}/sign-in`);
        await page.getByLabel("Email address").fill(ROLE_EMAILS.editor);
        await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.goto(`${test.base}/manage/campaigns/${test.campaign}/template`);
        const region = page.locator("#live-preview");
        const editor = page.getByLabel("The letter (letter.md)");
        const original = await editor.inputValue();
        await editor.press("ControlOrMeta+End");
        await editor.pressSequentially("\n\nA sentence typed a moment ago.");
        await expect
          .poll(() => region.textContent(), { timeout: 10_000 })
          .toContain("A sentence typed a moment ago.");
        await editor.pressSequentially("\n\nAbout ((no such column)).");
        await expect.poll(() => region.textContent(), { timeout: 10_000 }).toMatch(/no such column/);
        await page.getByLabel("Preview the letter to").selectOption("essex");
        await editor.fill(original);
        await expect.poll(() => region.textContent(), { timeout: 10_000 }).toContain("Dear Roger,");
        expect(await region.textContent()).not.toMatch(/no such column|typed a moment ago/);
        const detail = await test.services.letterDetail({
          campaign: test.campaign,
          recipient: "essex",
          asOf: "2026-11-23",
        });
        expect(detail.versions).toHaveLength(1);
      } finally {
        await browser.close();
        await test.close();
      }
    }, 120_000);
  },
);
