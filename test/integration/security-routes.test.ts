import { afterAll, beforeAll, expect, it } from "vitest";
import type { RegisteredRoute } from "../../src/web/app.ts";
import { can } from "../../src/users/permissions.ts";
import { describeOnEachDatabase } from "../support/databases.ts";
import { pathVariants } from "../support/path-variants.ts";
import { rawRequest, type RawResponse } from "../support/raw-http.ts";
import {
  pathOf,
  ROLE_EMAILS,
  startTestApp,
  WebClient,
  type TestApp,
  type TestRole,
} from "../support/web-app.ts";

// Every route the app registers (enumerated from Fastify, not listed by
// hand), asked for anonymously and as each role, with its path as written
// and written in every other way a URL can be: percent-encoded letters and
// slashes, doubled and trailing slashes, dot segments, other letter case.
// The answer must be the one its declared access allows; a handler that needs
// a user never runs without one (the app answers 500 if it ever does).

type Who = "anonymous" | TestRole;
const WHO: Who[] = ["anonymous", "viewer", "editor", "approver", "admin"];

interface Credentials {
  cookie: string;
  bearer: string;
}

/** Where a request schema has an object that lists its properties but leaves others allowed. */
function openObjects(schema: unknown, path: string): string[] {
  if (!schema || typeof schema !== "object") return [];
  const node = schema as Record<string, unknown>;
  if (node.content) return []; // a file body
  const found: string[] = [];
  if (node.properties && node.additionalProperties !== false) found.push(path);
  for (const [name, child] of Object.entries((node.properties ?? {}) as Record<string, unknown>)) {
    found.push(...openObjects(child, `${path}.${name}`));
  }
  if (node.items) found.push(...openObjects(node.items, `${path}[]`));
  return found;
}

