import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendLetters } from "../support/publishing-factory.ts";
import { startTestApp, WebClient, type TestApp } from "../support/web-app.ts";

// Issue 15: an item set from the letter's page with no reply at all (the
// strategy is already public at a web address), with a note for staff that
// stays in the letter's history. Before, it needed a made-up reply, which
// then showed on the public site as the body's answer.

const NOTE = "Found on their website by Ann; not sent to us";

describe("web: an item changed without a reply", () => {
  let test: TestApp;
  let editor: WebClient;
  let page: string;

  beforeAll(async () => {
    test = await startTestApp("pglite");
    await sendLetters(test.services, test.campaign, ["essex"]);
    editor = await WebClient.signedIn(test.base, "editor");
    page = `/manage/campaigns/${test.campaign}/letters/essex`;
  }, 120_000);
  afterAll(() => test?.close());

  it("offers the form to those who may write, not to viewers", async () => {
    expect((await editor.get(page)).text).toContain("Change an item without a reply");
    const viewer = await WebClient.signedIn(test.base, "viewer");
    expect((await viewer.get(page)).text).not.toContain("Change an item without a reply");
  });

  it("is reached from the board: each item's change link opens the form with that item chosen", async () => {
    const board = await editor.get(`/manage/campaigns/${test.campaign}`);
    const href = `${page}?item=response-strategy#change-item-form`;
    expect(board.text).toContain(
      `href="${href}">Change<span class="govuk-visually-hidden"> Response Strategy for Roger Hirst</span>`,
    );
    const opened = await editor.get(href.replace(/#.*/, ""));
    expect(opened.text).toMatch(/<details id="change-item-form" class="govuk-details" open>/);
    expect(opened.text).toMatch(/<option value="response-strategy" selected>Response Strategy<\/option>/);
    const viewer = await WebClient.signedIn(test.base, "viewer");
    expect((await viewer.get(`/manage/campaigns/${test.campaign}`)).text).not.toContain("change-item-form");
  });

  it("refuses already public without its web address, naming the field", async () => {
    await editor.get(page);
    const refused = await editor.post(`${page}/items`, {
      form: "direct",
      item: "response-strategy",
      state: "public",
      url: "",
      note: NOTE,
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('href="#change-url"');
    expect(refused.text).toContain("A public item needs its web address");
    // The form comes back as it was filled in, open.
    expect(refused.text).toMatch(/<option value="response-strategy" selected>/);
    expect(refused.text).toMatch(/name="state" type="radio" value="public" checked/);
    expect(refused.text).toContain(`>${NOTE}</textarea>`);
    expect(refused.text).toMatch(/<details id="change-item-form"[^>]* open>/);
  });

  it("marks it already public at its address, records no reply, and keeps the note for staff only", async () => {
    await editor.get(page);
    const done = await editor.post(`${page}/items`, {
      form: "direct",
      item: "response-strategy",
      state: "public",
      url: "https://example.org/essex-strategy",
      note: NOTE,
    });
    expect(done.status).toBe(303);
    const detail = await test.services.letterDetail({
      campaign: test.campaign,
      recipient: "essex",
      asOf: "2020-10-20",
    });
    expect(detail.items.find((item) => item.id === "response-strategy")).toMatchObject({
      state: "public",
      publicUrl: "https://example.org/essex-strategy",
    });
    expect(detail.replies).toEqual([]);
    expect(JSON.stringify(detail)).not.toContain(NOTE);
    const trail = await test.services.auditTrailForLetter({ campaign: test.campaign, recipient: "essex" });
    expect(trail.at(-1)).toMatchObject({
      action: "item.updated",
      after: { state: "public", publicUrl: "https://example.org/essex-strategy", note: NOTE },
    });
    const shown = await editor.get(page);
    expect(shown.text).toContain("https://example.org/essex-strategy");
    expect(shown.text).not.toContain("Reply received on");
    // In the letter's history, on this staff page.
    expect(shown.text).toContain(
      `Response Strategy: public (https://example.org/essex-strategy). Note: ${NOTE}`,
    );
  });
});
