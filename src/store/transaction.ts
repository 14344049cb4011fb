import type { Db, Tx } from "./database.ts";
import { openAuditBuffer, writeAuditBuffer } from "./audit.ts";

/**
 * A transaction whose audit entries are written as its last work, just
 * before it commits: rows a use case locks come first, the audit head last,
 * in every transaction, so no two can wait on each other in opposite orders.
 * Every use case opens its transactions here (appendAudit refuses any other).
 */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    openAuditBuffer(tx);
    const result = await work(tx);
    await writeAuditBuffer(tx);
    return result;
  });
}
