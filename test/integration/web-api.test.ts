import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachDatabase } from "../support/databases.ts";
import { ROLE_EMAILS, startTestApp, type TestApp, type TestRole } from "../support/web-app.ts";

// The JSON API: bearer tokens, permissions, JSON errors naming the field, and
// the OpenAPI document listing every /api route the app serves.

const TODAY = () => new Date().toISOString().slice(0, 10);
const SENT_ON = "2020-10-13";
const LATER = "2021-03-01";

/** Every route the app serves, as "METHOD /path", read from Fastify's own route tree. */
function registeredRoutes(app: FastifyInstance): string[] {
  const routes: string[] = [];
  const paths: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split("\n")) {
    const match = /^(.*?)[├└]── (.+?)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? "").length / 4;
    const path = (depth > 0 ? (paths[depth - 1] ?? "") : "") + (match[2] ?? "");
    paths[depth] = path.replace(/^\/\//, "/");
    for (const method of (match[3] ?? "").split(", ").filter(Boolean))
      routes.push(`${method} ${paths[depth]}`);
  }
  return routes;
}

describeOnEachDatabase("JSON API", (kind) => {
  let app: TestApp;
  const tokens = {} as Record<TestRole, string>;

  /** A JSON request, with a role's token, a literal Authorization header, or none. */
  async function api(
    method: string,
    path: string,
    options: { as?: TestRole; auth?: string; body?: unknown } = {},
  ) {
    const auth = options.auth ?? (options.as ? `Bearer ${tokens[options.as]}` : undefined);
    const response = await fetch(`${app.base}${path}`, {
      method,
      headers: {
        ...(auth ? { authorization: auth } : {}),
        ...(options.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: options.body === undefined ? null : JSON.stringify(options.body),
    });
    const type = response.headers.get("content-type") ?? "";
    expect(type).toMatch(/^application\/json/);
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }
  const letter = async (recipient: string) => {
    const status = await app.services.campaignStatus({ campaign: app.campaign, asOf: LATER });
    return status.letters.find((row) => row.recipient === recipient);
  };
  const apiRoutes = () =>
    registeredRoutes(app.app).filter((route) => / \/api\//.test(route) && !route.startsWith("HEAD"));

  beforeAll(async () => {
    app = await startTestApp(kind);
    for (const [role, email] of Object.entries(ROLE_EMAILS)) {
      tokens[role as TestRole] = (
        await app.services.createApiToken({ email, name: "test", actor: "t" })
      ).token;
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  it("says whose token it is", async () => {
    for (const role of ["viewer", "approver"] as const) {
      expect(await api("GET", "/api/me", { as: role })).toEqual({
        status: 200,
        json: { email: ROLE_EMAILS[role], role },
      });
    }
  });

  it("refuses every /api route without a token or with a bad one", async () => {
    const routes = apiRoutes().filter((route) => route !== "GET /api/docs");
    expect(routes.length).toBeGreaterThanOrEqual(7);
    // Valid bodies: the refusal must come from the missing token, not from the input.
    const body = { recipient: "nottinghamshire", on: SENT_ON, via: "post", asOf: LATER, items: [] };
    for (const route of routes) {
      const [method = "", path = ""] = route.split(" ");
      const url = path.replace(":campaign", app.campaign).replace(/:(\w+)/g, "x");
      const send =
        method === "GET" ? {} : { body: route.endsWith("/replies") ? body : { ...body, items: undefined } };
      for (const auth of [
        undefined,
        "Bearer pb_not-a-real-token",
        "Bearer nonsense",
        `Basic ${tokens.admin}`,
      ]) {
        const refused = await api(method, url, { ...send, ...(auth ? { auth } : {}) });
        expect(refused, `${route} with ${auth}`).toMatchObject({
          status: 401,
          json: { error: "unauthorised" },
        });
      }
    }
    expect((await letter("nottinghamshire"))?.state).toBe("draft");
  });

  it("lets an approver approve but not a viewer", async () => {
    const refused = await api("POST", `/api/campaigns/${app.campaign}/approve`, {
      as: "viewer",
      body: { recipient: "nottinghamshire" },
    });
    expect(refused).toMatchObject({ status: 403, json: { error: "forbidden" } });
    expect((await letter("nottinghamshire"))?.state).toBe("draft");

    const approved = await api("POST", `/api/campaigns/${app.campaign}/approve`, {
      as: "approver",
      body: { recipient: "nottinghamshire" },
    });
    expect(approved).toEqual({
      status: 200,
      json: { campaign: app.campaign, approved: ["nottinghamshire"] },
    });
    expect((await letter("nottinghamshire"))?.state).toBe("approved");
  });

  it("refuses bad input as JSON naming the field, and records nothing", async () => {
    const sent = `/api/campaigns/${app.campaign}/sent`;
    const cases = [
      { body: { recipient: "nottinghamshire", via: "post" }, field: "on" },
      { body: { recipient: "nottinghamshire", on: "2021-02-30", via: "post" }, field: "on" },
      { body: { recipient: "nottinghamshire", on: "13/10/2020", via: "post" }, field: "on" },
      { body: { recipient: "nottinghamshire", on: SENT_ON, via: "pigeon" }, field: "via" },
    ];
    for (const { body, field } of cases) {
      const refused = await api("POST", sent, { as: "editor", body });
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.json).toMatchObject({ error: "bad_input", field });
      expect(String(refused.json.message)).toContain(field);
    }
    const asOf = await api("GET", `/api/campaigns/${app.campaign}/status?asOf=yesterday`, { as: "viewer" });
    expect(asOf).toMatchObject({ status: 400, json: { error: "bad_input", field: "asOf" } });
    const unknown = await api("GET", "/api/campaigns/no-such-campaign/status", { as: "viewer" });
    expect(unknown).toMatchObject({ status: 404, json: { error: "not_found" } });
    expect((await letter("nottinghamshire"))?.state).toBe("approved");
  });

  it("lets an editor record a letter as sent, but not a viewer or an approver", async () => {
    const body = { recipient: "nottinghamshire", on: SENT_ON, via: "post" };
    for (const role of ["viewer", "approver"] as const) {
      expect((await api("POST", `/api/campaigns/${app.campaign}/sent`, { as: role, body })).status).toBe(403);
    }
    const sent = await api("POST", `/api/campaigns/${app.campaign}/sent`, { as: "editor", body });
    expect(sent.status).toBe(200);
    expect(sent.json).toMatchObject({ campaign: app.campaign, sent: [{ recipient: "nottinghamshire" }] });
    expect(await letter("nottinghamshire")).toMatchObject({ state: "sent", sent: SENT_ON });
    const again = await api("POST", `/api/campaigns/${app.campaign}/sent`, { as: "editor", body });
    expect(again).toMatchObject({ status: 409, json: { error: "conflict" } });
  });

  it("reads a campaign's status and the overdue letters, as of today by default", async () => {
    const status = await api("GET", `/api/campaigns/${app.campaign}/status`, { as: "viewer" });
    expect(status.status).toBe(200);
    expect(status.json).toMatchObject({ campaign: app.campaign, asOf: TODAY() });
    const letters = status.json.letters as { recipient: string; state: string; overdue: boolean }[];
    expect(letters.find((row) => row.recipient === "nottinghamshire")).toMatchObject({
      state: "sent",
      overdue: true,
    });
    const early = await api("GET", `/api/overdue?asOf=${SENT_ON}`, { as: "viewer" });
    expect(early).toEqual({ status: 200, json: { asOf: SENT_ON, letters: [] } });
    const late = await api("GET", `/api/overdue?asOf=${LATER}`, { as: "viewer" });
    expect(late.json.letters).toEqual([
      expect.objectContaining({ campaign: app.campaign, recipient: "nottinghamshire" }),
    ]);
    expect((await api("GET", "/api/overdue", { as: "viewer" })).json.asOf).toBe(TODAY());
  });

  it("drafts chasers for overdue letters", async () => {
    const path = `/api/campaigns/${app.campaign}/chasers`;
    expect((await api("POST", path, { as: "viewer", body: { asOf: LATER } })).status).toBe(403);
    const chased = await api("POST", path, { as: "editor", body: { asOf: LATER } });
    expect(chased).toEqual({
      status: 200,
      json: {
        campaign: app.campaign,
        asOf: LATER,
        chasers: [{ recipient: "nottinghamshire", chases: SENT_ON }],
      },
    });
    const again = await api("POST", path, { as: "editor", body: { asOf: LATER } });
    expect(again.json.chasers).toEqual([]);
  });

  it("records a reply and what it says of each item", async () => {
    const path = `/api/campaigns/${app.campaign}/replies`;
    const items = [
      { id: "needs-assessment", state: "public", url: "https://example.org/needs" },
      { id: "response-strategy", state: "received" },
    ];
    const noUrl = await api("POST", path, {
      as: "editor",
      body: { recipient: "nottinghamshire", on: LATER, items: [{ id: "needs-assessment", state: "public" }] },
    });
    expect(noUrl).toMatchObject({ status: 400, json: { error: "bad_input", field: "items.0.url" } });
    const badState = await api("POST", path, {
      as: "editor",
      body: { recipient: "nottinghamshire", on: LATER, items: [{ id: "needs-assessment", state: "lost" }] },
    });
    expect(badState).toMatchObject({ status: 400, json: { field: "items.0.state" } });
    expect(
      (await api("POST", path, { as: "viewer", body: { recipient: "nottinghamshire", on: LATER, items } }))
        .status,
    ).toBe(403);
    expect((await letter("nottinghamshire"))?.state).toBe("sent");

    const replied = await api("POST", path, {
      as: "editor",
      body: { recipient: "nottinghamshire", on: LATER, channel: "email", items },
    });
    expect(replied.status).toBe(200);
    expect(replied.json).toMatchObject({ campaign: app.campaign, recipient: "nottinghamshire" });
    expect(await letter("nottinghamshire")).toMatchObject({
      state: "replied",
      items: expect.arrayContaining([
        { id: "needs-assessment", state: "public", publicUrl: "https://example.org/needs" },
        { id: "response-strategy", state: "received", publicUrl: null },
      ]),
    });
  });

  it("publishes an OpenAPI 3 document of every /api route, with the bearer scheme, without sign-in", async () => {
    const response = await fetch(`${app.base}/api/docs`);
    expect(response.status).toBe(200);
    const docs = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown>; description?: string }>>;
      components: { securitySchemes: Record<string, { type: string; scheme: string }> };
      security: Record<string, string[]>[];
    };
    expect(docs.openapi).toMatch(/^3\./);
    expect(docs.components.securitySchemes).toEqual({
      bearerToken: expect.objectContaining({ type: "http", scheme: "bearer" }),
    });
    expect(docs.security).toEqual([{ bearerToken: [] }]);

    const documented = Object.entries(docs.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`),
    );
    const served = apiRoutes().filter((route) => route !== "GET /api/docs");
    expect(documented.sort()).toEqual(served.sort());
    for (const operations of Object.values(docs.paths)) {
      for (const operation of Object.values(operations)) {
        expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(["400", "401"]));
        expect(Object.keys(operation.responses).some((status) => /^2\d\d$/.test(status))).toBe(true);
        expect(operation.description).toMatch(/Permission: \w+/);
      }
    }
    expect(docs.paths["/api/campaigns/{campaign}/approve"]?.post?.description).toContain(
      "Permission: approve",
    );
  });
});
