import { recipientName } from "../recipient-name.ts";
import { and, asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../store/database.ts";
import { letters, recipients } from "../../store/schema.ts";
import { findCampaign } from "../records/find-letters.ts";

export interface ChaserSummary {
  id: number;
  recipient: string;
  /** The recipient's name as the board shows it. */
  name: string;
  state: string;
  createdAt: Date;
  /** The first letter it chases: when it went out and when its reply was due. */
  chases: { sentOn: string | null; dueOn: string | null; state: string };
}

/** Every chaser of a campaign, oldest first, with the letter each chases: one query. */
export async function listChasers(
  { campaign }: { campaign: string },
  deps: { database(): Promise<Database> },
): Promise<ChaserSummary[]> {
  const { db } = await deps.database();
  await findCampaign(db, campaign);
  const parent = alias(letters, "parent");
  const rows = await db
    .select({
      id: letters.id,
      recipient: recipients.key,
      fields: recipients.fields,
      state: letters.state,
      createdAt: letters.createdAt,
      chases: { sentOn: parent.sentOn, dueOn: parent.dueOn, state: parent.state },
    })
    .from(letters)
    .innerJoin(recipients, eq(recipients.id, letters.recipientId))
    .innerJoin(parent, eq(parent.id, letters.parentLetterId))
    .where(and(eq(letters.campaignId, campaign), eq(letters.kind, "chaser")))
    .orderBy(asc(letters.id));
  return rows.map(({ fields, ...row }) => ({
    ...row,
    name: recipientName({ key: row.recipient, fields }),
  }));
}
