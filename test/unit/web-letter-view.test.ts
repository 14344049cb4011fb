import { describe, expect, it } from "vitest";
import type { AuditTrailEntry } from "../../src/campaigns/queries/audit-trail.ts";
import type { CampaignStatus } from "../../src/campaigns/records/campaign-status.ts";
import { PostbagError } from "../../src/errors.ts";
import { chasersView } from "../../src/web/manage/chasers/chasers-view.ts";
import { actionErrors } from "../../src/web/manage/letters/action-errors.ts";
import { auditRows, dateTime } from "../../src/web/manage/letters/audit-view.ts";
import { attachment } from "../../src/web/manage/letters/files.ts";
import { letterView, nextSteps } from "../../src/web/manage/letters/letter-view.ts";
import { letterPath } from "../../src/web/manage/paths.ts";
import type { LetterDetail } from "../../src/campaigns/queries/letter-detail.ts";
import { parseReplyForm } from "../../src/web/manage/letters/reply-form.ts";

// The letter and chaser pages' logic, without a server: what the audit trail
// says, which actions a state allows, how the reply form becomes the use
// case's options, and how a use case's refusal lands on the form.

const entry = (action: string, after: unknown, entityId = "vru/essex"): AuditTrailEntry => ({
  id: 1,
  at: "2020-10-13T09:05:00.000Z",
  actor: "ann@example.org",
  action,
  entity: "letter",
  entityId,
  before: null,
  after,
});

describe("the audit trail as read", () => {
  it("says what happened in words, with the item's title, and the time in UTC", () => {
    const rows = auditRows(
      [
        entry("letter.approved", { version: 2 }),
        entry("letter.sent", { sentOn: "2020-10-13", sentVia: "post" }),
        entry("item.updated", { state: "not-held", publicUrl: null }, "vru/essex/strategy"),
        entry("something.new", {}),
      ],
      new Map([["strategy", "Response Strategy"]]),
    );
    expect(rows.map((row) => row.what)).toEqual([
      "Letter approved (version 2)",
      "Letter sent on 13 October 2020 by post",
      "Response Strategy: not held",
      "something.new",
    ]);
    expect(rows[0]).toMatchObject({ when: "13 October 2020, 09:05 UTC", who: "ann@example.org" });
    expect(dateTime(null)).toBe("");
  });
});

describe("a letter's next steps and addresses", () => {
  it("offers approval to drafts, sending to approved letters, replies to sent ones, withdrawal until a reply", () => {
    expect(nextSteps("draft")).toEqual({ approve: true, send: false, reply: false, withdraw: true });
    expect(nextSteps("approved")).toEqual({ approve: false, send: true, reply: false, withdraw: true });
    expect(nextSteps("sent")).toEqual({ approve: false, send: false, reply: true, withdraw: true });
    expect(nextSteps("returned")).toEqual({ approve: false, send: true, reply: false, withdraw: true });
    expect(nextSteps("replied")).toEqual({ approve: false, send: false, reply: true, withdraw: false });
    expect(nextSteps("closed")).toEqual({ approve: false, send: false, reply: false, withdraw: false });
    expect(nextSteps("withdrawn")).toEqual({ approve: false, send: false, reply: false, withdraw: false });
  });

  it("encodes the campaign and recipient in addresses", () => {
    expect(letterPath("vru 2020", "a/b")).toBe("/manage/campaigns/vru%202020/letters/a%2Fb");
    expect(letterPath("vru", "essex", "chaser")).toBe("/manage/campaigns/vru/chasers/essex");
  });

  it("names a download safely whatever the file was called", () => {
    expect(attachment('r\u00e9ply "1".pdf')).toBe(
      "attachment; filename=\"r_ply _1_.pdf\"; filename*=UTF-8''r%C3%A9ply%20%221%22.pdf",
    );
  });
});

