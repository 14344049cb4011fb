import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INLINE_BYTES } from "../../src/digest/refresh-digest.ts";
import { recordReplyTo, sendLetters } from "../support/publishing-factory.ts";
import { startTestApp, WebClient, type TestApp } from "../support/web-app.ts";

// Issue 18: the digest is built once and kept in the database, built again
// only when the replies change: while the request waits when the texts are
// small, else as a background task whose progress the page shows. A
// decision rests on the build the person saw; the page is paged.

describe("the digest, built and kept", () => {
  let test: TestApp;
  let editor: WebClient;
  const services = () => test.services;
  const page = (query = "") => editor.get(`/manage/campaigns/${test.campaign}/digest${query}`);
  const builds = async () => {
    const { db } = await services().database();
    const result = await db.execute(sql`select count(*)::int as n from digest_cells`);
    return (result as unknown as { rows: unknown[] }).rows;
  };

  beforeAll(async () => {
    test = await startTestApp("pglite");
    await sendLetters(services(), test.campaign, ["sussex", "essex"]);
    await recordReplyTo(services(), test.campaign, {
      recipient: "sussex",
      text: "Our Response Strategy was published on 1 April 2020 and is attached.",
    });
    editor = await WebClient.signedIn(test.base, "editor");
  }, 120_000);
  afterAll(() => test?.close());

  it("builds once, and again only when a reply arrives", async () => {
    const first = await services().campaignDigest({ campaign: test.campaign });
    expect(first.build.current).toBe(true);
    const again = await services().campaignDigest({ campaign: test.campaign });
    expect(again.build.builtAt).toEqual(first.build.builtAt);
    // Five bodies written to, three questions (the demo campaign's requested items).
    expect(await builds()).toEqual([{ n: 5 * 3 }]);
    await recordReplyTo(services(), test.campaign, {
      recipient: "essex",
      text: "The Essex Response Strategy was adopted by the board in May 2020.",
    });
    const rebuilt = await services().campaignDigest({ campaign: test.campaign });
    expect(rebuilt.build.builtAt!.getTime()).toBeGreaterThan(first.build.builtAt!.getTime());
    const essex = rebuilt.bodies.find((body) => body.recipient === "essex")!;
    expect(essex.cells.find((cell) => cell.question === "response-strategy")?.passages[0]?.text).toContain(
      "adopted by the board",
    );
  });

  it("refuses a decision taken on a build older than the current one, and says why", async () => {
    const old = "2020-01-01T00:00:00.000Z";
    await page();
    const refused = await editor.post(
      `/manage/campaigns/${test.campaign}/digest/answers/sussex/response-strategy`,
      { decision: "accept", built: old },
    );
    expect(refused.status).toBe(409);
    expect(refused.text).toContain("The digest was built again from the replies since this page was shown");
    const digest = await services().campaignDigest({ campaign: test.campaign, recipients: ["sussex"] });
    expect(digest.bodies[0]?.cells.every((cell) => cell.answer === null)).toBe(true);
  });

  it("pages the bodies, 25 a page, and finds no page past the last", async () => {
    const paged = await services().campaignDigest({ campaign: test.campaign, perPage: 2, page: 3 });
    expect(paged.paging).toMatchObject({ page: 3, pages: 3, bodies: 5 });
    expect(paged.bodies.map((body) => body.recipient)).toEqual(["south-yorkshire"]);
    expect((await page()).text).not.toContain("govuk-pagination");
    expect((await page("?page=2")).status).toBe(404);
    expect((await page("?page=zero")).status).toBe(404);
  });

  it("builds large replies in the background, the page saying how far it got", async () => {
    const paragraph = "The partnership board reviewed the data sharing agreement with health colleagues. ";
    const big = Buffer.from(`${paragraph.repeat(Math.ceil((INLINE_BYTES * 1.1) / paragraph.length))}\n`);
    await recordReplyTo(services(), test.campaign, {
      recipient: "essex",
      files: [{ name: "minutes.txt", bytes: big }],
    });
    const during = await page();
    expect(during.status).toBe(200);
    expect(during.text).toContain("Bringing the digest up to date");
    // What the page shows meanwhile is the last build, not nothing.
    expect(during.text).toContain("published on 1 April 2020");
    for (let waited = 0; (await page()).text.includes("Bringing the digest up to date"); waited += 1) {
      expect(waited).toBeLessThan(300);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const after = await services().campaignDigest({ campaign: test.campaign });
    expect(after.build).toMatchObject({ current: true, task: null });
    const { db } = await services().database();
    const tasks = await db.execute(sql`select state, step from background_tasks where kind = 'digest-build'`);
    expect((tasks as unknown as { rows: unknown[] }).rows).toEqual([{ state: "done", step: "Built" }]);
  }, 60_000);
});
