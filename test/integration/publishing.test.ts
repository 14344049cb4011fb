import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeOnEachDatabase } from "../support/databases.ts";
import { documentsOf, recordReplyTo, sendLetters } from "../support/publishing-factory.ts";
import { ROLE_EMAILS, startTestApp, type TestApp } from "../support/web-app.ts";

// The publishing use cases on a real database: nothing is public until a
// person publishes it; a document with findings is held back until they are
// resolved; redaction changes what the public and search see; unpublishing
// takes a letter, its replies and documents off at once; all of it audited.

const ACTOR = ROLE_EMAILS.approver;

describeOnEachDatabase("publishing", (kind) => {
  let test: TestApp;
  let campaign = "";
  const services = () => test.services;
  const publicText = async () => JSON.stringify(await services().publicCampaigns());
  const search = async (q: string) => (await services().searchPublic({ q })).hits.map((hit) => hit.url);
  const publish = (
    target: Parameters<TestApp["services"]["setPublication"]>[0]["target"],
    published = true,
  ) => services().setPublication({ target, published, actor: ACTOR });

  beforeAll(async () => {
    test = await startTestApp(kind);
    campaign = test.campaign;
    await sendLetters(services(), campaign, ["sussex", "essex"]);
    await recordReplyTo(services(), campaign, {
      recipient: "sussex",
      text: "Our profile of violence reduction is attached. Zanzibarian wording appears only here.",
      files: [
        {
          name: "contact.txt",
          bytes: Buffer.from("For questions call Jo on 07700 900123 about the strategies.\n"),
        },
      ],
      items: [{ itemId: "needs-assessment", state: "received" }],
    });
  }, 120_000);
  afterAll(() => test?.close());

  it("shows nothing at all before anyone publishes", async () => {
    expect(await services().publicCampaigns()).toEqual([]);
    expect(await services().publicCampaign({ campaign })).toBeNull();
    expect(await search("violence")).toEqual([]);
  });

  it("refuses to publish a letter that was never sent", async () => {
    await expect(publish({ entity: "letter", campaign, recipient: "thames-valley" })).rejects.toMatchObject({
      code: "invalid_transition",
    });
    expect(await services().publicCampaigns()).toEqual([]);
  });

  it("publishes one letter with its campaign page, and nothing of its reply", async () => {
    const change = await publish({ entity: "letter", campaign, recipient: "sussex" });
    expect(change.published.map((item) => item.entity)).toEqual(["campaign", "letter"]);
    const site = await services().publicCampaign({ campaign });
    expect(site?.letters.map((letter) => letter.recipient)).toEqual(["sussex"]);
    expect(site?.letters[0]?.replies).toEqual([]);
    expect(await publicText()).not.toContain("Zanzibarian");
    expect(await search("zanzibarian")).toEqual([]);
    // English stemming: "publishing" finds the letter's "publish".
    expect(await search("publishing")).toContain(`/campaigns/${campaign}/letters/sussex/`);
    expect(await search("essex")).not.toContain(`/campaigns/${campaign}/letters/essex/`);
  });

  it("holds back a document with personal data until a person resolves or redacts it", async () => {
    const docs = await documentsOf(services(), campaign, "sussex");
    const file = docs.get("contact.txt")!;
    expect(file.readiness.ready).toBe(false);
    expect(file.findings.map((finding) => finding.code)).toContain("personal-phone");
    await expect(publish({ entity: "document", campaign, document: file.id })).rejects.toMatchObject({
      code: "invalid_transition",
    });
    const change = await publish({ entity: "campaign", campaign });
    expect(change.blocked.map((blocked) => blocked.document)).toContain(file.id);
    const text = await publicText();
    expect(text).toContain("Zanzibarian"); // the reply's own words had nothing to hold back
    expect(text).not.toContain("07700");
    expect(text).not.toContain("contact.txt");
  });

  it("redacts the public copy, so the public and search never see the number", async () => {
    const file = (await documentsOf(services(), campaign, "sussex")).get("contact.txt")!;
    await expect(
      services().addRedaction({
        campaign,
        document: file.id,
        redaction: { kind: "text", text: "not in the file" },
        reason: "typo",
        actor: ACTOR,
      }),
    ).rejects.toMatchObject({ code: "bad_input" });
    const result = await services().addRedaction({
      campaign,
      document: file.id,
      redaction: { kind: "pattern", pattern: "phone" },
      reason: "a person's mobile number",
      actor: ACTOR,
    });
    expect(result.places).toBe(1);
    let review = (await documentsOf(services(), campaign, "sussex")).get("contact.txt")!;
    const open = review.findings.filter((finding) => finding.current && !finding.resolvedAt);
    // The phone number is gone from the copy; the first name "Jo" may still be flagged for review.
    expect(open.map((finding) => finding.code)).not.toContain("personal-phone");
    for (const finding of open) {
      await services().resolveFinding({
        campaign,
        document: file.id,
        finding: finding.id,
        reason: "a press officer",
        actor: ACTOR,
      });
    }
    review = (await documentsOf(services(), campaign, "sussex")).get("contact.txt")!;
    expect(review.readiness.ready).toBe(true);
    await publish({ entity: "document", campaign, document: file.id });
    const text = await publicText();
    expect(text).toContain("[redacted]");
    expect(text).not.toContain("07700");
    expect(await search("strategy")).toEqual(
      expect.arrayContaining([expect.stringContaining("contact.txt")]),
    );
    expect(await search("07700")).toEqual([]);
  });

  it("searches by filters alone, newest first, without words to rank by", async () => {
    const received = await services().searchPublic({ q: "", state: "received" });
    expect(received.total).toBeGreaterThan(0);
    expect(received.hits.every((hit) => hit.url.includes("/letters/sussex/"))).toBe(true);
    const essex = await services().searchPublic({
      q: "",
      body: (await services().publicCampaign({ campaign }))!.letters.find(
        (letter) => letter.recipient === "essex",
      )!.organisation,
    });
    expect(essex.hits.map((hit) => hit.url)).toEqual([`/campaigns/${campaign}/letters/essex/`]);
  });

  it("unpublishes a letter with its replies and documents, at once and audited", async () => {
    await publish({ entity: "letter", campaign, recipient: "sussex" }, false);
    const site = await services().publicCampaign({ campaign });
    expect(site?.letters.map((letter) => letter.recipient)).toEqual(["essex"]);
    expect(await publicText()).not.toContain("Zanzibarian");
    expect(await search("zanzibarian")).toEqual([]);
    expect(await search("strategy")).not.toEqual(
      expect.arrayContaining([expect.stringContaining("contact.txt")]),
    );
  });

  describe("the audit log", () => {
    it("records every publication, unpublication, redaction and resolution", async () => {
      const { db } = await services().database();
      const rows = (await db.execute(
        sql`select action, entity from audit_log where action like 'publication.%' or action = 'document.redacted' order by id`,
      )) as unknown as { rows: { action: string; entity: string }[] };
      const actions = rows.rows.map((row) => `${row.action} ${row.entity}`);
      expect(actions).toContain("publication.published letter");
      expect(actions).toContain("publication.published campaign");
      expect(actions).toContain("publication.published document");
      expect(actions).toContain("publication.unpublished letter");
      expect(actions).toContain("document.redacted document");
      const verdict = await services().verifyAudit();
      expect(verdict.ok).toBe(true);
    });
  });
});
