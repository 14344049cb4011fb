import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { approveLetters } from "../../src/campaigns/records/approve-letters.ts";
import { findLettersForUpdate, updateLetter } from "../../src/campaigns/records/find-letters.ts";
import { importCampaign } from "../../src/campaigns/records/import-campaign.ts";
import { readCampaignFolder } from "../../src/files/read-campaign-folder.ts";
import { appendAudit, verifyAudit } from "../../src/store/audit.ts";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { inTransaction } from "../../src/store/transaction.ts";
import { auditLog, campaigns, replies, users } from "../../src/store/schema.ts";
import { recordReply } from "../../src/campaigns/records/record-reply.ts";
import { recordSent } from "../../src/campaigns/records/record-sent.ts";
import { describeOnEachDatabase, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { EXAMPLE, tempDir } from "../support/render-cli.ts";
import { fileStore } from "../../src/files/file-store.ts";
import type { Letter } from "../../src/letters/model.ts";
import { RenderPool } from "../../src/letters/pool/render-pool.ts";
import { renderToBytes } from "../../src/letters/pool/render-to-bytes.ts";

// Transactions that run at the same time must neither lose nor duplicate a
// row, on PGlite (one connection: transactions take turns) and PostgreSQL.

describeOnEachDatabase("concurrency", (kind) => {
  let test: TestDatabase;
  let database: Database;
  const pool = new RenderPool({ workers: 2, recycleAfter: 100 });
  const deps = {
    readCampaignFolder,
    database: async () => database,
    fileStore: fileStore(tempDir("postbag-files-")),
    renderPdfs: (letters: Letter[]) => renderToBytes(pool, letters, "pdf"),
  };

  beforeAll(async () => {
    test = await freshDatabase(kind);
    database = await openDatabase(test.location);
    await database.migrate();
  });
  afterAll(async () => {
    await database?.close();
    await test?.drop();
  });

  it("keeps one unbroken audit chain when 20 transactions append at once", async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        inTransaction(database.db, (tx) =>
          appendAudit(tx, { actor: "t", action: "test", entity: "n", entityId: String(i) }),
        ),
      ),
    );
    expect(await verifyAudit(database.db)).toEqual({ ok: true, entries: 20 });
  });

  it("refuses an audit entry outside inTransaction, which writes it last", async () => {
    await expect(
      database.db.transaction((tx) =>
        appendAudit(tx, { actor: "t", action: "test", entity: "n", entityId: "x" }),
      ),
    ).rejects.toThrow("appendAudit needs a transaction opened by inTransaction");
  });

  it("leaves the database as it was when an import fails half-way", async () => {
    const before = await database.db.select({ n: count() }).from(auditLog);
    let inserts = 0;
    // Rows are written a batch at a time: the ninth insert is the letters' versions, half-way through.
    const failing = {
      ...database,
      db: new Proxy(database.db, {
        get(target, property) {
          if (property !== "transaction") return Reflect.get(target, property);
          return (run: (tx: unknown) => Promise<unknown>) =>
            target.transaction((tx) =>
              run(
                new Proxy(tx, {
                  get(inner, name) {
                    if (name === "insert" && ++inserts > 8) throw new Error("the power went out");
                    const value = Reflect.get(inner, name);
                    return typeof value === "function" ? value.bind(inner) : value;
                  },
                }),
              ),
            );
        },
      }),
    };
    await expect(
      importCampaign({ dir: EXAMPLE, actor: "t" }, { readCampaignFolder, database: async () => failing }),
    ).rejects.toThrow("the power went out");
    expect(inserts).toBeGreaterThan(8);
    expect(await database.db.select().from(campaigns)).toEqual([]);
    expect(await database.db.select({ n: count() }).from(auditLog)).toEqual(before);
    expect((await verifyAudit(database.db)).ok).toBe(true);
  });

  it("approves each letter exactly once when two approvals run at once", async () => {
    await importCampaign({ dir: EXAMPLE, actor: "t" }, deps);
    await database.db.insert(users).values({ email: "ann@example.org", role: "approver" });
    const results = await Promise.allSettled([
      approveLetters({ campaign: "vru-2020", by: "ann@example.org" }, deps),
      approveLetters({ campaign: "vru-2020", by: "ann@example.org" }, deps),
    ]);
    const approved = results.flatMap((result) =>
      result.status === "fulfilled" ? result.value.approved : [],
    );
    expect(approved.sort()).toEqual([
      "essex",
      "nottinghamshire",
      "south-yorkshire",
      "sussex",
      "thames-valley",
    ]);
    const entries = await database.db.select().from(auditLog).where(eq(auditLog.action, "letter.approved"));
    expect(entries).toHaveLength(5);
  });

  it("refuses an update made from a stale copy of a letter (optimistic locking)", async () => {
    const [row] = await database.db.transaction((tx) => findLettersForUpdate(tx, "vru-2020", "essex"));
    const stale = row?.letter ?? { id: 0, lockVersion: 0 };
    await database.db.transaction((tx) => updateLetter(tx, stale, { sentVia: "post" }));
    await expect(
      database.db.transaction((tx) => updateLetter(tx, stale, { sentVia: "email" })),
    ).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("finishes imports and replies on one campaign running at once, again and again (no lock-order deadlock)", async () => {
    await recordSent(
      { campaign: "vru-2020", recipient: "nottinghamshire", on: "2026-11-02", via: "post", actor: "t" },
      deps,
    );
    const rounds = 8;
    for (let round = 0; round < rounds; round += 1) {
      await Promise.all([
        importCampaign({ dir: EXAMPLE, actor: "t" }, deps),
        recordReply(
          {
            campaign: "vru-2020",
            recipient: "nottinghamshire",
            on: "2026-11-20",
            text: `reply ${round}`,
            files: [],
            items: [],
            actor: "t",
          },
          deps,
        ),
        importCampaign({ dir: EXAMPLE, actor: "t" }, deps),
      ]);
    }
    expect(await database.db.select({ n: count() }).from(replies)).toEqual([{ n: rounds }]);
    expect((await verifyAudit(database.db)).ok).toBe(true);
  }, 120_000);
});
