import { asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../store/database.ts";
import { campaigns, letters, replies } from "../../store/schema.ts";
import { parseIsoDate } from "../deadlines/iso-date.ts";

export interface CampaignSummary {
  id: string;
  title: string;
  date: string;
  templateVersion: number;
  /** First letters only: chasers are counted apart. */
  letters: number;
  byState: Record<string, number>;
  /** Letters that went out, whatever happened since (a sent date, or a state only a sent letter reaches). */
  sent: number;
  /** Letters with at least one reply recorded. */
  replied: number;
  /** Sent letters still waiting for a reply after their due date. */
  overdue: number;
  chasers: number;
}

/** Counts as int: PostgreSQL's count is a bigint, which pg hands over as a string. */
const countWhere = (condition: SQL) => sql<number>`(count(*) filter (where ${condition}))::int`;

/** Every campaign with its counts, newest first, in two grouped queries whatever the number of letters. */
export async function listCampaigns(
  { asOf }: { asOf: string },
  deps: { database(): Promise<Database> },
): Promise<CampaignSummary[]> {
  const day = parseIsoDate(asOf, "as-of");
  const { db } = await deps.database();
  const first = sql`${letters.kind} = 'letter'`;
  const rows = await db
    .select({
      id: campaigns.id,
      title: campaigns.title,
      date: campaigns.date,
      templateVersion: campaigns.templateVersion,
      letters: countWhere(first),
      sent: countWhere(
        sql`${first} and (${letters.sentOn} is not null or ${letters.state} in ('sent', 'replied', 'closed', 'returned'))`,
      ),
      replied: countWhere(
        sql`${first} and exists (select 1 from ${replies} where ${replies.letterId} = ${letters.id})`,
      ),
      overdue: countWhere(sql`${first} and ${letters.state} = 'sent' and ${letters.dueOn} < ${day}`),
      chasers: countWhere(sql`${letters.kind} = 'chaser'`),
    })
    .from(campaigns)
    // A left join keeps a campaign with no letters yet, with zero counts.
    .leftJoin(letters, eq(letters.campaignId, campaigns.id))
    .groupBy(campaigns.id)
    .orderBy(desc(campaigns.date), asc(campaigns.title));
  const states = await db
    .select({ campaign: letters.campaignId, state: letters.state, n: sql<number>`count(*)::int` })
    .from(letters)
    .where(eq(letters.kind, "letter"))
    .groupBy(letters.campaignId, letters.state);
  const byCampaign = new Map<string, Record<string, number>>();
  for (const { campaign, state, n } of states) {
    const counts = byCampaign.get(campaign) ?? {};
    counts[state] = n;
    byCampaign.set(campaign, counts);
  }
  return rows.map((row) => ({ ...row, byState: byCampaign.get(row.id) ?? {} }));
}
