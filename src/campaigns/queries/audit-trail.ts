import { and, asc, eq, inArray, or } from "drizzle-orm";
import type { Database } from "../../store/database.ts";
import { auditLog, letterItems } from "../../store/schema.ts";
import { findLetter } from "./find-letter.ts";
import { chasersOf } from "./letter-items.ts";

export interface AuditTrailEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

const columns = {
  id: auditLog.id,
  at: auditLog.at,
  actor: auditLog.actor,
  action: auditLog.action,
  entity: auditLog.entity,
  entityId: auditLog.entityId,
  before: auditLog.before,
  after: auditLog.after,
};

/** One entity's entries, oldest first (in the order they were appended, which `at` may tie). */
export async function auditTrail(
  { entity, entityId }: { entity: string; entityId: string },
  deps: { database(): Promise<Database> },
): Promise<AuditTrailEntry[]> {
  const { db } = await deps.database();
  return db
    .select(columns)
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
    .orderBy(asc(auditLog.id));
}

/**
 * Everything that happened to one recipient's letter, oldest first: the
 * letter ("<campaign>/<key>": created, revised, approved, sent, replied), its
 * recipient (same id), its items ("<campaign>/<key>/<item>") and its chasers
 * ("<campaign>/<key>/chaser-<id>"). The ids are listed exactly, not matched
 * by prefix, so the (entity, entity_id) index serves the one query.
 */
export async function auditTrailForLetter(
  { campaign, recipient }: { campaign: string; recipient: string },
  deps: { database(): Promise<Database> },
): Promise<AuditTrailEntry[]> {
  const { db } = await deps.database();
  const { letter } = await findLetter(db, { campaign, recipient });
  const base = `${campaign}/${recipient}`;
  const items = await db
    .select({ id: letterItems.itemId })
    .from(letterItems)
    .where(eq(letterItems.letterId, letter.id));
  const chasers = await chasersOf(db, letter.id);
  const letterIds = [base, ...chasers.map((chaser) => `${base}/chaser-${chaser.id}`)];
  const itemIds = items.map((item) => `${base}/${item.id}`);
  const conditions = [
    and(eq(auditLog.entity, "letter"), inArray(auditLog.entityId, letterIds)),
    and(eq(auditLog.entity, "recipient"), eq(auditLog.entityId, base)),
  ];
  if (itemIds.length > 0)
    conditions.push(and(eq(auditLog.entity, "item"), inArray(auditLog.entityId, itemIds)));
  return db
    .select(columns)
    .from(auditLog)
    .where(or(...conditions))
    .orderBy(asc(auditLog.id));
}
