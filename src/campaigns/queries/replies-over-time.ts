import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Database } from "../../store/database.ts";
import { letters, replies } from "../../store/schema.ts";
import { findCampaign } from "../records/find-letters.ts";

export interface ChartPoint {
  date: string;
  /** Replies received that day. */
  replies: number;
  /** Replies received up to and including that day. */
  cumulative: number;
  /** First letters sent that day (by their sent date). */
  sent: number;
  sentCumulative: number;
}

/**
 * A campaign's replies and letters sent, per day, for a chart: one point for
 * each day on which either happened, oldest first. Two grouped queries, so
 * the database sends one row per day, not one per reply.
 */
export async function repliesOverTime(
  { campaign }: { campaign: string },
  deps: { database(): Promise<Database> },
): Promise<ChartPoint[]> {
  const { db } = await deps.database();
  await findCampaign(db, campaign);
  const received = await db
    .select({ date: replies.receivedOn, n: sql<number>`count(*)::int` })
    .from(replies)
    .innerJoin(letters, eq(letters.id, replies.letterId))
    .where(eq(letters.campaignId, campaign))
    .groupBy(replies.receivedOn);
  const sent = await db
    .select({ date: letters.sentOn, n: sql<number>`count(*)::int` })
    .from(letters)
    .where(and(eq(letters.campaignId, campaign), eq(letters.kind, "letter"), isNotNull(letters.sentOn)))
    .groupBy(letters.sentOn);
  const days = new Map<string, { replies: number; sent: number }>();
  const day = (date: string) => {
    const counts = days.get(date) ?? { replies: 0, sent: 0 };
    days.set(date, counts);
    return counts;
  };
  for (const row of received) day(row.date).replies = row.n;
  for (const row of sent) if (row.date) day(row.date).sent = row.n;
  let cumulative = 0;
  let sentCumulative = 0;
  // ISO dates sort as strings.
  return [...days.keys()].sort().map((date) => {
    const counts = days.get(date) ?? { replies: 0, sent: 0 };
    cumulative += counts.replies;
    sentCumulative += counts.sent;
    return { date, replies: counts.replies, cumulative, sent: counts.sent, sentCumulative };
  });
}
