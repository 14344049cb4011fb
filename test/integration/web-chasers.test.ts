import { afterAll, beforeAll, expect, it } from "vitest";
import { today } from "../../src/campaigns/deadlines/iso-date.ts";
import { describeOnEachDatabase } from "../support/databases.ts";
import { startTestApp, WebClient, type TestApp } from "../support/web-app.ts";

// The chasers page over HTTP: a letter sent on the campaign's date in 2020 is
// long overdue, so drafting chasers makes one for it, which an approver then
// approves. Two PDFs are rendered in all (the letter's and the chaser's).

describeOnEachDatabase("web: chasers", (kind) => {
  let test: TestApp;
  let viewer: WebClient;
  let editor: WebClient;
  let approver: WebClient;
  let chasers = "";
  const chaserOf = async (recipient: string) =>
    (await test.services.listChasers({ campaign: test.campaign })).find(
      (chaser) => chaser.recipient === recipient,
    );

  beforeAll(async () => {
    test = await startTestApp(kind);
    chasers = `/manage/campaigns/${test.campaign}/chasers`;
    viewer = await WebClient.signedIn(test.base, "viewer");
    editor = await WebClient.signedIn(test.base, "editor");
    approver = await WebClient.signedIn(test.base, "approver");
    // Sussex's letter goes out on the campaign's date through the pages, as staff would send it.
    const sussex = `/manage/campaigns/${test.campaign}/letters/sussex`;
    await approver.get(sussex);
    expect((await approver.post(`${sussex}/approve`, {})).status).toBe(303);
    await editor.get(sussex);
    const sent = await editor.post(`${sussex}/sent`, { "sent-on": "2020-10-13", "sent-via": "post" });
    expect(sent.status).toBe(303);
  });
  afterAll(async () => {
    await test?.close();
  });

  it("lists the overdue letter, with no chaser yet and no button for a viewer", async () => {
    const page = await viewer.get(chasers);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1 class="govuk-heading-l">Chasers</h1>');
    expect(page.text).toContain("Katy Bourne OBE");
    expect(page.text).toContain("Very overdue");
    expect(page.text).toContain("No chasers yet.");
    expect(page.text).not.toContain("Draft chasers for overdue letters");
    expect((await viewer.post(chasers, {})).status).toBe(403);
    expect(await chaserOf("sussex")).toBeUndefined();
  });

  it("refuses a bad as-of date with the error against its field", async () => {
    await editor.get(chasers);
    const bad = await editor.post(chasers, { "as-of": "1 December 2020" });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#as-of"');
    expect(await chaserOf("sussex")).toBeUndefined();
  });

  it("drafts a chaser for the overdue letter, shown on the page and the letter's page", async () => {
    const drafted = await editor.post(chasers, {});
    expect(drafted.status).toBe(303);
    expect(drafted.headers.get("location")).toBe(chasers);
    const page = await editor.get(chasers);
    expect(page.text).toContain("1 chaser drafted");
    expect(page.text).toContain(`href="${chasers}/sussex"`);
    expect(await chaserOf("sussex")).toMatchObject({ state: "draft", chases: { sentOn: "2020-10-13" } });
    // A second run drafts no second chaser for the same letter.
    await editor.post(chasers, {});
    expect((await editor.get(chasers)).text).toContain("No chasers drafted");
    const letter = await viewer.get(`/manage/campaigns/${test.campaign}/letters/sussex`);
    expect(letter.text).toContain(`href="${chasers}/sussex"`);
  });

  it("shows the chaser with its preview, which says what is outstanding", async () => {
    const page = await viewer.get(`${chasers}/sussex`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1 class="govuk-heading-l">Katy Bourne OBE</h1>');
    expect(page.text).toContain(
      `<iframe sandbox="" src="${chasers}/sussex/preview.html" title="Preview of the chaser to Katy Bourne OBE"`,
    );
    expect(page.text).toContain("Chaser drafted");
    const preview = await viewer.get(`${chasers}/sussex/preview.html`);
    expect(preview.text).toContain("I wrote to you on 13 October 2020");
    expect((await viewer.get(`${chasers}/essex`)).status).toBe(404);
  });

  it("approves the chaser as an approver, and refuses an editor", async () => {
    await editor.get(`${chasers}/sussex`);
    expect((await editor.post(`${chasers}/sussex/approve`, {})).status).toBe(403);
    expect((await chaserOf("sussex"))?.state).toBe("draft");

    const page = await approver.get(`${chasers}/sussex`);
    expect(page.text).toContain("Approve this chaser");
    const approved = await approver.post(`${chasers}/sussex/approve`, {});
    expect(approved.status).toBe(303);
    expect(approved.headers.get("location")).toBe(`${chasers}/sussex`);
    const next = await approver.get(`${chasers}/sussex`);
    expect(next.text).toContain("Chaser approved");
    expect(next.text).toMatch(/approver@example\.org<\/td>\s*<td class="govuk-table__cell">Chaser approved/);
    expect((await chaserOf("sussex"))?.state).toBe("approved");
    // The first letter is untouched: still sent, still overdue.
    const status = await test.services.campaignStatus({ campaign: test.campaign, asOf: today() });
    expect(status.letters.find((letter) => letter.recipient === "sussex")).toMatchObject({
      state: "sent",
      overdue: true,
    });
    const pdf = await viewer.getBytes(`${chasers}/sussex/letter.pdf`);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.response.headers.get("content-disposition")).toMatch(
      /filename="vru-2020-sussex-chaser-\d+\.pdf"/,
    );

    // Approving it again is an illegal change, shown on the page.
    await approver.get(`${chasers}/sussex`);
    const again = await approver.post(`${chasers}/sussex/approve`, {});
    expect(again.status).toBe(409);
    expect(again.text).toContain('href="#actions"');
    expect(again.text).toContain("is approved, so it cannot become approved");
  });
});
