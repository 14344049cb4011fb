import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMailingApp } from "../support/mail-app.ts";
import { startSmtpRecorder, type SmtpRecorder } from "../support/smtp-recorder.ts";
import { ROLE_EMAILS, WebClient, type TestApp } from "../support/web-app.ts";

// Issue 15: a letter sent by email from its page, refused by the recipient's
// server (a real SMTP server on loopback), shown as returned with the reason,
// and sent again from the same page, its first try kept in the history.

describe("web: sending a letter by email, and again after it came back", () => {
  let test: TestApp;
  let recorder: SmtpRecorder;
  let editor: WebClient;
  let page: string;

  beforeAll(async () => {
    recorder = await startSmtpRecorder();
    recorder.refuse("pcc@essex.example");
    test = await startMailingApp(recorder, { essex: "pcc@essex.example" });
    await test.services.approveLetters({
      campaign: test.campaign,
      recipient: "essex",
      by: ROLE_EMAILS.approver,
    });
    editor = await WebClient.signedIn(test.base, "editor");
    page = `/manage/campaigns/${test.campaign}/letters/essex`;
  }, 120_000);

  afterAll(async () => {
    await test?.close();
    await recorder?.close();
  });

  /** Presses the page's "Send by email" and works the queue as `postbag serve` would. */
  async function sendFromThePage(): Promise<void> {
    const queued = await editor.post(`${page}/send`, {});
    expect(queued.status).toBe(303);
    await test.services.runSendWorker({ campaign: test.campaign });
  }

  it("shows the refusal on the letter, and offers to send it again", async () => {
    expect((await editor.get(page)).text).toMatch(/id="send-email">\s*Send by email\s*</);
    await sendFromThePage();
    const returned = await editor.get(page);
    expect(returned.text).toContain("The letter came back undelivered: 550 5.1.1 no such mailbox here");
    expect(returned.text).toMatch(/Returned undelivered<\/td>/);
    expect(returned.text).toMatch(/id="send-email">\s*Send by email again\s*</);
    expect(recorder.messages).toHaveLength(0);
    // The campaign's page warns of it too, with a link to the letter.
    const board = await editor.get(`/manage/campaigns/${test.campaign}`);
    expect(board.text).toContain("1 letter to send again");
    expect(board.text).toMatch(
      /href="\/manage\/campaigns\/vru-2020\/letters\/essex">Roger Hirst<\/a> came back undelivered: 550 5\.1\.1 no such mailbox here/,
    );
  });

  it("sends it again once the address works, keeping the first try in the history", async () => {
    recorder.accept("pcc@essex.example");
    await sendFromThePage();
    const sent = await editor.get(page);
    // The warning has gone; the history still says what happened.
    expect(sent.text).not.toContain("The letter came back undelivered");
    expect(sent.text).toContain("Letter came back undelivered: 550 5.1.1 no such mailbox here");
    expect((await editor.get(`/manage/campaigns/${test.campaign}`)).text).not.toContain("to send again");
    expect(sent.text).toMatch(/Returned undelivered<\/td>[\s\S]*Sent<\/td>/);
    expect(recorder.messages.map((message) => message.to)).toEqual([["pcc@essex.example"]]);
    const status = await test.services.campaignStatus({ campaign: test.campaign, asOf: "2026-12-07" });
    expect(status.letters.find((letter) => letter.recipient === "essex")?.state).toBe("sent");
  });
});
