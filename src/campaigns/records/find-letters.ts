import { and, asc, eq } from "drizzle-orm";
import { PostbagError } from "../../errors.ts";
import type { Db, Tx } from "../../store/database.ts";
import { campaigns, letters, recipients } from "../../store/schema.ts";

export async function findCampaign(tx: Db | Tx, campaignId: string) {
  const [campaign] = await tx.select().from(campaigns).where(eq(campaigns.id, campaignId));
  if (!campaign) {
    throw new PostbagError("not_found", `there is no campaign "${campaignId}": import its folder first`, {
      field: "campaign",
    });
  }
  return campaign;
}

/**
 * The campaign's first letters (or, with kind "chaser", its chasers), locked
 * for update, with their recipients: one recipient's when `recipientKey` is
 * given (an error if it has none).
 */
export async function findLettersForUpdate(
  tx: Tx,
  campaignId: string,
  recipientKey?: string,
  kind: "letter" | "chaser" = "letter",
) {
  await findCampaign(tx, campaignId);
  const conditions = [eq(letters.campaignId, campaignId), eq(letters.kind, kind)];
  if (recipientKey !== undefined) conditions.push(eq(recipients.key, recipientKey));
  const rows = await tx
    .select({ letter: letters, recipient: recipients })
    .from(letters)
    .innerJoin(recipients, eq(recipients.id, letters.recipientId))
    .where(and(...conditions))
    .orderBy(asc(letters.id))
    .for("update", { of: letters });
  if (recipientKey !== undefined && rows.length === 0) {
    const what = kind === "chaser" ? "no chaser to" : "no recipient";
    throw new PostbagError("not_found", `campaign "${campaignId}" has ${what} "${recipientKey}"`, {
      field: "recipient",
    });
  }
  return rows;
}

/** One letter by id (of any kind), locked for update, with its recipient: the sending worker's exact letter. */
export async function lockLetter(tx: Tx, letterId: number) {
  const [row] = await tx
    .select({ letter: letters, recipient: recipients })
    .from(letters)
    .innerJoin(recipients, eq(recipients.id, letters.recipientId))
    .where(eq(letters.id, letterId))
    .for("update", { of: letters });
  if (!row) throw new PostbagError("not_found", `there is no letter ${letterId}`);
  return row;
}

/**
 * A letter's id in the audit log: "<campaign>/<recipient>" for a first letter,
 * "<campaign>/<recipient>/chaser-<id>" for a chaser (a letter's trail includes them).
 */
export function letterEntityId(
  campaign: string,
  recipient: string,
  letter: { kind: string; id: number },
): string {
  return letter.kind === "chaser"
    ? `${campaign}/${recipient}/chaser-${letter.id}`
    : `${campaign}/${recipient}`;
}

/** Each recipient's newest row (rows oldest first): one first letter each, and chasers one after another. */
export function newestPerRecipient<T extends { key: string }>(rows: T[]): T[] {
  return [...new Map(rows.map((row) => [row.key, row])).values()];
}

/** Updates a letter only if nobody changed it since it was read (optimistic locking). */
export async function updateLetter(
  tx: Tx,
  letter: { id: number; lockVersion: number },
  values: Partial<typeof letters.$inferInsert>,
): Promise<void> {
  const updated = await tx
    .update(letters)
    .set({ ...values, lockVersion: letter.lockVersion + 1 })
    .where(and(eq(letters.id, letter.id), eq(letters.lockVersion, letter.lockVersion)))
    .returning({ id: letters.id });
  if (updated.length === 0) {
    throw new PostbagError(
      "conflict",
      "someone else changed this letter at the same time: nothing was saved, try again",
    );
  }
}
