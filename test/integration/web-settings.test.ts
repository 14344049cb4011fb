import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendLetters } from "../support/publishing-factory.ts";
import { ROLE_EMAILS, startTestApp, WebClient, type TestApp } from "../support/web-app.ts";

// Issue 15: a campaign's title, purpose, requested items, reply window and
// chase interval changed from the browser, audited; bad values named by
// field with nothing changed; a published campaign's public text changed only
// by someone who may publish.

describe("web: a campaign's settings", () => {
  let test: TestApp;
  let editor: WebClient;
  let page = "";
  const campaignRow = async () => {
    const list = await test.services.listCampaigns({ asOf: "2026-12-07" });
    return list.find((campaign) => campaign.id === test.campaign);
  };

  beforeAll(async () => {
    test = await startTestApp("pglite");
    editor = await WebClient.signedIn(test.base, "editor");
    page = `/manage/campaigns/${test.campaign}/settings`;
  }, 120_000);
  afterAll(() => test?.close());

  it("shows campaign.yaml's settings, linked from the board", async () => {
    expect((await editor.get(`/manage/campaigns/${test.campaign}`)).text).toContain(`href="${page}"`);
    const form = await editor.get(page);
    expect(form.status).toBe(200);
    expect(form.text).toContain('value="Violence Reduction Units"');
    expect(form.text).toContain(
      "needs-assessment: Problem Profile or Strategic Needs Assessment\nresponse-strategy: Response Strategy",
    );
    expect(form.text).toContain('value="20 working days"');
  });

  it("names every bad field and changes nothing", async () => {
    await editor.get(page);
    const refused = await editor.post(page, {
      title: " ",
      purpose: "",
      requests: "needs-assessment: Needs assessment\nnot a line",
      replyWithin: "soon",
      chaseEvery: "ten days",
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/[Tt]he title is empty/);
    expect(refused.text).toContain("Line 2: write &quot;id: title&quot;");
    expect(refused.text).not.toContain("Too small");
    expect(refused.text).toContain("Write it as a number of working days, e.g. &quot;20 working days&quot;");
    expect(refused.text).toContain("Write it as a number of working days, e.g. &quot;10 working days&quot;");
    expect((await campaignRow())?.title).toBe("Violence Reduction Units");
  });

  it("saves them into campaign.yaml, keeps its comments, and records the change", async () => {
    await editor.get(page);
    const saved = await editor.post(page, {
      title: "Violence Reduction Units 2020",
      purpose: "To learn how each unit tackles violence.",
      requests: "needs-assessment: Strategic Needs Assessment\nresponse-strategy: Response Strategy",
      replyWithin: "15 working days",
      chaseEvery: "5 working days",
    });
    expect(saved.status).toBe(303);
    expect((await campaignRow())?.title).toBe("Violence Reduction Units 2020");
    const status = await test.services.campaignStatus({ campaign: test.campaign, asOf: "2026-12-07" });
    expect(status.requests).toEqual([
      { id: "needs-assessment", title: "Strategic Needs Assessment" },
      { id: "response-strategy", title: "Response Strategy" },
    ]);
    const sources = await test.services.campaignSettings({ campaign: test.campaign });
    expect(sources).toMatchObject({ replyWithin: "15 working days", chaseEvery: "5 working days" });
    const yaml = readFileSync(
      join(test.services.config.dataDir, "campaigns", test.campaign, "campaign.yaml"),
      "utf8",
    );
    expect(yaml).toContain("# The Independent Anti-Slavery Commissioner's letters");
    expect(yaml).toContain("chase_every: 5 working days");
    const trail = await test.services.auditTrail({ entity: "campaign", entityId: test.campaign });
    const change = trail.filter((entry) => entry.action === "campaign.updated").at(-1);
    expect(change?.actor).toBe(ROLE_EMAILS.editor);
    expect(change?.before).toMatchObject({
      title: "Violence Reduction Units",
      replyWithinDays: 20,
      chaseEveryDays: 10,
    });
    expect(change?.after).toMatchObject({
      title: "Violence Reduction Units 2020",
      replyWithinDays: 15,
      chaseEveryDays: 5,
    });
  });

  it("saves the digest's questions with their kinds, shows them again, and names a bad line", async () => {
    await editor.get(page);
    const { title, purpose, requests, replyWithin, chaseEvery } = await test.services.campaignSettings({
      campaign: test.campaign,
    });
    const form = { title, purpose, requests, replyWithin, chaseEvery };
    const refused = await editor.post(page, {
      ...form,
      questions: "priorities: What are the priorities?\nno question here",
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("Line 2: write &quot;id: question&quot;");
    const wrongKind = await editor.post(page, { ...form, questions: "funding (colour): How much?" });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.text).toContain("Write one of text, yes/no, date, number, money");
    await editor.get(page);
    const saved = await editor.post(page, {
      ...form,
      questions:
        "priorities: What are the strategic priorities?\nfunding (money): How much goes to early intervention?",
    });
    expect(saved.status).toBe(303);
    expect((await test.services.campaignSettings({ campaign: test.campaign })).questions).toBe(
      "priorities: What are the strategic priorities?\nfunding (money): How much goes to early intervention?",
    );
    const digest = await test.services.campaignDigest({ campaign: test.campaign });
    expect(digest.questions.slice(-2)).toEqual([
      { id: "priorities", question: "What are the strategic priorities?", kind: "text", item: null },
      { id: "funding", question: "How much goes to early intervention?", kind: "money", item: null },
    ]);
  });

  it("refuses a save from a form opened before someone else's", async () => {
    const form = await editor.get(page);
    const version = /name="_version" value="([^"]+)"/.exec(form.text)?.[1] ?? "";
    await test.services.saveCampaignSettings({
      campaign: test.campaign,
      settings: {
        ...(await test.services.campaignSettings({ campaign: test.campaign })),
        title: "Changed elsewhere",
      },
      actor: "someone@example.org",
    });
    const stale = await editor.post(page, {
      _version: version,
      title: "Mine",
      purpose: "",
      requests: "",
      replyWithin: "",
      chaseEvery: "",
    });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('value="Changed elsewhere"');
    expect((await campaignRow())?.title).toBe("Changed elsewhere");
  });

  it("keeps a requested item that a sent letter asked for", async () => {
    await sendLetters(test.services, test.campaign, ["essex"]);
    const settings = await test.services.campaignSettings({ campaign: test.campaign });
    await editor.get(page);
    const refused = await editor.post(page, {
      title: settings.title,
      purpose: settings.purpose,
      requests: "needs-assessment: Strategic Needs Assessment",
      replyWithin: settings.replyWithin,
      chaseEvery: settings.chaseEvery,
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(
      "The requested item &quot;response-strategy&quot; was asked for in letters already sent, so it cannot be taken out",
    );
    const status = await test.services.campaignStatus({ campaign: test.campaign, asOf: "2026-12-07" });
    expect(status.requests.map((request) => request.id)).toEqual(["needs-assessment", "response-strategy"]);
  });

  it("lets only someone who may also publish change a published campaign's title", async () => {
    await test.services.setPublication({
      target: { entity: "campaign", campaign: test.campaign },
      published: true,
      actor: ROLE_EMAILS.admin,
    });
    const settings = await test.services.campaignSettings({ campaign: test.campaign });
    const form = { ...settings, title: "A new public title" };
    await editor.get(page);
    const refused = await editor.post(page, {
      title: form.title,
      purpose: form.purpose,
      requests: form.requests,
      replyWithin: form.replyWithin,
      chaseEvery: form.chaseEvery,
    });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain("is published: its title, purpose and requests are on the public site");
    // An admin may both edit and publish.
    const admin = await WebClient.signedIn(test.base, "admin");
    await admin.get(page);
    const allowed = await admin.post(page, {
      title: form.title,
      purpose: form.purpose,
      requests: form.requests,
      replyWithin: form.replyWithin,
      chaseEvery: form.chaseEvery,
    });
    expect(allowed.status).toBe(303);
    expect((await campaignRow())?.title).toBe("A new public title");
  });
});
