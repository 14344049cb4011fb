import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachDatabase } from "../support/databases.ts";
import { startTestApp, WebClient, type TestApp } from "../support/web-app.ts";

// The holding pen over HTTP: a message nobody could match is listed (its
// subject escaped), a viewer cannot file it, a missing choice is an error
// summary, and an editor files it as the reply to a sent letter.

describeOnEachDatabase("web: inbox", (kind) => {
  let test: TestApp;
  let viewer: WebClient;
  let editor: WebClient;
  let heldId = 0;

  beforeAll(async () => {
    test = await startTestApp(kind);
    viewer = await WebClient.signedIn(test.base, "viewer");
    editor = await WebClient.signedIn(test.base, "editor");
    const approver = await WebClient.signedIn(test.base, "approver");
    const sussex = `/manage/campaigns/${test.campaign}/letters/sussex`;
    await approver.get(sussex);
    expect((await approver.post(`${sussex}/approve`, {})).status).toBe(303);
    await editor.get(sussex);
    expect(
      (await editor.post(`${sussex}/sent`, { "sent-on": "2020-10-13", "sent-via": "post" })).status,
    ).toBe(303);
    const raw = Buffer.from(
      [
        "From: Someone <someone@elsewhere.example>",
        "To: office@postbag.example",
        "Subject: <script>alert(1)</script> Our Response Strategy",
        "Date: Tue, 20 Oct 2020 10:00:00 +0000",
        "Message-ID: <held.1@elsewhere.example>",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Our Response Strategy is attached to nothing at all.",
        "",
      ].join("\r\n"),
    );
    const received = await test.services.receiveMessage({ raw, source: "eml" });
    expect(received.state).toBe("held");
    heldId = received.id;
  });
  afterAll(async () => {
    await test?.close();
  });

  it("lists held messages, escaped, with no forms for a viewer", async () => {
    const page = await viewer.get("/manage/inbox");
    expect(page.status).toBe(200);
    expect(page.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt; Our Response Strategy");
    expect(page.text).not.toContain("<script>alert(1)");
    expect(page.text).not.toContain("File as its reply");
    expect(
      (await viewer.post(`/manage/inbox/${heldId}/file`, { target: `${test.campaign}/sussex` })).status,
    ).toBe(403);
  });

  it("asks for a letter, then files the message as its reply", async () => {
    await editor.get("/manage/inbox");
    const missing = await editor.post(`/manage/inbox/${heldId}/file`, { target: "" });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain("There is a problem");
    expect(missing.text).toContain(`href="#target-${heldId}"`);
    const filed = await editor.post(`/manage/inbox/${heldId}/file`, { target: `${test.campaign}/sussex` });
    expect(filed.status).toBe(303);
    const page = await editor.get("/manage/inbox");
    expect(page.text).toContain("Filed as the reply to sussex");
    expect(page.text).toContain("Nothing is waiting");
    expect(page.text).toContain("Response Strategy");
    const again = await editor.post(`/manage/inbox/${heldId}/file`, { target: `${test.campaign}/sussex` });
    expect(again.status).toBe(400);
    expect(again.text).toContain("no longer held");
  });
});
