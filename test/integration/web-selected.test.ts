import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { today } from "../../src/campaigns/deadlines/iso-date.ts";
import { startMailingApp } from "../support/mail-app.ts";
import { startSmtpRecorder, type SmtpRecorder } from "../support/smtp-recorder.ts";
import { ROLE_EMAILS, WebClient, type TestApp } from "../support/web-app.ts";

// Issue 15: letters selected on the board, approved or sent by email together,
// each time after a page that says how many will go and which are left out
// (and why); nothing happens until its confirm button is pressed.

describe("web: approving and sending the letters selected on the board", () => {
  let test: TestApp;
  let recorder: SmtpRecorder;
  let board = "";

  beforeAll(async () => {
    recorder = await startSmtpRecorder();
    test = await startMailingApp(recorder, { essex: "pcc@essex.example" });
    board = `/manage/campaigns/${test.campaign}`;
  }, 120_000);

  afterAll(async () => {
    await test?.close();
    await recorder?.close();
  });

  const states = async () =>
    Object.fromEntries(
      (await test.services.campaignStatus({ campaign: test.campaign, asOf: today() })).letters.map(
        (letter) => [letter.recipient, letter.state],
      ),
    );

  it("offers a box per letter to staff who may change letters, and none to a viewer", async () => {
    const viewer = await WebClient.signedIn(test.base, "viewer");
    expect((await viewer.get(board)).text).not.toContain('name="letters"');
    const editor = await WebClient.signedIn(test.base, "editor");
    const page = await editor.get(board);
    expect(page.text).toContain(
      '<span class="govuk-visually-hidden">Select the letter to Roger Hirst</span>',
    );
    expect(page.text).toContain('id="send-selected"');
    // Only an approver is offered approval, and the route refuses anyone else.
    expect(page.text).not.toContain('id="approve-selected"');
    const refused = await editor.post(`${board}/selected/approve`, { letters: ["essex"] });
    expect(refused.status).toBe(403);
    expect((await states()).essex).toBe("draft");
  });

  it("refuses an empty selection, naming what to do", async () => {
    const editor = await WebClient.signedIn(test.base, "editor");
    await editor.get(board);
    const empty = await editor.post(`${board}/selected/sending`, {});
    expect(empty.status).toBe(400);
    expect(empty.text).toContain("Select at least one letter on the board");
  });

  it("approves the selected drafts after a confirmation that counts them", async () => {
    const approver = await WebClient.signedIn(test.base, "approver");
    await test.services.approveLetters({
      campaign: test.campaign,
      recipient: "thames-valley",
      by: ROLE_EMAILS.approver,
    });
    await approver.get(board);
    const selection = { letters: ["essex", "sussex", "thames-valley"] };
    const confirm = await approver.post(`${board}/selected/approval`, selection);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain("Approve 2 letters?");
    expect(confirm.text).toMatch(/id="confirm">\s*Approve 2 letters\s*</);
    // Nothing has happened yet.
    expect((await states()).essex).toBe("draft");
    const done = await approver.post(`${board}/selected/approve`, { letters: ["essex", "sussex"] });
    expect(done.status).toBe(303);
    expect((await approver.get(board)).text).toContain("2 letters approved");
    expect(await states()).toMatchObject({ essex: "approved", sussex: "approved", nottinghamshire: "draft" });
  });

  it("sends the selected letters that have an address, after saying which have none", async () => {
    const editor = await WebClient.signedIn(test.base, "editor");
    await editor.get(board);
    const confirm = await editor.post(`${board}/selected/sending`, { letters: ["essex", "sussex"] });
    expect(confirm.text).toContain("Send 1 letter by email?");
    expect(confirm.text).toMatch(
      /<th scope="row" class="govuk-table__header">Katy Bourne OBE<\/th><td class="govuk-table__cell">no email address<\/td>/,
    );
    expect(recorder.messages).toHaveLength(0);
    const done = await editor.post(`${board}/selected/send`, { letters: ["essex"] });
    expect(done.status).toBe(303);
    expect((await editor.get(board)).text).toContain("1 letter queued to be sent by email");
    await test.services.runSendWorker({ campaign: test.campaign });
    expect(recorder.messages.map((message) => message.to)).toEqual([["pcc@essex.example"]]);
    expect(await states()).toMatchObject({ essex: "sent", sussex: "approved" });
  });
});
