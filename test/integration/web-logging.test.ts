import { PassThrough } from "node:stream";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachDatabase } from "../support/databases.ts";
import { startTestApp, WebClient, type TestApp } from "../support/web-app.ts";

// The server's log: JSON lines, one per request with its id, route, user id,
// status and time; a server error with its stack; nothing personal.

describeOnEachDatabase("the server's log", (kind) => {
  let test: TestApp;
  const lines: Record<string, unknown>[] = [];
  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) lines.push(JSON.parse(line));
    });
    test = await startTestApp(kind, { log: { level: "info", stream } });
  }, 120_000);
  afterAll(() => test?.close());

  it("logs each request once, with its id, route, user id and status, and no query or email", async () => {
    const editor = await WebClient.signedIn(test.base, "editor");
    await editor.get(`/manage/campaigns/${test.campaign}?text=Roger+Hirst`);
    const line = lines.find((entry) => entry.route === "/manage/campaigns/:campaign");
    expect(line).toMatchObject({
      level: 30,
      msg: "request",
      method: "GET",
      path: `/manage/campaigns/${test.campaign}`,
      status: 200,
    });
    expect(line!.reqId).toMatch(/^[0-9a-f-]{36}$/);
    expect(line!.user).toEqual(expect.any(Number));
    // Client addresses are personal data too; the server's own address in its start line is not a request's.
    const all = JSON.stringify(lines.filter((entry) => entry.reqId));
    for (const personal of ["Roger", "editor@example.org", "correct horse", "127.0.0.1"]) {
      expect(all).not.toContain(personal);
    }
  });

  it("logs a server error with its stack, route and request id, and shows the person a plain page", async () => {
    const admin = await WebClient.signedIn(test.base, "admin");
    const original = test.services.listCampaigns;
    test.services.listCampaigns = () => Promise.reject(new Error("the disk is on fire"));
    try {
      const page = await admin.get("/manage");
      expect(page.status).toBe(500);
      expect(page.text).not.toContain("on fire");
    } finally {
      test.services.listCampaigns = original;
    }
    const error = lines.find((entry) => entry.msg === "server error");
    expect(error).toMatchObject({ level: 50, route: "/manage", user: expect.any(Number) });
    expect((error!.err as { stack: string }).stack).toContain("the disk is on fire");
    const request = lines.find((entry) => entry.msg === "request" && entry.status === 500);
    expect(request!.reqId).toBe(error!.reqId);
  });
});