describe("the reply form", () => {
  const titles = new Map([["strategy", "Response Strategy"]]);

  it("lists every problem against its field", () => {
    const form = parseReplyForm(
      { "received-on": "20/10/2020", "item-0-id": "strategy", "item-0": "public" },
      1,
      titles,
    );
    expect(form.errors).toEqual([
      {
        field: "received-on",
        message: "Enter the date the reply was received as year-month-day, for example 2026-11-23",
      },
      { field: "channel", message: "Choose how the reply came" },
      { field: "url-0", message: "Enter the web address where Response Strategy is published" },
    ]);
  });

  it("gives the use case its items (unchanged ones left out) and files by name only", () => {
    const form = parseReplyForm(
      {
        "received-on": "2020-10-20",
        channel: "portal",
        "item-0-id": "strategy",
        "item-0": "public",
        "url-0": "https://example.org/s",
        "item-1-id": "assessment",
        "item-1": "",
        files: [
          { fileName: "C:\\Users\\ed\\reply.pdf", mediaType: "application/pdf", bytes: Buffer.from("x") },
        ],
      },
      2,
      titles,
    );
    expect(form.errors).toEqual([]);
    expect(form.reply).toMatchObject({
      on: "2020-10-20",
      channel: "portal",
      items: [{ itemId: "strategy", state: "public", publicUrl: "https://example.org/s" }],
      files: [{ name: "reply.pdf" }],
    });
  });
});

describe("a use case's refusal on the page", () => {
  it("puts an illegal change at the actions (409) and a bad value at its field (400)", () => {
    const illegal = actionErrors(new PostbagError("invalid_transition", "the letter is sent"), {}, "actions");
    expect(illegal).toMatchObject({
      status: 409,
      errors: { list: [{ href: "#actions", text: "The letter is sent" }] },
    });
    const bad = actionErrors(
      new PostbagError("bad_input", "not a date", { field: "on" }),
      { on: "sent-on" },
      "actions",
    );
    expect(bad).toMatchObject({ status: 400, errors: { byField: { "sent-on": { text: "Not a date" } } } });
  });

  it("leaves a wrong address and failures to the error pages", () => {
    expect(
      actionErrors(new PostbagError("not_found", "no", { field: "recipient" }), {}, "actions"),
    ).toBeNull();
    expect(actionErrors(new PostbagError("forbidden", "no"), {}, "actions")).toBeNull();
    expect(actionErrors(new Error("boom"), {}, "actions")).toBeNull();
  });
});

describe("the chasers page", () => {
  it("lists overdue letters, saying which already have a chaser", () => {
    const status = {
      campaign: "vru",
      letters: [
        {
          recipient: "essex",
          name: "Roger",
          sent: "2020-10-13",
          due: "2020-11-10",
          overdue: true,
          veryOverdue: false,
        },
        {
          recipient: "kent",
          name: "Kim",
          sent: "2020-10-13",
          due: "2020-11-10",
          overdue: true,
          veryOverdue: true,
        },
        { recipient: "ayr", name: "Al", sent: null, due: null, overdue: false, veryOverdue: false },
      ],
    } as unknown as CampaignStatus;
    const chaser = {
      id: 9,
      recipient: "kent",
      name: "Kim",
      state: "draft",
      createdAt: new Date("2020-12-01T10:00:00Z"),
      chases: { sentOn: "2020-10-13", dueOn: "2020-11-10", state: "sent" },
    };
    const view = chasersView(status, [chaser]);
    expect(view.overdue.map((row) => [row.name, row.overdue, row.chased])).toEqual([
      ["Roger", "Overdue", false],
      ["Kim", "Very overdue", true],
    ]);
    expect(view.chasers[0]).toMatchObject({
      href: "/manage/campaigns/vru/chasers/kent",
      tag: { text: "draft" },
    });
  });
});

/** A letter's detail as the page reads it: approved, to Essex, not sent yet. */
function letterDetailWith(changes: {
  state?: string;
  email?: string;
  sends?: LetterDetail["sends"];
}): LetterDetail {
  return {
    campaign: { id: "vru", title: "Violence Reduction Units" },
    recipient: {
      key: "essex",
      fields: { name: "Roger Hirst", email: changes.email ?? "pcc@essex.example" },
      nation: "england",
      organisation: "Essex Police, Fire and Crime Commissioner",
    },
    letter: {
      id: 7,
      kind: "letter",
      parentLetterId: null,
      state: changes.state ?? "approved",
      sentOn: null,
      sentVia: null,
      dueOn: null,
      veryDueOn: null,
      overdue: false,
      veryOverdue: false,
      lockVersion: 1,
      currentVersion: 1,
      withdrawnReason: null,
      notToSend: null,
    },
    versions: [],
    content: null,
    items: [],
    replies: [],
    sends: changes.sends ?? [],
    chasers: [],
  };
}

