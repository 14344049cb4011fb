import { and, eq, inArray } from "drizzle-orm";
import type { AuditEntry } from "../../../store/audit.ts";
import type { Tx } from "../../../store/database.ts";
import {
  inboundMessages,
  letterItems,
  letters,
  letterVersionFiles,
  letterVersions,
  outboundMessages,
  recipients,
  replies,
} from "../../../store/schema.ts";

// A recipient whose row has left the recipients file: removed with its draft
// letter (nothing of it ever left the office), or kept as it is when anything
// was sent to it or came from it, so no history is lost.

export interface Departed {
  /** Removed, with their letters, which had never been sent. */
  removed: string[];
  /** No longer in the file, but kept: something was sent to them, or received from them. */
  kept: string[];
}

/** States a letter is in before anything leaves the office. */
const UNSENT = ["draft", "approved", "withdrawn"];

export async function removeDepartedRecipients(
  tx: Tx,
  { campaignId, inFile, actor }: { campaignId: string; inFile: Set<string>; actor: string },
): Promise<Departed & { audit: AuditEntry[] }> {
  const rows = await tx.select().from(recipients).where(eq(recipients.campaignId, campaignId));
  const result: Departed & { audit: AuditEntry[] } = { removed: [], kept: [], audit: [] };
  for (const recipient of rows.filter((row) => !inFile.has(row.key))) {
    const theirs = await tx.select().from(letters).where(eq(letters.recipientId, recipient.id));
    const ids = theirs.map((letter) => letter.id);
    if (
      theirs.some((letter) => letter.sentOn !== null || !UNSENT.includes(letter.state)) ||
      (await touched(tx, ids))
    ) {
      result.kept.push(recipient.key);
      continue;
    }
    await deleteLetters(tx, ids);
    await tx.delete(recipients).where(eq(recipients.id, recipient.id));
    result.removed.push(recipient.key);
    result.audit.push({
      actor,
      action: "recipient.removed",
      entity: "recipient",
      entityId: `${campaignId}/${recipient.key}`,
      before: recipient.fields,
      after: { reason: "no longer in the recipients file; its letter was never sent" },
    });
  }
  return result;
}

/** Whether any of these letters was queued to go, or has a reply or a message matched to it. */
async function touched(tx: Tx, ids: number[]): Promise<boolean> {
  if (ids.length === 0) return false;
  const [queued] = await tx
    .select({ id: outboundMessages.id })
    .from(outboundMessages)
    .where(inArray(outboundMessages.letterId, ids))
    .limit(1);
  const [replied] = await tx
    .select({ id: replies.id })
    .from(replies)
    .where(inArray(replies.letterId, ids))
    .limit(1);
  const [matched] = await tx
    .select({ id: inboundMessages.id })
    .from(inboundMessages)
    .where(inArray(inboundMessages.letterId, ids))
    .limit(1);
  return Boolean(queued ?? replied ?? matched);
}

async function deleteLetters(tx: Tx, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const versions = await tx
    .select({ id: letterVersions.id })
    .from(letterVersions)
    .where(inArray(letterVersions.letterId, ids));
  const versionIds = versions.map((version) => version.id);
  if (versionIds.length > 0) {
    await tx.delete(letterVersionFiles).where(inArray(letterVersionFiles.versionId, versionIds));
  }
  await tx.delete(letterItems).where(inArray(letterItems.letterId, ids));
  await tx.delete(letterVersions).where(inArray(letterVersions.letterId, ids));
  // Chasers first: they point at the letter they chase.
  await tx.delete(letters).where(and(inArray(letters.id, ids), eq(letters.kind, "chaser")));
  await tx.delete(letters).where(inArray(letters.id, ids));
}