describeOnEachDatabase("every route, every way of writing its path", (kind) => {
  let test: TestApp;
  let routes: RegisteredRoute[];
  const credentials = new Map<Who, Credentials>();

  beforeAll(async () => {
    test = await startTestApp(kind);
    routes = test.app.registeredRoutes;
    credentials.set("anonymous", { cookie: "", bearer: "" });
    for (const role of WHO.filter((who): who is TestRole => who !== "anonymous")) {
      const client = await WebClient.signedIn(test.base, role);
      const { token } = await test.services.createApiToken({
        email: ROLE_EMAILS[role],
        name: "security",
        actor: "test",
      });
      credentials.set(role, { cookie: `postbag_session=${client.cookie("postbag_session")}`, bearer: token });
    }
  }, 120_000);
  afterAll(() => test?.close());

  const isApi = (route: RegisteredRoute) => route.url.startsWith("/api/") && route.access !== "public";
  const mayUse = (who: Who, route: RegisteredRoute) =>
    route.access === "public" || route.access === "open" || (who !== "anonymous" && can(who, route.access));

  function ask(who: Who, route: RegisteredRoute, path: string): Promise<RawResponse> {
    const { cookie, bearer } = credentials.get(who)!;
    const headers: Record<string, string> = {};
    if (cookie) headers.cookie = cookie;
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    if (route.method === "GET") return rawRequest(test.base, path, { headers });
    headers["content-type"] = "application/x-www-form-urlencoded";
    return rawRequest(test.base, path, { method: route.method, headers, body: "x=1" });
  }

  /** What a refusal of `who` on `route` looks like; null when `who` may use it. */
  function refusal(who: Who, route: RegisteredRoute, response: RawResponse): string | null {
    const location = String(response.headers.location ?? "");
    if (who === "anonymous") {
      if (isApi(route)) return response.status === 401 ? null : "not 401";
      return response.status === 303 && location.startsWith("/sign-in") ? null : "not sent to sign in";
    }
    if (response.status !== 403) return "not 403";
    return response.body.includes(`your role (${who}) may not ${route.access}`)
      ? null
      : "403 without the reason";
  }

  function reachedSomething(response: RawResponse): string | null {
    if (response.status >= 500) return "a server error";
    if (response.status < 300) return "an answer";
    const location = String(response.headers.location ?? "");
    if (response.status < 400 && !location.startsWith("/sign-in")) return `sent on to ${location}`;
    return null;
  }

  it("has every area's routes to walk, each declaring its access", () => {
    const urls = routes.map((route) => route.url);
    for (const area of [
      "/",
      "/manage",
      "/manage/users",
      "/manage/campaigns/:campaign",
      "/api/me",
      "/sign-in",
    ]) {
      expect(urls).toContain(area);
    }
    expect(routes.length).toBeGreaterThan(100);
    expect(
      routes.filter((route) => route.access !== "public" && route.access !== "open").length,
    ).toBeGreaterThan(80);
  });

  it("answers each route as written as its declared access says, for everyone", async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const path = pathOf(route, test.campaign);
      // Everyone refused, and the least of those allowed (pages are not asked for twice by the same right).
      const asking = [
        ...WHO.filter((who) => !mayUse(who, route)),
        ...WHO.filter((who) => mayUse(who, route)).slice(0, 1),
      ];
      for (const who of asking) {
        const allowed = mayUse(who, route);
        // Changes are not made for real here: a form post by someone allowed is another suite's work.
        if (allowed && route.method !== "GET") continue;
        const response = await ask(who, route, path);
        if (response.status >= 500) failures.push(`${who} ${route.method} ${path}: ${response.status}`);
        else if (!allowed) {
          const wrong = refusal(who, route, response);
          if (wrong) failures.push(`${who} ${route.method} ${path}: ${response.status}, ${wrong}`);
        } else if (response.status === 401 || (response.status === 403 && /may not/.test(response.body))) {
          failures.push(`${who} ${route.method} ${path}: refused (${response.status}) though allowed`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("refuses every other way of writing a path as it refuses the path written", async () => {
    const failures: string[] = [];
    for (const route of routes.filter((route) => route.access !== "public" && route.access !== "open")) {
      const written = pathOf(route, test.campaign);
      for (const who of WHO.filter((who) => !mayUse(who, route))) {
        for (const variant of pathVariants(written)) {
          if (variant.path === written) continue;
          const response = await ask(who, route, variant.path);
          const where = `${who} ${route.method} ${variant.path} (${variant.name})`;
          // Routed as written: refused as written. Anything else: a refusal or "not found", never an answer.
          const wrong = variant.routedAsWritten ? refusal(who, route, response) : reachedSomething(response);
          if (wrong) failures.push(`${where}: ${response.status}, ${wrong}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it("serves a page whose path is percent-encoded as it serves the path written, to someone who may see it", async () => {
    const failures: string[] = [];
    for (const route of routes.filter((route) => route.method === "GET" && route.access !== "public")) {
      const written = pathOf(route, test.campaign);
      const encoded = pathVariants(written).find((variant) => variant.name === "every letter encoded")!;
      for (const who of WHO.filter((who) => mayUse(who, route)).slice(0, 1)) {
        const [asWritten, response] = [await ask(who, route, written), await ask(who, route, encoded.path)];
        if (response.status !== asWritten.status)
          failures.push(`${who} GET ${encoded.path}: ${response.status}, as written ${asWritten.status}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it("refuses a field it does not know on every API route, naming it, and does nothing", async () => {
    const admin = credentials.get("admin")!;
    const failures: string[] = [];
    for (const route of routes.filter((route) => isApi(route))) {
      const path = pathOf(route, test.campaign);
      const response =
        route.method === "GET"
          ? await rawRequest(test.base, `${path}?unknownField=sussex`, {
              headers: { authorization: `Bearer ${admin.bearer}` },
            })
          : await rawRequest(test.base, path, {
              method: route.method,
              headers: { authorization: `Bearer ${admin.bearer}`, "content-type": "application/json" },
              body: JSON.stringify({ unknownField: "sussex" }),
            });
      // The unknown field, or a required one missing (the validator names the first problem it meets).
      const refused =
        response.status === 400 &&
        /must NOT have additional properties|must have required property/.test(response.body);
      // A route whose body is a file refuses JSON as the wrong kind of body.
      const notAFile = response.status === 415 || /send the file itself/.test(response.body);
      if (!refused && !notAFile)
        failures.push(`${route.method} ${path}: ${response.status} ${response.body.slice(0, 120)}`);
    }
    expect(failures).toEqual([]);
    expect((await test.services.publicCampaigns()).length).toBe(0);
    // And every object a request may carry is closed to properties it does not name.
    const open: string[] = [];
    for (const route of routes.filter((route) => isApi(route))) {
      const schema = (route.schema ?? {}) as Record<string, unknown>;
      for (const part of ["body", "querystring", "params"]) {
        for (const where of openObjects(schema[part], part))
          open.push(`${route.method} ${route.url}: ${where}`);
      }
    }
    expect(open).toEqual([]);
  });

  it("takes only a bearer token on the API and only a session on the staff pages", async () => {
    const admin = credentials.get("admin")!;
    // A session cookie on the API is not a credential: only a bearer token is (so no CSRF there).
    const byCookie = await rawRequest(test.base, "/%61pi/users", { headers: { cookie: admin.cookie } });
    expect(byCookie.status).toBe(401);
    // A bearer token does not sign anyone in to the staff pages.
    const byToken = await rawRequest(test.base, "/%6danage/users", {
      headers: { authorization: `Bearer ${admin.bearer}` },
    });
    expect(byToken.status).toBe(303);
    expect(String(byToken.headers.location)).toMatch(/^\/sign-in/);
  });
});
