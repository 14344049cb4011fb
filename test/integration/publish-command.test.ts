import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachDatabase, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { commandOn } from "../support/records.ts";
import { EXAMPLE, tempDir } from "../support/render-cli.ts";

// `postbag publish` and `unpublish` as a user runs them: the whole campaign
// published from the command line, the public site written as plain files,
// then taken down again; bad arguments refused with exit status 2.

describeOnEachDatabase("postbag publish", (kind) => {
  let database: TestDatabase;
  let postbag: ReturnType<typeof commandOn>;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    postbag = commandOn(database);
    expect((await postbag.run(["import", EXAMPLE])).status).toBe(0);
    expect(
      (await postbag.run(["users", "add", "--email", "ann@example.org", "--role", "approver"])).status,
    ).toBe(0);
    expect(
      (await postbag.run(["approve", "vru-2020", "--recipient", "sussex", "--by", "ann@example.org"])).status,
    ).toBe(0);
    expect(
      (
        await postbag.run([
          "record-sent",
          "vru-2020",
          "--recipient",
          "sussex",
          "--on",
          "2020-10-13",
          "--via",
          "post",
        ])
      ).status,
    ).toBe(0);
  }, 60_000);
  afterAll(() => database?.drop());

  it("publishes the campaign's sent letter and writes the public site as files", async () => {
    const change = await postbag.json(["publish", "vru-2020", "--by", "ann@example.org"]);
    expect(change.published).toEqual([
      { entity: "campaign", id: "vru-2020" },
      { entity: "letter", id: expect.any(String) },
    ]);
    const dir = join(tempDir("postbag-site-"), "site");
    const written = await postbag.json(["publish", "--static", dir]);
    expect(written.files).toBeGreaterThan(5);
    const letter = join(dir, "campaigns", "vru-2020", "letters", "sussex");
    expect(readFileSync(join(letter, "letter.pdf")).subarray(0, 5).toString()).toBe("%PDF-");
    expect(readFileSync(join(letter, "index.html"), "utf8")).toContain("Sussex");
    // Only the letter that was sent and published is there.
    expect(readdirSync(join(dir, "campaigns", "vru-2020", "letters"))).toEqual(["sussex"]);
    expect(readFileSync(join(dir, "feed.atom"), "utf8")).toContain("<feed");
  });

  it("unpublishes the campaign, so a new export holds no campaign at all", async () => {
    const change = await postbag.json(["unpublish", "vru-2020"]);
    expect(change.unpublished.map((row: { entity: string }) => row.entity).sort()).toEqual([
      "campaign",
      "letter",
    ]);
    const dir = join(tempDir("postbag-site-"), "site");
    await postbag.json(["publish", "--static", dir]);
    expect(existsSync(join(dir, "campaigns"))).toBe(false);
    expect(readFileSync(join(dir, "index.html"), "utf8")).not.toContain("Sussex");
  });

  it("refuses a letter that was never sent, and bad arguments, with exit status 2", async () => {
    const unsent = await postbag.run(["publish", "vru-2020", "--recipient", "essex"]);
    expect(unsent.status).toBe(2);
    expect(unsent.stderr).toContain("has not been sent");
    expect((await postbag.run(["publish", "no-such-campaign"])).status).toBe(2);
    const both = await postbag.run(["publish", "vru-2020", "--static", "out"]);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain("--static <dir> exports the whole public site");
  });
});
