import { and, asc, eq, lt } from "drizzle-orm";
import type { Database } from "../../store/database.ts";
import { campaigns, letters, recipients } from "../../store/schema.ts";
import { parseIsoDate } from "../deadlines/iso-date.ts";

export interface OverdueLetter {
  campaign: string;
  recipient: string;
  name: string;
  sent: string | null;
  due: string;
  veryOverdue: boolean;
}

/**
 * Every letter, across all campaigns, still waiting for a reply after its due
 * date, oldest due first. Served by the index on (state, due_on).
 */
export async function overdueLetters(
  { asOf }: { asOf: string },
  deps: { database(): Promise<Database> },
): Promise<{ asOf: string; letters: OverdueLetter[] }> {
  const day = parseIsoDate(asOf, "as-of");
  const { db } = await deps.database();
  const rows = await db
    .select({
      campaign: campaigns.id,
      recipient: recipients.key,
      fields: recipients.fields,
      sent: letters.sentOn,
      due: letters.dueOn,
      veryDue: letters.veryDueOn,
    })
    .from(letters)
    .innerJoin(recipients, eq(recipients.id, letters.recipientId))
    .innerJoin(campaigns, eq(campaigns.id, letters.campaignId))
    .where(and(eq(letters.state, "sent"), lt(letters.dueOn, day)))
    .orderBy(asc(letters.dueOn), asc(letters.id));
  return {
    asOf: day,
    letters: rows.map((row) => ({
      campaign: row.campaign,
      recipient: row.recipient,
      name: row.fields.name || row.fields.title || row.recipient,
      sent: row.sent,
      due: row.due ?? "",
      veryOverdue: row.veryDue !== null && day > row.veryDue,
    })),
  };
}
