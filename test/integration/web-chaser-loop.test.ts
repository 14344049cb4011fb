import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { today } from "../../src/campaigns/deadlines/iso-date.ts";
import { addWorkingDays } from "../../src/campaigns/deadlines/working-days.ts";
import { startMailingApp } from "../support/mail-app.ts";
import { startSmtpRecorder, type SmtpRecorder } from "../support/smtp-recorder.ts";
import { WebClient, type TestApp } from "../support/web-app.ts";

// Issue 15, chasers all the way, through the staff pages and a real SMTP
// server on loopback: the chaser written and previewed in the browser,
// drafted for an unanswered letter, approved, recorded as sent (by post) or
// emailed as an answer to its letter; at most one per letter per interval;
// never to a body that has replied; a letter and a chaser withdrawn.

describe("web: chasers written, sent, spaced and stopped", () => {
  let test: TestApp;
  let recorder: SmtpRecorder;
  let editor: WebClient;
  let approver: WebClient;
  let base = "";
  const day = today();

  beforeAll(async () => {
    recorder = await startSmtpRecorder();
    test = await startMailingApp(recorder, { essex: "pcc@essex.example" });
    base = `/manage/campaigns/${test.campaign}`;
    editor = await WebClient.signedIn(test.base, "editor");
    approver = await WebClient.signedIn(test.base, "approver");
    // Sussex's letter went by post in 2020 (long overdue); Essex's goes by email today.
    for (const recipient of ["sussex", "essex"]) {
      await approver.get(`${base}/letters/${recipient}`);
      expect((await approver.post(`${base}/letters/${recipient}/approve`, {})).status).toBe(303);
    }
    await editor.get(`${base}/letters/sussex`);
    const sent = { "sent-on": "2020-10-13", "sent-via": "post" };
    expect((await editor.post(`${base}/letters/sussex/sent`, sent)).status).toBe(303);
    await editor.get(`${base}/letters/essex`);
    expect((await editor.post(`${base}/letters/essex/send`, {})).status).toBe(303);
    await test.services.runSendWorker({ campaign: test.campaign });
  }, 120_000);

  afterAll(async () => {
    await test?.close();
    await recorder?.close();
  });

  /** Presses "Draft chasers" (as of `asOf`, or today) and reads the flash of the page it leads to. */
  async function draftChasers(asOf = ""): Promise<string | undefined> {
    await editor.get(`${base}/chasers`);
    const drafted = await editor.post(`${base}/chasers`, { "as-of": asOf });
    expect(drafted.status).toBe(303);
    const page = await editor.get(drafted.headers.get("location") ?? "");
    return /govuk-notification-banner__heading">\s*([^<]*?)\s*</.exec(page.text)?.[1];
  }

  it("checks, previews and saves the chaser in the browser", async () => {
    const page = await editor.get(`${base}/chaser-template`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("I wrote to you on ((original date))");
    expect(page.text).toContain("<code>((reply by))</code>");
    const bad = "Please reply by ((reply by)) about ((nonsense)).";
    const checked = await editor.post(`${base}/chaser-template/check`, { source: bad, recipient: "sussex" });
    expect(checked.status).toBe(400);
    expect(checked.text).toContain("chaser.md, line 1: the placeholder ((nonsense)) matches no column");
    const source =
      "We have not yet received ((outstanding items)), which we asked for on ((original date)).\n\nPlease reply by ((reply by)).\n";
    const preview = await editor.post(`${base}/chaser-template/preview`, { source, recipient: "sussex" });
    expect(preview.status).toBe(200);
    // Sussex's real letter: sent 13 October 2020, every item still outstanding.
    expect(preview.text).toContain(
      "We have not yet received Problem Profile or Strategic Needs Assessment, Response Strategy and Updates on progress on delivery, which we asked for on 13 October 2020.",
    );
    expect((await editor.post(`${base}/chaser-template`, { source, recipient: "sussex" })).status).toBe(303);
    expect((await editor.get(`${base}/chaser-template`)).text).toContain(
      "We have not yet received ((outstanding items))",
    );
  });

  it("drafts one for the overdue letter, and records it sent by post with its own due date", async () => {
    expect(await draftChasers()).toBe("1 chaser drafted");
    const chaser = `${base}/chasers/sussex`;
    const replyBy = addWorkingDays({ from: day, workingDays: 10, nation: "england" }).due;
    // Drafted from the chaser saved above, asking for a reply within the interval (10 working days).
    const preview = await approver.get(`${chaser}/preview.html`);
    const printed = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(
      new Date(`${replyBy}T00:00:00Z`),
    );
    expect(preview.text).toContain(`Please reply by ${printed}.`);
    await approver.get(chaser);
    expect((await approver.post(`${chaser}/approve`, {})).status).toBe(303);
    await editor.get(chaser);
    const recorded = await editor.post(`${chaser}/sent`, { "sent-on": day, "sent-via": "post" });
    expect(recorded.status).toBe(303);
    const detail = await test.services.letterDetail({
      campaign: test.campaign,
      recipient: "sussex",
      kind: "chaser",
      asOf: day,
    });
    expect(detail.letter).toMatchObject({ state: "sent", sentOn: day, sentVia: "post", dueOn: replyBy });
    // The first letter is untouched: still sent, still overdue.
    const letter = await test.services.letterDetail({
      campaign: test.campaign,
      recipient: "sussex",
      asOf: day,
    });
    expect(letter.letter).toMatchObject({ state: "sent", sentOn: "2020-10-13", overdue: true });
    expect((await editor.get(chaser)).text).toContain(`Chaser sent on`);
  });

  it("drafts no second chaser within the interval, and one after it", async () => {
    expect(await draftChasers()).toBe(
      "No chasers drafted; 1 overdue letter already chased, or with a chaser waiting to be sent",
    );
    // Past both Essex's due date and Sussex's chaser's: one each.
    const essexDue = addWorkingDays({ from: day, workingDays: 20, nation: "england" }).due;
    const later = addWorkingDays({ from: essexDue, workingDays: 1, nation: "england" }).due;
    expect(await draftChasers(later)).toBe("2 chasers drafted");
    // The overdue list is of first letters: the chaser sent, past its own due date, is not one.
    const overdue = await test.services.overdueLetters({ asOf: later });
    expect(overdue.letters.map((letter) => letter.recipient).sort()).toEqual(["essex", "sussex"]);
  });

  it("emails a chaser as an answer to its letter, with the letter's reply address", async () => {
    const chaser = `${base}/chasers/essex`;
    await approver.get(chaser);
    expect((await approver.post(`${chaser}/approve`, {})).status).toBe(303);
    const page = await editor.get(chaser);
    expect(page.text).toMatch(/id="send-email">\s*Send by email\s*</);
    expect((await editor.post(`${chaser}/send`, {})).status).toBe(303);
    await test.services.runSendWorker({ campaign: test.campaign });
    expect(recorder.messages).toHaveLength(2);
    const [letter, reminder] = await Promise.all(
      recorder.messages.map((message) => simpleParser(message.raw)),
    );
    expect(reminder?.inReplyTo).toBe(letter?.messageId);
    expect(reminder?.references).toBe(letter?.messageId);
    expect(reminder?.messageId).not.toBe(letter?.messageId);
    expect(reminder?.replyTo?.text).toBe(letter?.replyTo?.text);
    expect(reminder?.subject).toBe(`Re: ${letter?.subject}`);
    expect(reminder?.text).toContain("We have not yet received");
    const detail = await test.services.letterDetail({
      campaign: test.campaign,
      recipient: "essex",
      kind: "chaser",
      asOf: day,
    });
    expect(detail.letter).toMatchObject({ state: "sent", sentVia: "email" });
  });

  it("never sends a chaser to a body that has replied, and withdraws it with a reason", async () => {
    await test.services.recordReply({
      campaign: test.campaign,
      recipient: "sussex",
      on: day,
      text: "Our reply is attached.",
      files: [],
      items: [],
      actor: "test",
    });
    const chaser = `${base}/chasers/sussex`;
    await approver.get(chaser);
    expect((await approver.post(`${chaser}/approve`, {})).status).toBe(303);
    const page = await editor.get(chaser);
    expect(page.text).toContain("This chaser is not to be sent: the body has replied.");
    expect(page.text).not.toContain('id="send-email"');
    expect(page.text).not.toContain("Record that the chaser was sent");
    const refused = await editor.post(`${chaser}/sent`, { "sent-on": day, "sent-via": "post" });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain("The chaser to sussex is not to be sent: the body has replied");
    const empty = await editor.post(`${chaser}/withdraw`, { reason: "  " });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain("Say why the chaser is withdrawn");
    const withdrawn = await editor.post(`${chaser}/withdraw`, { reason: "They replied on the same day." });
    expect(withdrawn.status).toBe(303);
    const after = await editor.get(chaser);
    expect(after.text).toMatch(/id="withdrawn-reason">They replied on the same day\.</);
    expect(after.text).toContain("Chaser withdrawn: They replied on the same day.");
  });

  it("withdraws a sent letter, which then waits for nothing and is chased no more", async () => {
    const letter = `${base}/letters/nottinghamshire`;
    await editor.get(letter);
    const sent = { "sent-on": "2020-10-13", "sent-via": "hand" };
    await approver.get(letter);
    expect((await approver.post(`${letter}/approve`, {})).status).toBe(303);
    expect((await editor.post(`${letter}/sent`, sent)).status).toBe(303);
    expect(await draftChasers()).toMatch(/^1 chaser drafted/);
    const withdrawn = await editor.post(`${letter}/withdraw`, { reason: "The office was abolished." });
    expect(withdrawn.status).toBe(303);
    const page = await editor.get(letter);
    expect(page.text).toMatch(/id="withdrawn-reason">The office was abolished\.</);
    expect(page.text).not.toContain('id="withdraw"');
    // Its draft chaser went with it, with the letter's reason.
    const chaser = await test.services.letterDetail({
      campaign: test.campaign,
      recipient: "nottinghamshire",
      kind: "chaser",
      asOf: day,
    });
    expect(chaser.letter).toMatchObject({
      state: "withdrawn",
      withdrawnReason: "its letter was withdrawn: The office was abolished.",
    });
    const status = await test.services.campaignStatus({ campaign: test.campaign, asOf: day });
    expect(status.letters.find((row) => row.recipient === "nottinghamshire")).toMatchObject({
      state: "withdrawn",
      overdue: false,
    });
    // A replied letter cannot be withdrawn: the form is not offered, and the route refuses.
    const replied = await editor.post(`${base}/letters/sussex/withdraw`, { reason: "Too late." });
    expect(replied.status).toBe(409);
  });
});