describe("a reply's scanned files on the letter's page", () => {
  it("says how surely OCR read a scan, and that a picture had no words rather than 0% confidence", () => {
    const file = (ocr: { pages: number; confidence: number; words: number } | null) => ({
      name: "scan.pdf",
      hash: "ab".repeat(32),
      size: 2048,
      mediaType: "application/pdf",
      problems: [],
      ocr,
    });
    const detail = letterDetailWith({ state: "replied" });
    detail.replies = [
      {
        id: 1,
        receivedOn: "2026-12-05",
        channel: "post",
        sender: "",
        text: "",
        files: [
          file({ pages: 2, confidence: 89, words: 412 }),
          file({ pages: 1, confidence: 0, words: 0 }),
          file(null),
        ],
      },
    ];
    const [scan, photo, typed] = letterView(detail, []).replies[0]!.files;
    expect(scan?.scanned).toBe("Scanned: 2 pages read by OCR, 89% confidence");
    expect(photo?.scanned).toBe("Scanned: 1 page read by OCR, no words found");
    expect(typed?.scanned).toBeNull();
  });
});

const send = (state: string, reason: string | null, to = "pcc@essex.example") => ({
  channel: "email",
  to,
  state,
  reason,
  queuedAt: new Date("2026-11-23T09:00:00Z"),
  sentAt: state === "sent" ? new Date("2026-11-23T09:01:00Z") : null,
});

describe("sending a letter from its page (issue 15)", () => {
  it("offers email only where it can work, and says why not elsewhere", () => {
    expect(letterView(letterDetailWith({}), [], { emailSetUp: true }).email).toEqual({ can: true, why: "" });
    expect(letterView(letterDetailWith({}), []).email.why).toMatch(/^Email is not set up on this server/);
    expect(letterView(letterDetailWith({ email: " " }), [], { emailSetUp: true }).email.why).toMatch(
      /has no email address/,
    );
    const queued = letterDetailWith({ sends: [send("queued", null)] });
    expect(letterView(queued, [], { emailSetUp: true }).email).toEqual({
      can: false,
      why: "The letter is on its way by email.",
    });
  });

  it("shows a send that failed at the top, with its reason, while the letter waits to be sent", () => {
    const fault = "the mail server does not offer STARTTLS (POSTBAG_SMTP_SECURITY=starttls): 500 Error";
    const view = letterView(letterDetailWith({ sends: [send("failed", fault)] }), [], { emailSetUp: true });
    expect(view.sendProblem).toEqual({ title: "The letter was not sent", reason: fault });
    expect(view.sends).toEqual([
      {
        channel: "Email",
        to: "pcc@essex.example",
        state: "Not sent",
        when: "23 November 2026, 09:00 UTC",
        reason: fault,
      },
    ]);
    expect(view.email.can).toBe(true);
  });

  it("shows a returned letter's refusal and keeps it in the history once sent again", () => {
    const refused = send("returned", "550 5.1.1 no such mailbox here", "refuses@essex.example");
    const returned = letterView(letterDetailWith({ state: "returned", sends: [refused] }), [], {
      emailSetUp: true,
    });
    expect(returned.sendProblem).toEqual({
      title: "The letter came back undelivered",
      reason: "550 5.1.1 no such mailbox here",
    });
    const again = letterView(letterDetailWith({ state: "sent", sends: [refused, send("sent", null)] }), []);
    expect(again.sendProblem).toBeNull();
    expect(again.sends.map((row) => [row.state, row.to])).toEqual([
      ["Returned undelivered", "refuses@essex.example"],
      ["Sent", "pcc@essex.example"],
    ]);
  });
});
