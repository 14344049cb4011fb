import { eq } from "drizzle-orm";
import type { Database } from "../store/database.ts";
import { auditHead } from "../store/schema.ts";

/**
 * A version of what the public can see, for the public site's cache keys:
 * the audit log's last entry. Every change to what is public (publishing,
 * unpublishing, redactions, findings, a reply or import of a published
 * campaign) is audited in its own transaction, so after it commits every
 * server reads a new version; other changes only make a page be made afresh.
 */
export async function publicVersion(deps: { database(): Promise<Database> }): Promise<string> {
  const { db } = await deps.database();
  const [head] = await db.select({ lastId: auditHead.lastId }).from(auditHead).where(eq(auditHead.id, 1));
  return String(head?.lastId ?? 0);
}
