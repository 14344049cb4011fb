import { apiClient, type ApiCall } from "../support/api-client.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMailingApp } from "../support/mail-app.ts";
import { startSmtpRecorder, type SmtpRecorder } from "../support/smtp-recorder.ts";
import type { TestApp } from "../support/web-app.ts";

// Issue 15: the JSON API does the daily loop the staff pages do: letters
// approved and sent by email, selected or all; chasers drafted, approved,
// emailed and recorded; a letter withdrawn; the campaign's settings read and
// changed, with the same refusals.

describe("JSON API: sending, chasing, withdrawing, settings", () => {
  let test: TestApp;
  let recorder: SmtpRecorder;
  let call: ApiCall;
  const base = () => `/campaigns/${test.campaign}`;

  beforeAll(async () => {
    recorder = await startSmtpRecorder();
    test = await startMailingApp(recorder, { essex: "pcc@essex.example", sussex: "pcc@sussex.example" });
    call = await apiClient(test, "loop");
  }, 120_000);
  afterAll(async () => {
    await test?.close();
    await recorder?.close();
  });

  it("approves and sends the selected letters by email", async () => {
    const approved = await call("POST", `${base()}/approve`, "approver", { recipients: ["essex", "sussex"] });
    expect(approved).toEqual({
      status: 200,
      json: { campaign: test.campaign, approved: ["sussex", "essex"] },
    });
    const dry = await call("POST", `${base()}/send`, "editor", {
      recipients: ["essex", "thames-valley"],
      dryRun: true,
    });
    expect(dry.json.skipped).toEqual([
      { recipient: "thames-valley", reason: "the letter is draft, not approved or returned" },
    ]);
    expect(recorder.messages).toHaveLength(0);
    const sent = await call("POST", `${base()}/send`, "editor", {});
    expect((sent.json.queued as { recipient: string }[]).map((letter) => letter.recipient)).toEqual([
      "sussex",
      "essex",
    ]);
    await test.services.runSendWorker({ campaign: test.campaign });
    expect(recorder.messages.map((message) => message.to[0]).sort()).toEqual([
      "pcc@essex.example",
      "pcc@sussex.example",
    ]);
    expect((await call("POST", `${base()}/send`, "viewer", {})).status).toBe(403);
  });

  it("drafts, approves and emails a chaser, then refuses to record it sent twice", async () => {
    const later = "2031-01-06";
    const drafted = await call("POST", `${base()}/chasers`, "editor", { asOf: later });
    expect((drafted.json.chasers as { recipient: string }[]).map((chaser) => chaser.recipient)).toEqual([
      "sussex",
      "essex",
    ]);
    const approved = await call("POST", `${base()}/approve`, "approver", {
      kind: "chaser",
      recipient: "essex",
    });
    expect(approved.json.approved).toEqual(["essex"]);
    const sent = await call("POST", `${base()}/send`, "editor", { kind: "chaser", recipient: "essex" });
    expect(sent.status).toBe(200);
    await test.services.runSendWorker({ campaign: test.campaign });
    expect(recorder.messages).toHaveLength(3);
    expect(recorder.messages.at(-1)?.raw).toMatch(/^In-Reply-To: <letter-\d+-v1\.vru-2020@/m);
    const again = await call("POST", `${base()}/sent`, "editor", {
      kind: "chaser",
      recipient: "essex",
      on: "2031-01-06",
      via: "post",
    });
    expect(again.status).toBe(409);
  });

  it("withdraws a letter with its draft chaser, and names a missing reason", async () => {
    expect((await call("POST", `${base()}/letters/sussex/withdraw`, "editor", { reason: " " })).status).toBe(
      400,
    );
    const withdrawn = await call("POST", `${base()}/letters/sussex/withdraw`, "editor", {
      reason: "Sent to the wrong office",
    });
    expect(withdrawn.json).toEqual({ campaign: test.campaign, recipient: "sussex", withdrawn: 2 });
    const detail = await call("GET", `${base()}/letters/sussex`, "viewer");
    expect(detail.json.letter).toMatchObject({
      state: "withdrawn",
      withdrawnReason: "Sent to the wrong office",
    });
  });

  it("reads and changes the settings, refusing a stale version", async () => {
    const read = await call("GET", `${base()}/settings`, "viewer");
    expect(read.json).toMatchObject({
      title: "Violence Reduction Units",
      replyWithin: "20 working days",
      chaseEvery: "",
    });
    const settings = { ...read.json, chaseEvery: "15 working days" } as Record<string, unknown>;
    delete settings.campaign;
    const saved = await call("PUT", `${base()}/settings`, "editor", settings);
    expect(saved.status).toBe(200);
    expect((await call("GET", `${base()}/settings`, "viewer")).json.chaseEvery).toBe("15 working days");
    const stale = await call("PUT", `${base()}/settings`, "editor", settings);
    expect(stale.status).toBe(409);
  });
});
