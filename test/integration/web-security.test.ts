import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RegisteredRoute } from "../../src/web/app.ts";
import { describeOnEachDatabase } from "../support/databases.ts";
import { pathOf, startTestApp, WebClient, type TestApp } from "../support/web-app.ts";

// Every route the app registers, walked: none opens to an anonymous visitor,
// none that changes something opens to a viewer, and recipient data holding
// markup comes out inert on every page.

const SCRIPT = "<script>window.__pwned=1</script>";
const ATTRIBUTE = '"><img src=x onerror="window.__pwned=2">';

const isStaff = (route: RegisteredRoute) => route.url === "/manage" || route.url.startsWith("/manage/");
const isApi = (route: RegisteredRoute) => route.url.startsWith("/api/") && !route.url.startsWith("/api/docs");

describeOnEachDatabase("web security", (kind) => {
  let test: TestApp;
  let routes: RegisteredRoute[];
  beforeAll(async () => {
    test = await startTestApp(kind);
    routes = test.app.registeredRoutes.filter((route) => isStaff(route) || isApi(route));
    await test.services.editRecipient({
      campaign: test.campaign,
      recipient: "essex",
      fields: { name: `${SCRIPT} Roger Hirst`, title: ATTRIBUTE },
      actor: "test",
    });
  }, 60_000);
  afterAll(() => test?.close());

  it("has routes to walk: every area of the staff app and the API", () => {
    const urls = routes.map((route) => route.url);
    for (const area of [
      "/manage",
      "/manage/campaigns/:campaign",
      "/manage/users",
      "/manage/directory",
      "/api/me",
    ]) {
      expect(urls).toContain(area);
    }
  });

  it("refuses anonymous visitors on every /manage and /api route", async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const response = await fetch(`${test.base}${pathOf(route, test.campaign)}`, {
        method: route.method,
        redirect: "manual",
        ...(route.method === "GET" ? {} : { body: new URLSearchParams({ x: "1" }) }),
      });
      const expected = isStaff(route) ? 303 : 401;
      const location = response.headers.get("location") ?? "";
      if (response.status !== expected || (isStaff(route) && !location.startsWith("/sign-in"))) {
        failures.push(`${route.method} ${route.url}: ${response.status} ${location}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("refuses a viewer, with a valid CSRF token, on every route that needs more than reading", async () => {
    const viewer = await WebClient.signedIn(test.base, "viewer");
    await viewer.get("/manage");
    const guarded = routes.filter((route) => route.access !== "read" && isStaff(route));
    expect(guarded.length).toBeGreaterThan(5);
    const failures: string[] = [];
    for (const route of guarded) {
      const path = pathOf(route, test.campaign);
      const response = route.method === "GET" ? await viewer.get(path) : await viewer.post(path, { x: "1" });
      if (response.status !== 403 || !response.text.includes("your role (viewer) may not")) {
        failures.push(`${route.method} ${route.url}: ${response.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("shows recipient data holding markup as text on every page", async () => {
    const admin = await WebClient.signedIn(test.base, "admin");
    const pages = routes.filter((route) => route.method === "GET" && isStaff(route));
    const seen: string[] = [];
    for (const route of pages) {
      const response = await admin.get(pathOf(route, test.campaign));
      // Files (PDF, DOCX) print the value as text by design: only pages are checked here.
      if (!response.headers.get("content-type")?.startsWith("text/html")) continue;
      expect(response.text, route.url).not.toContain(SCRIPT);
      expect(response.text, route.url).not.toContain('<img src=x onerror="window.__pwned=2">');
      if (response.text.includes("&lt;script&gt;window.__pwned=1&lt;/script&gt;")) seen.push(route.url);
    }
    // The board and the letter page at least name the recipient.
    expect(seen).toEqual(expect.arrayContaining(["/manage/campaigns/:campaign"]));
  });
});

describe("the API document", () => {
  it("is public, so clients can discover the API before they have a token", async () => {
    const test = await startTestApp("pglite");
    try {
      const response = await fetch(`${test.base}/api/docs`);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { openapi: string }).openapi).toMatch(/^3\./);
    } finally {
      await test.close();
    }
  }, 60_000);
});
