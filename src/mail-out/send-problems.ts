import { and, eq, inArray, max } from "drizzle-orm";
import { recipientName } from "../campaigns/recipient-name.ts";
import type { Database } from "../store/database.ts";
import { letters, outboundMessages, recipients } from "../store/schema.ts";
import { SENDABLE_STATES } from "./enqueue-letters.ts";

export interface SendProblem {
  recipient: string;
  /** As on the board: the person's name, else their title. */
  name: string;
  /** failed (nothing left: our set-up, or Notify refused it) or returned (the recipient's server refused it). */
  state: "failed" | "returned";
  reason: string;
}

/**
 * The letters of a campaign whose last send failed or came back and that
 * still wait to be sent: what the campaign's page warns of, so that a fault
 * of the mail set-up is seen where the whole campaign is, not letter by letter.
 */
export async function sendProblems(
  { campaign }: { campaign: string },
  deps: { database(): Promise<Database> },
): Promise<SendProblem[]> {
  const { db } = await deps.database();
  const latest = db
    .select({ id: max(outboundMessages.id).as("latest_id") })
    .from(outboundMessages)
    .groupBy(outboundMessages.letterId)
    .as("latest");
  const rows = await db
    .select({
      recipient: recipients.key,
      fields: recipients.fields,
      state: outboundMessages.state,
      reason: outboundMessages.lastError,
    })
    .from(outboundMessages)
    .innerJoin(latest, eq(latest.id, outboundMessages.id))
    .innerJoin(letters, eq(letters.id, outboundMessages.letterId))
    .innerJoin(recipients, eq(recipients.id, letters.recipientId))
    .where(
      and(
        eq(letters.campaignId, campaign),
        inArray(outboundMessages.state, ["failed", "returned"]),
        inArray(letters.state, [...SENDABLE_STATES]),
      ),
    )
    .orderBy(recipients.key);
  return rows.map(({ recipient, fields, state, reason }) => ({
    recipient,
    name: recipientName({ key: recipient, fields }),
    state: state === "returned" ? "returned" : "failed",
    reason: reason ?? "",
  }));
}
