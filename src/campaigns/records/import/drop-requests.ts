import { and, eq, inArray, isNotNull, notInArray, or } from "drizzle-orm";
import { PostbagError } from "../../../errors.ts";
import type { Tx } from "../../../store/database.ts";
import { campaignRequests, letterItems, letters } from "../../../store/schema.ts";

// A requested item taken out of campaign.yaml: gone from the campaign and
// from its unsent letters. An item a sent letter asked for is part of what
// was asked: it cannot be taken out, and the import says so.

const UNSENT = ["draft", "approved", "withdrawn"];

export async function dropRequests(tx: Tx, campaignId: string, kept: string[]): Promise<void> {
  const dropped = (
    await tx
      .select({ id: campaignRequests.id })
      .from(campaignRequests)
      .where(
        and(
          eq(campaignRequests.campaignId, campaignId),
          kept.length > 0 ? notInArray(campaignRequests.id, kept) : undefined,
        ),
      )
  ).map((row) => row.id);
  if (dropped.length === 0) return;
  const ids = (
    await tx.select({ id: letters.id }).from(letters).where(eq(letters.campaignId, campaignId))
  ).map((row) => row.id);
  if (ids.length > 0) {
    const [asked] = await tx
      .select({ item: letterItems.itemId })
      .from(letterItems)
      .innerJoin(letters, eq(letters.id, letterItems.letterId))
      .where(
        and(
          inArray(letterItems.letterId, ids),
          inArray(letterItems.itemId, dropped),
          or(isNotNull(letters.sentOn), notInArray(letters.state, UNSENT)),
        ),
      )
      .limit(1);
    if (asked) {
      throw new PostbagError(
        "bad_input",
        `the requested item "${asked.item}" was asked for in letters already sent, so it cannot be taken out: put it back (its title may change)`,
        { file: "campaign.yaml", field: "requests" },
      );
    }
    await tx
      .delete(letterItems)
      .where(and(inArray(letterItems.letterId, ids), inArray(letterItems.itemId, dropped)));
  }
  await tx
    .delete(campaignRequests)
    .where(and(eq(campaignRequests.campaignId, campaignId), inArray(campaignRequests.id, dropped)));
}
