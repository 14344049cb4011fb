import { eq } from "drizzle-orm";
import type { AuditEntry } from "../../../store/audit.ts";
import type { Tx } from "../../../store/database.ts";
import { inBatches } from "../../../store/in-batches.ts";
import { recipients } from "../../../store/schema.ts";
import { nationFor } from "../../deadlines/nation.ts";
import type { Recipient } from "../../recipients.ts";
import { contentHash } from "../letter-content.ts";
import { saveDirectory } from "./save-directory.ts";

// The campaign's recipients as the file has them: new ones inserted together,
// changed ones updated, each change with its audit entry (returned, for the
// caller to append with the rest of the import's).

export interface SavedRecipients {
  /** Each recipient's row id, in the file's order. */
  ids: number[];
  audit: AuditEntry[];
}

export async function saveRecipients(
  tx: Tx,
  { campaignId, list, actor }: { campaignId: string; list: Recipient[]; actor: string },
): Promise<SavedRecipients> {
  const rows = list.map((recipient) => {
    const fields = Object.fromEntries(recipient.fields);
    return {
      key: recipient.id,
      fields,
      nation: nationFor({ nation: fields.nation, postcode: fields.postcode }),
    };
  });
  const organisationIds = await saveDirectory(tx, rows);
  const existing = new Map(
    (await tx.select().from(recipients).where(eq(recipients.campaignId, campaignId))).map((row) => [
      row.key,
      row,
    ]),
  );
  const audit: AuditEntry[] = [];
  const entity = (key: string) => ({ entity: "recipient", entityId: `${campaignId}/${key}` });
  const fresh: (typeof recipients.$inferInsert)[] = [];
  for (const [index, { key, fields, nation }] of rows.entries()) {
    const organisationId = organisationIds[index]!;
    const row = existing.get(key);
    if (!row) {
      fresh.push({ campaignId, key, fields, nation, organisationId });
      audit.push({ actor, action: "recipient.created", ...entity(key), after: fields });
    } else if (
      contentHash(row.fields) !== contentHash(fields) ||
      row.nation !== nation ||
      row.organisationId !== organisationId
    ) {
      await tx.update(recipients).set({ fields, nation, organisationId }).where(eq(recipients.id, row.id));
      audit.push({ actor, action: "recipient.updated", ...entity(key), before: row.fields, after: fields });
    }
  }
  const inserted = await inBatches(fresh, (batch) =>
    tx.insert(recipients).values(batch).returning({ id: recipients.id, key: recipients.key }),
  );
  const ids = new Map([...existing].map(([key, row]) => [key, row.id]));
  for (const row of inserted) ids.set(row.key, row.id);
  return { ids: rows.map(({ key }) => ids.get(key)!), audit };
}
