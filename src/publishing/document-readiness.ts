import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db, Tx } from "../store/database.ts";
import { documentFindings, documents } from "../store/schema.ts";

// A document may be published once it has been checked (so it has a public
// copy) and every finding still present in that copy has been resolved.

export interface Readiness {
  ready: boolean;
  /** Why not, for the person deciding: "2 findings to resolve", "not checked yet". */
  reason: string;
}

export async function documentReadiness(db: Db | Tx, documentIds: number[]): Promise<Map<number, Readiness>> {
  const result = new Map<number, Readiness>();
  if (documentIds.length === 0) return result;
  const rows = await db
    .select({ id: documents.id, publicHash: documents.publicHash, checkedAt: documents.checkedAt })
    .from(documents)
    .where(inArray(documents.id, documentIds));
  const open = await db
    .select({ id: documentFindings.documentId })
    .from(documentFindings)
    .where(
      and(
        inArray(documentFindings.documentId, documentIds),
        eq(documentFindings.current, true),
        isNull(documentFindings.resolvedAt),
      ),
    );
  const counts = new Map<number, number>();
  for (const { id } of open) counts.set(id, (counts.get(id) ?? 0) + 1);
  for (const row of rows) {
    const count = counts.get(row.id) ?? 0;
    if (!row.checkedAt || !row.publicHash) result.set(row.id, { ready: false, reason: "not checked yet" });
    else if (count > 0)
      result.set(row.id, { ready: false, reason: `${count} finding${count === 1 ? "" : "s"} to resolve` });
    else result.set(row.id, { ready: true, reason: "" });
  }
  return result;
}
