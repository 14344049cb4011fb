import { appendFileSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportStaticSite } from "../../src/publishing/static-export.ts";
import { documentsOf, recordReplyTo, sendLetters } from "../support/publishing-factory.ts";
import { tempDir } from "../support/render-cli.ts";
import { ROLE_EMAILS, startTestApp, WebClient, type TestApp } from "../support/web-app.ts";

// Issue 18: the public digest shows only accepted answers quoted from
// published, checked and redacted documents. Three bodies reply; a person
// accepts an answer of each. Then Essex's letter is taken off the site, a
// word of Sussex's funding file is redacted, and South Yorkshire's answer is kept in
// the person's own words: none of those words may reach any public output
// (page, JSON, feeds, search, static export), while Sussex's published
// answer does.

const ACTOR = ROLE_EMAILS.approver;
/** Words only in what must not be public: a redacted passage, an unpublished reply, a person's own words. */
const SECRETS = ["Marmoset", "Quokka", "Wombat"];

describe("the public digest", () => {
  let test: TestApp;
  let campaign = "";
  const services = () => test.services;
  const decide = (recipient: string, question: string, decision = "accept", value?: string) =>
    services().decideAnswer({ campaign, recipient, question, decision, value, actor: ACTOR });
  const get = async (path: string) => {
    const response = await fetch(`${test.base}${path}`);
    return { status: response.status, text: await response.text() };
  };

  beforeAll(async () => {
    test = await startTestApp("pglite", {
      editCampaign: (dir) =>
        appendFileSync(
          join(dir, "campaign.yaml"),
          `\nquestions:\n  - id: early-money\n    question: How much of the funding goes to early intervention?\n    kind: money\n  - id: priorities\n    question: What are the strategic priorities?\n`,
        ),
    });
    campaign = test.campaign;
    await sendLetters(services(), campaign, ["sussex", "essex", "south-yorkshire"]);
    await recordReplyTo(services(), campaign, {
      recipient: "sussex",
      text: "Thank you for your letter.\n\nOur Response Strategy was published on 1 April 2020 and a copy is attached.",
      files: [
        {
          name: "funding.txt",
          bytes: Buffer.from(
            "Funding\n\nWe spend £40,000 of the funding on early intervention through the Marmoset programme for schools.\n",
          ),
        },
      ],
    });
    await recordReplyTo(services(), campaign, {
      recipient: "essex",
      text: "Our Response Strategy was agreed by the Quokka board in March and is enclosed.",
    });
    await recordReplyTo(services(), campaign, {
      recipient: "south-yorkshire",
      text: "Our strategic priorities are knife crime in the night-time economy and youth outreach.",
    });
  }, 120_000);
  afterAll(() => test?.close());

  it("shows only accepted answers quoting public, redacted documents, on every public output", async () => {
    expect((await decide("sussex", "response-strategy")).value).toBe("yes");
    expect((await decide("sussex", "early-money")).value).toBe("40000");
    await decide("essex", "response-strategy");
    await decide("south-yorkshire", "priorities", "edit", "Wombat outreach first");
    await services().setPublication({
      target: { entity: "campaign", campaign },
      published: true,
      actor: ACTOR,
    });
    expect((await get(`/campaigns/${campaign}/digest/`)).status).toBe(404);

    // Redacted after the answer was accepted: the answer's quote is no longer what the public copy says.
    const file = (await documentsOf(services(), campaign, "sussex")).get("funding.txt")!;
    await services().addRedaction({
      campaign,
      document: file.id,
      redaction: { kind: "text", text: "Marmoset" },
      reason: "a supplier's name",
      actor: ACTOR,
    });
    await services().setPublication({
      target: { entity: "letter", campaign, recipient: "essex" },
      published: false,
      actor: ACTOR,
    });
    await services().setPublication({
      target: { entity: "digest", campaign },
      published: true,
      actor: ACTOR,
    });

    const page = await get(`/campaigns/${campaign}/digest/`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("published on 1 April 2020");
    const json = JSON.parse((await get(`/campaigns/${campaign}/digest/index.json`)).text);
    const sussex = json.bodies.find((body: { recipient: string }) => body.recipient === "sussex");
    expect(sussex.answers["response-strategy"]).toMatchObject({ value: "yes" });
    expect(sussex.answers["early-money"]).toBeUndefined();
    expect(json.bodies.map((body: { recipient: string }) => body.recipient)).not.toContain("essex");
    const yorkshire = json.bodies.find((body: { recipient: string }) => body.recipient === "south-yorkshire");
    // The quote is South Yorkshire's published words; the person's own value is not shown.
    expect(yorkshire.answers.priorities).toMatchObject({ value: null });
    expect(yorkshire.answers.priorities.quote).toContain("knife crime");

    const feed = (await get("/feed.atom")).text;
    expect(feed).toContain(`/campaigns/${campaign}/digest/`);
    const outputs = [
      page.text,
      JSON.stringify(json),
      feed,
      (await get(`/campaigns/${campaign}/feed.atom`)).text,
      (await get(`/campaigns/${campaign}/index.json`)).text,
      (await get(`/campaigns/${campaign}/`)).text,
      JSON.stringify(await services().publicCampaigns()),
    ];
    const dir = join(tempDir("postbag-digest-static-"), "site");
    await exportStaticSite({ app: test.app, services: services(), dir });
    const exported = filesUnder(dir);
    expect(exported).toContain(join(dir, "campaigns", campaign, "digest", "index.html"));
    outputs.push(...exported.map((path) => readFileSync(path, "latin1")));
    for (const secret of SECRETS) {
      for (const output of outputs) expect(output).not.toContain(secret);
      expect((await services().searchPublic({ q: secret })).hits).toEqual([]);
    }
  });

  it("is published and taken off by a person who may publish, from the digest page", async () => {
    const viewer = await WebClient.signedIn(test.base, "viewer");
    const staff = await viewer.get(`/manage/campaigns/${campaign}/digest`);
    expect(staff.text).toContain("Published");
    expect(staff.text).not.toContain("Take the digest off the public site");
    const approver = await WebClient.signedIn(test.base, "approver");
    await approver.get(`/manage/campaigns/${campaign}/digest`);
    const off = await approver.post(`/manage/campaigns/${campaign}/digest/unpublish`, {});
    expect(off.status).toBe(303);
    expect((await get(`/campaigns/${campaign}/digest/`)).status).toBe(404);
    expect((await get(`/campaigns/${campaign}/`)).text).not.toContain("What every body said");
    await approver.get(`/manage/campaigns/${campaign}/digest`);
    expect((await approver.post(`/manage/campaigns/${campaign}/digest/publish`, {})).status).toBe(303);
    expect((await get(`/campaigns/${campaign}/`)).text).toContain("What every body said");
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
