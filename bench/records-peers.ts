import type { CampaignStatus } from "../src/campaigns/records/campaign-status.ts";
import type { OverdueLetter } from "../src/campaigns/records/overdue-letters.ts";
import type { RawClient } from "./records-databases.ts";

// The peers: the same answers written by hand as one SQL query each, sent
// through the driver under Drizzle. Timing them in the same run shows what
// the use cases cost on top of the database (query building, mapping, and
// their own work in JavaScript). Their rows must equal the use cases' answers.
// The overdue list comes as one JSON array, as the use case asks for it, and
// also a row per letter, to show what that would cost.

const NAME = `coalesce(nullif(r.fields->>'name', ''), nullif(r.fields->>'title', ''), r.key)`;

const STATUS = `SELECT r.key AS recipient, ${NAME} AS name, l.state, l.sent_on::text AS sent, l.due_on::text AS due,
    coalesce(l.state = 'sent' AND l.due_on < $2::date, false) AS overdue,
    coalesce(l.state = 'sent' AND l.very_due_on < $2::date, false) AS "veryOverdue",
    (SELECT coalesce(json_agg(json_build_object('id', i.item_id, 'state', i.state, 'publicUrl', i.public_url)
       ORDER BY q.position, i.item_id), '[]') FROM letter_items i
       LEFT JOIN campaign_requests q ON q.campaign_id = l.campaign_id AND q.id = i.item_id
       WHERE i.letter_id = l.id) AS items
  FROM letters l JOIN recipients r ON r.id = l.recipient_id
  WHERE l.campaign_id = $1 AND l.kind = 'letter' ORDER BY l.id`;

const FROM_OVERDUE = `FROM letters l JOIN recipients r ON r.id = l.recipient_id
  WHERE l.state = 'sent' AND l.due_on < $1::date`;

const OVERDUE = `SELECT json_agg(json_build_array(l.campaign_id, r.key, ${NAME}, l.sent_on, l.due_on,
    coalesce(l.very_due_on < $1::date, false)) ORDER BY l.due_on, l.id) AS rows ${FROM_OVERDUE}`;

const OVERDUE_ROWS = `SELECT l.campaign_id AS campaign, r.key AS recipient, ${NAME} AS name, l.sent_on::text AS sent,
    l.due_on::text AS due, coalesce(l.very_due_on < $1::date, false) AS "veryOverdue"
  ${FROM_OVERDUE} ORDER BY l.due_on, l.id`;

type Row = [string, string, string, string | null, string, boolean];

export const handStatus = async (client: RawClient, campaign: string, asOf: string) =>
  (await client.query<CampaignStatus["letters"][number]>(STATUS, [campaign, asOf])).rows;

export async function handOverdue(client: RawClient, asOf: string): Promise<OverdueLetter[]> {
  const [result] = (await client.query<{ rows: Row[] | null }>(OVERDUE, [asOf])).rows;
  return (result?.rows ?? []).map(([campaign, recipient, name, sent, due, veryOverdue]) => {
    return { campaign, recipient, name, sent, due, veryOverdue };
  });
}

export const handOverdueRows = async (client: RawClient, asOf: string) =>
  (await client.query<OverdueLetter>(OVERDUE_ROWS, [asOf])).rows;

/** Whether a peer's rows say the same as the use case (by their JSON). */
export function sameRows(ours: unknown[], peer: unknown[]): boolean {
  return JSON.stringify(ours) === JSON.stringify(peer);
}
