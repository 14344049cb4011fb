import { and, eq, lt, sql } from "drizzle-orm";
import type { Database } from "../../store/database.ts";
import { letters, recipients } from "../../store/schema.ts";
import { parseIsoDate } from "../deadlines/iso-date.ts";

export interface OverdueLetter {
  campaign: string;
  recipient: string;
  name: string;
  sent: string | null;
  due: string;
  veryOverdue: boolean;
}

/** One overdue letter as the database sends it: [campaign, recipient, name, sent, due, very overdue]. */
type Row = [string, string, string, string | null, string, boolean];

/**
 * Every letter, across all campaigns, still waiting for a reply after its due
 * date, oldest due first. Served by the index on (state, due_on).
 *
 * The list can be long (tens of thousands of letters), so the database sends
 * it as one JSON array rather than a row per letter: PGlite hands each value of
 * a result over one by one, and a row per letter took over twice the time
 * (bench/records-bench.ts). The name is taken from the recipient's fields there
 * too, so that the fields themselves stay in the database.
 */
export async function overdueLetters(
  { asOf }: { asOf: string },
  deps: { database(): Promise<Database> },
): Promise<{ asOf: string; letters: OverdueLetter[] }> {
  const day = parseIsoDate(asOf, "as-of");
  const { db } = await deps.database();
  const { fields, key } = recipients;
  const name = sql`coalesce(nullif(${fields}->>'name', ''), nullif(${fields}->>'title', ''), ${key})`;
  const veryOverdue = sql`coalesce(${letters.veryDueOn} < ${day}, false)`;
  const [result] = await db
    .select({
      rows: sql<Row[] | null>`json_agg(json_build_array(${letters.campaignId}, ${key}, ${name},
        ${letters.sentOn}, ${letters.dueOn}, ${veryOverdue}) order by ${letters.dueOn}, ${letters.id})`,
    })
    .from(letters)
    .innerJoin(recipients, eq(recipients.id, letters.recipientId))
    // First letters: a chaser's own due date only spaces the next chaser (chaser-rules.ts).
    .where(and(eq(letters.state, "sent"), eq(letters.kind, "letter"), lt(letters.dueOn, day)));
  return {
    asOf: day,
    letters: (result?.rows ?? []).map(([campaign, recipient, name, sent, due, veryOverdue]) => ({
      campaign,
      recipient,
      name,
      sent,
      due,
      veryOverdue,
    })),
  };
}
