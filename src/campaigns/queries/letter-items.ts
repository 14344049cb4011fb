import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../store/database.ts";
import { campaignRequests, letterItems, letters, recipients } from "../../store/schema.ts";

/** What the letter asks for, in campaign.yaml's order, with each item's state: one query. */
export async function itemsOf(db: Db, letter: { id: number; campaignId: string }) {
  const rows = await db
    .select({
      id: letterItems.itemId,
      title: campaignRequests.title,
      state: letterItems.state,
      publicUrl: letterItems.publicUrl,
    })
    .from(letterItems)
    .leftJoin(
      campaignRequests,
      and(eq(campaignRequests.campaignId, letter.campaignId), eq(campaignRequests.id, letterItems.itemId)),
    )
    .where(eq(letterItems.letterId, letter.id))
    .orderBy(asc(campaignRequests.position), asc(letterItems.itemId));
  // An item whose request has no row (left campaign.yaml) keeps its id as its title.
  return rows.map((item) => ({ ...item, title: item.title ?? item.id }));
}

/** The chasers sent after a first letter, oldest first: one query. */
export async function chasersOf(db: Db, letterId: number) {
  return db
    .select({ id: letters.id, recipient: recipients.key, state: letters.state, createdAt: letters.createdAt })
    .from(letters)
    .innerJoin(recipients, eq(recipients.id, letters.recipientId))
    .where(and(eq(letters.kind, "chaser"), eq(letters.parentLetterId, letterId)))
    .orderBy(asc(letters.id));
}
