import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { today } from "../../src/campaigns/deadlines/iso-date.ts";
import { PREVIEW_CSP } from "../../src/web/manage/letters/files.ts";
import { describeOnEachDatabase } from "../support/databases.ts";
import { startTestApp, WebClient, type TestApp } from "../support/web-app.ts";

// A letter's page over HTTP, on the real app and database: what it shows, its
// files, and the three actions (approve, record sent, record a reply) taken by
// the roles allowed to, refused for the others, and refused with the error
// against its field on bad input. The steps build on each other, in order:
// essex's letter is approved, sent, then answered. One approval only, as
// rendering its PDF is the slow part.

const SCRIPT = "<script>alert(1)</script>";
const REPLY_BYTES = Buffer.from("%PDF-1.7\nA reply from Essex, with bytes \u00e9 \u0000 kept as sent\n");

describeOnEachDatabase("web: a letter's page", (kind) => {
  let test: TestApp;
  let viewer: WebClient;
  let editor: WebClient;
  let approver: WebClient;
  const letter = (recipient: string) => `/manage/campaigns/${test.campaign}/letters/${recipient}`;
  const stateOf = async (recipient: string) => {
    const status = await test.services.campaignStatus({ campaign: test.campaign, asOf: today() });
    return status.letters.find((row) => row.recipient === recipient);
  };

  beforeAll(async () => {
    test = await startTestApp(kind, {
      // A recipient whose name is markup: it must reach every page as text.
      editCampaign(dir) {
        const file = join(dir, "recipients.csv");
        writeFileSync(file, readFileSync(file, "utf8").replace("Paddy Tipping", SCRIPT));
      },
    });
    viewer = await WebClient.signedIn(test.base, "viewer");
    editor = await WebClient.signedIn(test.base, "editor");
    approver = await WebClient.signedIn(test.base, "approver");
  });
  afterAll(async () => {
    await test?.close();
  });

  it("shows the recipient's name and the letter in a sandboxed frame", async () => {
    const page = await viewer.get(letter("essex"));
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1 class="govuk-heading-l">Roger Hirst</h1>');
    expect(page.text).toContain(
      `<iframe sandbox="" src="${letter("essex")}/preview.html" title="Preview of the letter to Roger Hirst"`,
    );
    expect(page.text).toContain(`href="${letter("essex")}/letter.pdf"`);
    expect(page.text).toContain("Letter drafted (version 1)");
    // A viewer is shown no action it could not take.
    expect(page.text).not.toContain("Approve this letter");
    expect((await viewer.get(letter("nobody"))).status).toBe(404);
  });

  it("serves the letter's own HTML for the frame, under a CSP that allows only its inline style", async () => {
    const preview = await viewer.get(`${letter("essex")}/preview.html`);
    expect(preview.status).toBe(200);
    expect(preview.headers.get("content-type")).toMatch(/^text\/html/);
    expect(preview.headers.get("content-security-policy")).toBe(PREVIEW_CSP);
    expect(preview.text).toContain("Dear Roger,");
    expect(preview.text).toContain("Kelvedon Park");
  });

  it("downloads the letter as PDF and DOCX attachments", async () => {
    const pdf = await viewer.getBytes(`${letter("essex")}/letter.pdf`);
    expect(pdf.response.status).toBe(200);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="vru-2020-essex\.pdf"/,
    );
    const docx = await viewer.getBytes(`${letter("essex")}/letter.docx`);
    expect(docx.bytes.subarray(0, 2).toString()).toBe("PK");
    expect(docx.response.headers.get("content-disposition")).toMatch(/filename="vru-2020-essex\.docx"/);
  });

  it("refuses approval to a viewer and an editor, and changes nothing", async () => {
    for (const client of [viewer, editor]) {
      await client.get(letter("essex"));
      const refused = await client.post(`${letter("essex")}/approve`, {});
      expect(refused.status).toBe(403);
    }
    expect((await stateOf("essex"))?.state).toBe("draft");
  });

  it("approves as an approver: 303, a flash, the state and the audit trail", async () => {
    const page = await approver.get(letter("essex"));
    expect(page.text).toContain("Approve this letter");
    const approved = await approver.post(`${letter("essex")}/approve`, {});
    expect(approved.status).toBe(303);
    expect(approved.headers.get("location")).toBe(letter("essex"));
    const next = await approver.get(letter("essex"));
    expect(next.text).toContain("Letter approved");
    expect(next.text).toContain("govuk-notification-banner--success");
    expect((await stateOf("essex"))?.state).toBe("approved");
    expect(next.text).toMatch(
      /approver@example\.org<\/td>\s*<td class="govuk-table__cell">Letter approved \(version 1\)/,
    );
    // Shown once: the flash is gone on the page after.
    expect((await approver.get(letter("essex"))).text).not.toContain("Letter approved<");
  });

  it("refuses a bad sent date with the error against its field, and saves nothing", async () => {
    await editor.get(letter("essex"));
    const bad = await editor.post(`${letter("essex")}/sent`, { "sent-on": "13/10/2020", "sent-via": "post" });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("There is a problem");
    expect(bad.text).toContain('href="#sent-on"');
    expect(bad.text).toContain("Enter the date the letter was sent as year-month-day");
    expect(bad.text).toContain('value="13/10/2020"');
    const noVia = await editor.post(`${letter("essex")}/sent`, { "sent-on": "2020-10-13" });
    expect(noVia.status).toBe(400);
    expect(noVia.text).toContain('href="#sent-via"');
    expect((await stateOf("essex"))?.state).toBe("approved");
  });

  it("records the letter as sent", async () => {
    const sent = await editor.post(`${letter("essex")}/sent`, {
      "sent-on": "2020-10-13",
      "sent-via": "post",
    });
    expect(sent.status).toBe(303);
    const page = await editor.get(letter("essex"));
    expect(page.text).toContain("Letter recorded as sent");
    expect(page.text).toContain("13 October 2020 by post");
    expect(page.text).toMatch(/govuk-tag--red">(Very overdue|Overdue)</);
    expect(await stateOf("essex")).toMatchObject({ state: "sent", sent: "2020-10-13" });
  });

  it("refuses a reply to a letter not sent (409) and a bad web address (400), saving nothing", async () => {
    await editor.get(letter("sussex"));
    const draft = await editor.post(`${letter("sussex")}/reply`, {
      "received-on": "2020-10-20",
      channel: "email",
    });
    expect(draft.status).toBe(409);
    expect(draft.text).toContain('href="#actions"');
    expect(draft.text).toContain("is draft, so it cannot become replied");
    await editor.get(letter("essex"));
    const badUrl = await editor.post(`${letter("essex")}/reply`, {
      "received-on": "2020-10-20",
      channel: "email",
      "item-1-id": "response-strategy",
      "item-1": "public",
      "url-1": "not a web address",
      files: new File([REPLY_BYTES], "reply.pdf", { type: "application/pdf" }),
    });
    expect(badUrl.status).toBe(400);
    expect(badUrl.text).toContain('href="#url-1"');
    expect((await stateOf("essex"))?.state).toBe("sent");
  });

  it("records a reply with a file and an item's state: the board shows them, the file comes back whole", async () => {
    await editor.get(letter("essex"));
    const recorded = await editor.post(`${letter("essex")}/reply`, {
      "received-on": "2020-10-20",
      channel: "email",
      sender: "Office of the PFCC",
      text: "Please find our assessment attached.\nRegards",
      "item-0-id": "needs-assessment",
      "item-0": "received",
      "item-1-id": "response-strategy",
      "item-1": "",
      files: new File([REPLY_BYTES], "assessment.pdf", { type: "application/pdf" }),
    });
    expect(recorded.status).toBe(303);
    const page = await editor.get(letter("essex"));
    expect(page.text).toContain("Reply recorded");
    expect(page.text).toContain("Reply received on 20 October 2020");
    expect(page.text).toContain("Please find our assessment attached.<br>Regards");
    const status = await stateOf("essex");
    expect(status?.state).toBe("replied");
    expect(status?.items.find((item) => item.id === "needs-assessment")?.state).toBe("received");
    expect(status?.items.find((item) => item.id === "response-strategy")?.state).toBe("requested");

    const board = await editor.get(`/manage/campaigns/${test.campaign}`);
    const row = board.text.slice(
      board.text.indexOf("Roger Hirst"),
      board.text.indexOf("</tr>", board.text.indexOf("Roger Hirst")),
    );
    expect(row).toContain(">replied<");
    expect(row).toContain(">received<");
    expect(board.text).toContain("20 October 2020");

    const href = /href="([^"]+\/files\/[0-9a-f]{64})">assessment\.pdf</.exec(page.text)?.[1];
    expect(href).toBeDefined();
    const file = await viewer.getBytes(href!);
    expect(file.response.status).toBe(200);
    expect(file.response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="assessment\.pdf"/,
    );
    expect(Buffer.compare(file.bytes, REPLY_BYTES)).toBe(0);
    // The same hash under another letter's address is not that letter's file.
    const elsewhere = href!.replace("/letters/essex/", "/letters/sussex/");
    expect((await viewer.get(elsewhere)).status).toBe(404);
  });

  it("shows a recipient's name that holds markup as text, on the letter's page and the board", async () => {
    const page = await viewer.get(letter("nottinghamshire"));
    expect(page.status).toBe(200);
    expect(page.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page.text).not.toContain(SCRIPT);
    const board = await viewer.get(`/manage/campaigns/${test.campaign}`);
    expect(board.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(board.text).not.toContain(SCRIPT);
    const preview = await viewer.get(`${letter("nottinghamshire")}/preview.html`);
    expect(preview.text).not.toContain(SCRIPT);
  });
});
