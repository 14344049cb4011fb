import { afterAll, beforeAll, expect, it } from "vitest";
import { today } from "../../src/campaigns/deadlines/iso-date.ts";
import { describeOnEachDatabase } from "../support/databases.ts";
import { ROLE_EMAILS, startTestApp, WebClient, type TestApp } from "../support/web-app.ts";

// Confirming what a reply answers, over HTTP: essex's letter is approved,
// sent and answered with a reply naming the Strategic Needs Assessment; the
// letter's page suggests that item with its reason, an editor confirms it,
// a viewer may not, and confirming it twice is refused. One approval only.

const TITLE = "Problem Profile or Strategic Needs Assessment";

/** The page's text as a browser shows it (Nunjucks escapes quotes in the reason). */
const unescape = (html: string) =>
  html
    .replace(/&quot;|&#34;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

describeOnEachDatabase("web: confirming a reply's suggested items", (kind) => {
  let test: TestApp;
  let viewer: WebClient;
  let editor: WebClient;
  let reply = 0;
  const letter = () => `/manage/campaigns/${test.campaign}/letters/essex`;
  const itemState = async (item: string) => {
    const status = await test.services.campaignStatus({ campaign: test.campaign, asOf: today() });
    const row = status.letters.find((found) => found.recipient === "essex");
    return row?.items.find((found) => found.id === item)?.state;
  };

  beforeAll(async () => {
    test = await startTestApp(kind);
    const { campaign } = test;
    await test.services.approveLetters({ campaign, recipient: "essex", by: ROLE_EMAILS.approver });
    await test.services.recordSent({
      campaign,
      recipient: "essex",
      on: "2020-10-13",
      via: "post",
      actor: "t",
    });
    ({ reply } = await test.services.recordReply({
      campaign,
      recipient: "essex",
      on: "2020-11-02",
      text: "Please find our Strategic Needs Assessment for 2020.",
      files: [],
      items: [],
      actor: "t",
    }));
    viewer = await WebClient.signedIn(test.base, "viewer");
    editor = await WebClient.signedIn(test.base, "editor");
  });
  afterAll(async () => {
    await test?.close();
  });

  it("shows each suggestion and why; only writers get the buttons", async () => {
    const page = await editor.get(letter());
    expect(page.status).toBe(200);
    const text = unescape(page.text);
    expect(text).toContain("Postbag suggests this reply answers");
    expect(text).toContain(`<strong>${TITLE}</strong>`);
    // The reason, as the use case gives it (it quotes the reply's sentence).
    const [suggestion] = await test.services.replySuggestions({ reply });
    expect(suggestion).toMatchObject({ itemId: "needs-assessment", title: TITLE });
    expect(suggestion?.because).toContain("Please find our Strategic Needs Assessment for 2020.");
    expect(text).toContain(`<strong>${TITLE}</strong>: ${suggestion?.because}</p>`);
    expect(text).toContain(`Mark ${TITLE} as received`);
    expect(page.text).toContain(`action="${letter()}/items"`);
    const seen = unescape((await viewer.get(letter())).text);
    expect(seen).toContain(`<strong>${TITLE}</strong>`);
    expect(seen).not.toContain(`Mark ${TITLE} as received`);
  });

  it("refuses a viewer with 403 and changes nothing", async () => {
    const refused = await viewer.post(`${letter()}/items`, { item: "needs-assessment", state: "received" });
    expect(refused.status).toBe(403);
    expect(await itemState("needs-assessment")).toBe("requested");
  });

  it("refuses a state the form does not offer with 400", async () => {
    await editor.get(letter());
    const bad = await editor.post(`${letter()}/items`, { item: "needs-assessment", state: "requested" });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#replies"');
    expect(await itemState("needs-assessment")).toBe("requested");
  });

  it("marks the item received, audited, with a flash on the next page", async () => {
    await editor.get(letter());
    const done = await editor.post(`${letter()}/items`, { item: "needs-assessment", state: "received" });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(letter());
    const next = await editor.get(letter());
    expect(next.text).toContain(`${TITLE} marked received`);
    expect(next.text).not.toContain(`Mark ${TITLE} as received`);
    expect(await itemState("needs-assessment")).toBe("received");
    const audit = await test.services.auditTrailForLetter({ campaign: test.campaign, recipient: "essex" });
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: "item.updated",
        actor: ROLE_EMAILS.editor,
        entityId: `${test.campaign}/essex/needs-assessment`,
        before: { state: "requested", publicUrl: null },
        after: { state: "received", publicUrl: null },
      }),
    );
  });

  it("refuses received → received and received → not held with 409 and an error summary", async () => {
    const before = (await test.services.auditTrailForLetter({ campaign: test.campaign, recipient: "essex" }))
      .length;
    for (const state of ["received", "not-held"]) {
      await editor.get(letter());
      const again = await editor.post(`${letter()}/items`, { item: "needs-assessment", state });
      expect(again.status).toBe(409);
      expect(again.text).toContain("govuk-error-summary");
      expect(again.text).toContain('href="#replies"');
      expect(again.text).toMatch(/is (already received|received, so it cannot become not-held)/);
    }
    const after = await test.services.auditTrailForLetter({ campaign: test.campaign, recipient: "essex" });
    expect(after).toHaveLength(before);
    expect(await itemState("needs-assessment")).toBe("received");
  });
});
