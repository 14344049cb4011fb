import { eq, inArray } from "drizzle-orm";
import { checkLetterTransition } from "../campaigns/states.ts";
import { returnLetter } from "../campaigns/records/record-returned.ts";
import type { Database } from "../store/database.ts";
import { letters, outboundMessages, recipients } from "../store/schema.ts";
import { inTransaction } from "../store/transaction.ts";

// A bounce with a permanent status (5.x.x) returns the letter: its outbound
// messages are marked returned with the reason, and a sent letter becomes
// returned through the shared returnLetter (record-returned.ts), in the same
// transaction. A letter already returned, or one that cannot be (replied,
// withdrawn), is left alone and the reason noted on the message.

export interface MarkReturnedOptions {
  outboundIds: number[];
  letterId: number;
  reason: string;
  actor: string;
}

/** Returns a problem to note on the message when the letter could not be marked, else null. */
export async function markReturned(
  options: MarkReturnedOptions,
  deps: { database(): Promise<Database> },
): Promise<string | null> {
  const { db } = await deps.database();
  return inTransaction(db, async (tx) => {
    if (options.outboundIds.length > 0) {
      await tx
        .update(outboundMessages)
        .set({ state: "returned", lastError: options.reason })
        .where(inArray(outboundMessages.id, options.outboundIds));
    }
    const [row] = await tx
      .select({ letter: letters, recipient: recipients.key })
      .from(letters)
      .innerJoin(recipients, eq(recipients.id, letters.recipientId))
      .where(eq(letters.id, options.letterId))
      .for("update", { of: letters });
    if (!row) return "the bounced letter no longer exists";
    const { letter } = row;
    if (letter.state === "returned") return null;
    try {
      checkLetterTransition(`the letter to ${row.recipient}`, letter.state, "returned");
    } catch (error) {
      return `the bounce was not applied: ${(error as Error).message}`;
    }
    await returnLetter(tx, {
      campaign: letter.campaignId,
      recipient: row.recipient,
      reason: options.reason || "the message bounced",
      actor: options.actor,
    });
    return null;
  });
}
