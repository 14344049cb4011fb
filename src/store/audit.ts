import { createHash } from "node:crypto";
import { asc, eq, gt } from "drizzle-orm";
import type { Db, Tx } from "./database.ts";
import { auditHead, auditLog } from "./schema.ts";

// The audit log is append-only and hash-chained: each entry's hash covers
// its content and the previous entry's hash, and a one-row head holds the
// last hash and the count. Editing an entry breaks its hash; deleting one
// breaks the chain (or the count, for the last). Appends lock the head row,
// so concurrent transactions take turns and never fork the chain; each
// transaction writes its entries last, just before it commits (inTransaction).

export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

const GENESIS = "0".repeat(64);

/** Entries a transaction has appended, written when it is about to commit (store/transaction.ts). */
const buffers = new WeakMap<Tx, { entry: AuditEntry; at: Date }[]>();

export function openAuditBuffer(tx: Tx): void {
  buffers.set(tx, []);
}

/** Adds an entry to the transaction's trail; it is written, chained, as the transaction's last work. */
export async function appendAudit(tx: Tx, entry: AuditEntry, at = new Date()): Promise<void> {
  await appendAuditEntries(tx, [entry], at);
}

/** Adds entries, in the order given; see appendAudit. */
export async function appendAuditEntries(tx: Tx, entries: AuditEntry[], at = new Date()): Promise<void> {
  const buffer = buffers.get(tx);
  if (!buffer)
    throw new Error("appendAudit needs a transaction opened by inTransaction (store/transaction.ts)");
  for (const entry of entries) buffer.push({ entry, at });
}

/** Rows a statement inserts at most: well under PostgreSQL's 65,535 parameters. */
const ROWS_PER_INSERT = 500;

/**
 * Writes the transaction's entries, chained one by one, with one lock of the
 * head and one insert per 500 entries: an import of thousands of rows writes
 * its audit trail in a few statements.
 */
export async function writeAuditBuffer(tx: Tx): Promise<void> {
  const buffered = buffers.get(tx) ?? [];
  buffers.delete(tx);
  if (buffered.length === 0) return;
  await tx.insert(auditHead).values({ id: 1, lastHash: GENESIS }).onConflictDoNothing();
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1)).for("update");
  let prevHash = head?.lastHash ?? GENESIS;
  const rows = buffered.map(({ entry, at }) => {
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
    prevHash = hash;
    return { ...row, hash };
  });
  let lastId = head?.lastId ?? 0;
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    // One statement's rows take their ids in the order written, so the chain reads in id order.
    const inserted = await tx
      .insert(auditLog)
      .values(rows.slice(start, start + ROWS_PER_INSERT))
      .returning({ id: auditLog.id });
    lastId = Math.max(lastId, ...inserted.map((row) => row.id));
  }
  await tx
    .update(auditHead)
    .set({ lastId, lastHash: prevHash, count: (head?.count ?? 0) + rows.length })
    .where(eq(auditHead.id, 1));
}

export interface AuditVerdict {
  ok: boolean;
  entries: number;
  /** What is wrong with the first bad entry, if any. */
  problem?: { id: number | null; detail: string };
}

/** Entries read at a time: the log is checked in id ranges, never held whole. */
const VERIFY_PAGE = 5000;

/**
 * Checks the chain as one snapshot (repeatable read): the head and the rows
 * as they stood when the check began, whatever is appended while it reads.
 */
export function verifyAudit(db: Db): Promise<AuditVerdict> {
  return db.transaction((tx) => verifySnapshot(tx), {
    isolationLevel: "repeatable read",
    accessMode: "read only",
  });
}

async function verifySnapshot(tx: Tx): Promise<AuditVerdict> {
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1));
  let prevHash = GENESIS;
  let entries = 0;
  for (let after = 0; ;) {
    const rows = await tx
      .select()
      .from(auditLog)
      .where(gt(auditLog.id, after))
      .orderBy(asc(auditLog.id))
      .limit(VERIFY_PAGE);
    for (const row of rows) {
      entries += 1;
      const fail = (detail: string): AuditVerdict => ({
        ok: false,
        entries,
        problem: { id: row.id, detail },
      });
      if (row.prevHash !== prevHash) return fail("the entry before it was changed or deleted");
      if (hashEntry(row) !== row.hash) return fail("the entry was changed after it was written");
      prevHash = row.hash;
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < VERIFY_PAGE) break;
    after = last.id;
  }
  const expectedCount = head?.count ?? 0;
  if (entries !== expectedCount || prevHash !== (head?.lastHash ?? GENESIS)) {
    return {
      ok: false,
      entries,
      problem: { id: null, detail: `the log holds ${entries} entries where ${expectedCount} were written` },
    };
  }
  return { ok: true, entries };
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

/**
 * JSON with sorted keys: jsonb does not keep key order, so hash a canonical
 * form. Written out by hand, as JSON.stringify with a sorting replacer would
 * (that was three times slower on an import's 70,000 entries): keys in code
 * unit order, except that integer keys come first in numeric order, as they
 * do in any JavaScript object; the hashes already stored depend on it.
 */
export function canonical(value: unknown): string {
  return serialise(value) as string;
}

function serialise(value: unknown): string | undefined {
  const json =
    value !== null && typeof (value as { toJSON?: unknown })?.toJSON === "function"
      ? (value as { toJSON(): unknown }).toJSON()
      : value;
  if (json === null) return "null";
  switch (typeof json) {
    case "string":
      return JSON.stringify(json);
    case "number":
      return Number.isFinite(json) ? String(json) : "null";
    case "boolean":
      return json ? "true" : "false";
    case "object":
      return Array.isArray(json) ? serialiseArray(json) : serialiseObject(json as Record<string, unknown>);
    default:
      // undefined, functions and symbols: left out of objects, null in arrays.
      return typeof json === "bigint" ? JSON.stringify(json) : undefined;
  }
}

function serialiseArray(items: unknown[]): string {
  let out = "[";
  for (let index = 0; index < items.length; index += 1) {
    if (index > 0) out += ",";
    out += serialise(items[index]) ?? "null";
  }
  return `${out}]`;
}

const INTEGER_KEY = /^(0|[1-9]\d{0,9})$/;

function serialiseObject(object: Record<string, unknown>): string {
  const keys = Object.keys(object).sort((a, b) => (a < b ? -1 : 1));
  const integers = keys.filter((key) => INTEGER_KEY.test(key) && Number(key) < 4294967295);
  const ordered =
    integers.length === 0
      ? keys
      : [...integers.sort((a, b) => Number(a) - Number(b)), ...keys.filter((key) => !integers.includes(key))];
  let out = "{";
  let first = true;
  for (const key of ordered) {
    const text = serialise(object[key]);
    if (text === undefined) continue;
    out += `${first ? "" : ","}${JSON.stringify(key)}:${text}`;
    first = false;
  }
  return `${out}}`;
}
