import { createHash } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import type { Db, Tx } from "./database.ts";
import { auditHead, auditLog } from "./schema.ts";

// The audit log is append-only and hash-chained: each entry's hash covers
// its content and the previous entry's hash, and a one-row head holds the
// last hash and the count. Editing an entry breaks its hash; deleting one
// breaks the chain (or the count, for the last). Appends lock the head row,
// so concurrent transactions take turns and never fork the chain.

export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

const GENESIS = "0".repeat(64);

export async function appendAudit(tx: Tx, entry: AuditEntry, at = new Date()): Promise<void> {
  await tx.insert(auditHead).values({ id: 1, lastHash: GENESIS }).onConflictDoNothing();
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1)).for("update");
  const prevHash = head?.lastHash ?? GENESIS;
  const row = {
    at: at.toISOString(),
    actor: entry.actor,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    prevHash,
  };
  const hash = hashEntry(row);
  const [inserted] = await tx
    .insert(auditLog)
    .values({ ...row, hash })
    .returning({ id: auditLog.id });
  await tx
    .update(auditHead)
    .set({ lastId: inserted?.id ?? 0, lastHash: hash, count: (head?.count ?? 0) + 1 })
    .where(eq(auditHead.id, 1));
}

export interface AuditVerdict {
  ok: boolean;
  entries: number;
  /** What is wrong with the first bad entry, if any. */
  problem?: { id: number | null; detail: string };
}

export async function verifyAudit(db: Db): Promise<AuditVerdict> {
  const rows = await db.select().from(auditLog).orderBy(asc(auditLog.id));
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  let prevHash = GENESIS;
  for (const row of rows) {
    const fail = (detail: string): AuditVerdict => ({
      ok: false,
      entries: rows.length,
      problem: { id: row.id, detail },
    });
    if (row.prevHash !== prevHash) return fail("the entry before it was changed or deleted");
    if (hashEntry(row) !== row.hash) return fail("the entry was changed after it was written");
    prevHash = row.hash;
  }
  const expectedCount = head?.count ?? 0;
  if (rows.length !== expectedCount || prevHash !== (head?.lastHash ?? GENESIS)) {
    return {
      ok: false,
      entries: rows.length,
      problem: {
        id: null,
        detail: `the log holds ${rows.length} entries where ${expectedCount} were written`,
      },
    };
  }
  return { ok: true, entries: rows.length };
}

interface Hashable {
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  prevHash: string;
}

function hashEntry(entry: Hashable): string {
  const content = [
    entry.at,
    entry.actor,
    entry.action,
    entry.entity,
    entry.entityId,
    canonical(entry.before),
    canonical(entry.after),
    entry.prevHash,
  ];
  return createHash("sha256").update(JSON.stringify(content)).digest("hex");
}

/** JSON with sorted keys: jsonb does not keep key order, so hash a canonical form. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : 1)))
      : inner,
  );
}
