import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { recordReturned } from "../../src/campaigns/records/record-returned.ts";
import { openDatabase, type Database } from "../../src/store/database.ts";
import {
  describeOnEachDatabase,
  freshDatabase,
  type DatabaseKind,
  type TestDatabase,
} from "../support/databases.ts";
import { commandOn } from "../support/records.ts";
import { EXAMPLE } from "../support/render-cli.ts";

// recordReturned: a sent letter came back (a 550, a bounce, the post): state
// check, due dates cleared, the reason in the audit log.

describeOnEachDatabase("recording a returned letter", (kind: DatabaseKind) => {
  let database: TestDatabase;
  let opened: Database;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    const postbag = commandOn(database);
    expect((await postbag.run(["import", EXAMPLE])).status).toBe(0);
    expect(
      (await postbag.run(["users", "add", "--email", "ann@example.org", "--role", "approver"])).status,
    ).toBe(0);
    expect((await postbag.run(["approve", "vru-2020", "--by", "ann@example.org"])).status).toBe(0);
    const sent = await postbag.run([
      "record-sent",
      "vru-2020",
      "--recipient",
      "sussex",
      "--on",
      "2020-10-13",
      "--via",
      "email",
    ]);
    expect(sent.status, sent.stderr).toBe(0);
    opened = await openDatabase(database.location);
  }, 180_000);

  afterAll(async () => {
    await opened?.close();
    await database?.drop();
  });

  const deps = () => ({ database: async () => opened });

  it("returns a sent letter, clears its due dates and says why in the audit log", async () => {
    const result = await recordReturned(
      {
        campaign: "vru-2020",
        recipient: "sussex",
        reason: " 550 5.1.1 no such mailbox ",
        actor: "postbag:sender",
      },
      deps(),
    );
    expect(result).toEqual({
      campaign: "vru-2020",
      recipient: "sussex",
      reason: "550 5.1.1 no such mailbox",
    });
    const [letter] = (await rawSqlOn(
      "select l.state, l.due_on, l.very_due_on from letters l join recipients r on r.id = l.recipient_id where r.key = 'sussex'",
    )) as Record<string, unknown>[];
    expect(letter).toEqual({ state: "returned", due_on: null, very_due_on: null });
    const [entry] = (await rawSqlOn(
      "select actor, entity_id, before, after from audit_log where action = 'letter.returned'",
    )) as Record<string, unknown>[];
    expect(entry).toMatchObject({
      actor: "postbag:sender",
      entity_id: "vru-2020/sussex",
      before: { state: "sent" },
      after: { state: "returned", reason: "550 5.1.1 no such mailbox" },
    });
  });

  it("refuses a letter that was never sent, and a blank reason", async () => {
    await expect(
      recordReturned({ campaign: "vru-2020", recipient: "essex", reason: "bounced", actor: "x" }, deps()),
    ).rejects.toThrow("the letter to essex is approved, so it cannot become returned");
    await expect(
      recordReturned({ campaign: "vru-2020", recipient: "sussex", reason: "  ", actor: "x" }, deps()),
    ).rejects.toThrow("say why the letter came back");
  });

  async function rawSqlOn(query: string) {
    // Through the open connection: PGlite lets one process open its folder at a time.
    const result = await opened.db.execute(sql.raw(query));
    return (result as { rows: unknown[] }).rows;
  }
});
