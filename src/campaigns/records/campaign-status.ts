import { recipientName } from "../recipient-name.ts";
import { and, asc, eq } from "drizzle-orm";
import type { Database } from "../../store/database.ts";
import { campaignRequests, letterItems, letters, recipients } from "../../store/schema.ts";
import { parseIsoDate } from "../deadlines/iso-date.ts";
import { findCampaign } from "./find-letters.ts";

export interface LetterStatus {
  recipient: string;
  name: string;
  /** The body written to (the `organisation` column), when the row names one. */
  organisation: string | null;
  state: string;
  sent: string | null;
  due: string | null;
  overdue: boolean;
  veryOverdue: boolean;
  items: { id: string; state: string; publicUrl: string | null }[];
}

export interface CampaignStatus {
  campaign: string;
  title: string;
  asOf: string;
  requests: { id: string; title: string }[];
  letters: LetterStatus[];
  totals: { letters: number; byState: Record<string, number>; overdue: number; veryOverdue: number };
}

/** Only a sent letter still waiting for its reply can be overdue. */
const AWAITING_REPLY = new Set(["sent"]);

export async function campaignStatus(
  { campaign, asOf }: { campaign: string; asOf: string },
  deps: { database(): Promise<Database> },
): Promise<CampaignStatus> {
  const day = parseIsoDate(asOf, "as-of");
  const { db } = await deps.database();
  const found = await findCampaign(db, campaign);
  const ofCampaign = and(eq(letters.campaignId, campaign), eq(letters.kind, "letter"));
  const rows = await db
    .select({
      letter: {
        id: letters.id,
        state: letters.state,
        sentOn: letters.sentOn,
        dueOn: letters.dueOn,
        veryDueOn: letters.veryDueOn,
      },
      key: recipients.key,
      fields: recipients.fields,
    })
    .from(letters)
    .innerJoin(recipients, eq(recipients.id, letters.recipientId))
    .where(ofCampaign)
    .orderBy(asc(letters.id));
  // The same letters' items by a join, not by a list of ids (one parameter
  // each), then grouped by letter in one pass.
  const items = await db
    .select({
      letterId: letterItems.letterId,
      itemId: letterItems.itemId,
      state: letterItems.state,
      publicUrl: letterItems.publicUrl,
    })
    .from(letterItems)
    .innerJoin(letters, eq(letters.id, letterItems.letterId))
    .where(ofCampaign)
    .orderBy(asc(letterItems.itemId));
  const itemsOf = new Map<number, typeof items>();
  for (const item of items) {
    const list = itemsOf.get(item.letterId);
    if (list) list.push(item);
    else itemsOf.set(item.letterId, [item]);
  }
  const requests = await db
    .select({ id: campaignRequests.id, title: campaignRequests.title })
    .from(campaignRequests)
    .where(eq(campaignRequests.campaignId, campaign))
    .orderBy(asc(campaignRequests.position));
  const order = new Map(requests.map((request, index) => [request.id, index]));
  const statuses = rows.map(({ letter, key, fields }): LetterStatus => {
    const waiting = AWAITING_REPLY.has(letter.state);
    return {
      recipient: key,
      name: recipientName({ key, fields }),
      organisation: fields.organisation || null,
      state: letter.state,
      sent: letter.sentOn,
      due: letter.dueOn,
      overdue: waiting && letter.dueOn !== null && day > letter.dueOn,
      veryOverdue: waiting && letter.veryDueOn !== null && day > letter.veryDueOn,
      items: (itemsOf.get(letter.id) ?? [])
        .sort((a, b) => (order.get(a.itemId) ?? 0) - (order.get(b.itemId) ?? 0))
        .map((item) => ({ id: item.itemId, state: item.state, publicUrl: item.publicUrl })),
    };
  });
  const byState: Record<string, number> = {};
  for (const status of statuses) byState[status.state] = (byState[status.state] ?? 0) + 1;
  return {
    campaign,
    title: found.title,
    asOf: day,
    requests,
    letters: statuses,
    totals: {
      letters: statuses.length,
      byState,
      overdue: statuses.filter((status) => status.overdue).length,
      veryOverdue: statuses.filter((status) => status.veryOverdue).length,
    },
  };
}
