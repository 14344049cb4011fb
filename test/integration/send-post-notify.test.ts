import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "../support/databases.ts";
import { startNotifyStandIn, type NotifyStandIn } from "../support/notify-stand-in.ts";
import { commandOn, copyOfExample, rawSql } from "../support/records.ts";
import { tempDir } from "../support/render-cli.ts";
import { postbagAsync } from "../support/render-cli.ts";

// `postbag send --via notify` (GOV.UK Notify's precompiled-letter API, here
// its local stand-in) and `--via post` (the print pack), end to end through
// the command line. PGlite only: every step spawns postbag and approving
// renders five PDFs, so each database kind doubles a slow suite, while the
// send worker's transactions are covered on both kinds by send-email and
// send-crash, and the print pack's by print-pack.

interface LetterRow {
  id: number;
  recipient: string;
  state: string;
  sent_via: string | null;
  sent_on: string | null;
}

/** An imported and approved copy of the example campaign on a fresh PGlite database. */
async function approvedCampaign(): Promise<TestDatabase> {
  const database = await freshDatabase("pglite");
  const postbag = commandOn(database);
  expect((await postbag.run(["import", copyOfExample().dir])).status).toBe(0);
  expect(
    (await postbag.run(["users", "add", "--email", "ann@example.org", "--role", "approver"])).status,
  ).toBe(0);
  expect((await postbag.run(["approve", "vru-2020", "--by", "ann@example.org"])).status).toBe(0);
  return database;
}

const lettersOf = async (database: TestDatabase) =>
  (await rawSql(
    database,
    `select l.id, r.key as recipient, l.state, l.sent_via, l.sent_on::text as sent_on
       from letters l join recipients r on r.id = l.recipient_id
      where l.campaign_id = 'vru-2020' and l.kind = 'letter' order by l.id`,
  )) as LetterRow[];

describe("postbag send --via notify", () => {
  let database: TestDatabase;
  let notify: NotifyStandIn;

  beforeAll(async () => {
    database = await approvedCampaign();
    notify = await startNotifyStandIn();
  }, 180_000);
  afterAll(async () => {
    await notify?.close();
    await database?.drop();
  });

  it("delivers every approved letter to Notify and records each as sent by post", async () => {
    const approved = await lettersOf(database);
    expect(approved).toHaveLength(5);
    expect(approved.map((letter) => letter.state)).toEqual(approved.map(() => "approved"));
    const env = {
      ...database.env,
      POSTBAG_NOTIFY_API_KEY: notify.apiKey,
      POSTBAG_NOTIFY_BASE_URL: notify.baseUrl,
      POSTBAG_SEND_PER_MINUTE: "1000",
    };
    const result = await postbagAsync(["send", "vru-2020", "--via", "notify", "--json"], env);
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ sent: approved.length, failed: 0, returned: 0 });

    expect(notify.letters).toHaveLength(approved.length);
    expect(notify.letters.map((letter) => letter.reference).sort()).toEqual(
      approved.map((letter) => `letter-${letter.id}`).sort(),
    );
    for (const letter of notify.letters) expect(letter.pdf.subarray(0, 4).toString()).toBe("%PDF");
    // Every request was authorised: none answered with an error.
    expect(notify.requests.map((request) => request.status)).toEqual(approved.map(() => 201));

    // Notify prints and posts them: to the recipient each came by post.
    for (const letter of await lettersOf(database)) {
      expect(letter).toMatchObject({ state: "sent", sent_via: "post" });
      expect(letter.sent_on).not.toBeNull();
    }
  });
});

describe("postbag send --via post", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await approvedCampaign();
  }, 180_000);
  afterAll(async () => {
    await database?.drop();
  });

  it("without --out exits 2, names --out and records nothing", async () => {
    const result = await postbagAsync(["send", "vru-2020", "--via", "post"], database.env);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--out");
    for (const letter of await lettersOf(database)) expect(letter.state).toBe("approved");
  });

  it("writes pack.pdf and manifest.csv into --out and records the letters sent by post", async () => {
    const out = join(tempDir("postbag-post-"), "pack");
    const result = await postbagAsync(
      ["send", "vru-2020", "--via", "post", "--out", out, "--json"],
      database.env,
    );
    expect(result.status, result.stderr).toBe(0);
    const letters = await lettersOf(database);
    expect(JSON.parse(result.stdout)).toMatchObject({ via: "post", pack: { letters: letters.length } });

    expect(existsSync(join(out, "pack.pdf"))).toBe(true);
    expect(readFileSync(join(out, "pack.pdf")).subarray(0, 4).toString()).toBe("%PDF");
    const manifest = parse(readFileSync(join(out, "manifest.csv")), { columns: true }) as Record<
      string,
      string
    >[];
    expect(letters).toHaveLength(5);
    expect(manifest.map((row) => row.recipient).sort()).toEqual(
      letters.map((letter) => letter.recipient).sort(),
    );
    for (const row of manifest) expect(Number(row.sheets)).toBeGreaterThan(0);

    for (const letter of letters) {
      expect(letter).toMatchObject({ state: "sent", sent_via: "post" });
      expect(letter.sent_on).not.toBeNull();
    }
  });
});
