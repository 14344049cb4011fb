import { and, asc, eq, sql } from "drizzle-orm";
import { findCampaign } from "../campaigns/records/find-letters.ts";
import type { Database } from "../store/database.ts";
import {
  campaignRequests,
  digestAnswers,
  digestThemes,
  fileTexts,
  letterItems,
  letters,
  publications,
  recipients,
  replies,
  replyFiles,
} from "../store/schema.ts";
import type { QuestionKind } from "../files/read-campaign-yaml.ts";
import { fileToSplit, type TextToSplit } from "./passages.ts";

// What a campaign's digest is made of, read in two parts: its frame (the
// questions and requested items, each body written to (its first letter's
// recipient) with its items' states, and people's decisions), read on every
// view; and every text the replies brought (the reply's own words and each
// file's text, pages marked by form feeds), read only to build the digest.

export interface DigestFrame {
  campaign: string;
  title: string;
  questions: { id: string; question: string; kind: QuestionKind }[];
  requests: { id: string; title: string }[];
  bodies: DigestBody[];
  /** People's decisions on the digest's cells. */
  answers: DigestAnswer[];
  /** What the campaign asked, in words (the letter, its items, its questions): not themes of the replies. */
  asked: string;
  /** People's changes to the themes. */
  themeChanges: (typeof digestThemes.$inferSelect)[];
  /** When the campaign and its digest were published, if they are. */
  published: { campaign: Date | null; digest: Date | null };
}

export type DigestAnswer = typeof digestAnswers.$inferSelect;

export interface DigestBody {
  recipient: string;
  /** The body written to: its organisation, else the recipient's title or name. */
  name: string;
  items: Record<string, string>;
}

type Deps = { database(): Promise<Database> };

export async function digestFrame(campaign: string, deps: Deps): Promise<DigestFrame> {
  const { db } = await deps.database();
  const found = await findCampaign(db, campaign);
  const requests = await db
    .select({ id: campaignRequests.id, title: campaignRequests.title })
    .from(campaignRequests)
    .where(eq(campaignRequests.campaignId, campaign))
    .orderBy(asc(campaignRequests.position));
  const firstLetters = and(eq(letters.campaignId, campaign), eq(letters.kind, "letter"));
  const rows = await db
    .select({ letterId: letters.id, key: recipients.key, fields: recipients.fields })
    .from(letters)
    .innerJoin(recipients, eq(recipients.id, letters.recipientId))
    .where(firstLetters)
    .orderBy(asc(letters.id));
  const items = await db
    .select({ letterId: letterItems.letterId, itemId: letterItems.itemId, state: letterItems.state })
    .from(letterItems)
    .innerJoin(letters, eq(letters.id, letterItems.letterId))
    .where(firstLetters);
  const answers = await db.select().from(digestAnswers).where(eq(digestAnswers.campaignId, campaign));
  const themeChanges = await db.select().from(digestThemes).where(eq(digestThemes.campaignId, campaign));
  const publicationRows = await db
    .select({ entity: publications.entity, at: publications.publishedAt })
    .from(publications)
    .where(and(eq(publications.campaignId, campaign), eq(publications.entityId, campaign)));
  const publishedAt = (entity: string) => publicationRows.find((row) => row.entity === entity)?.at ?? null;
  const questions = found.questions as DigestFrame["questions"];
  const itemsOf = groupBy(items, (item) => item.letterId);
  return {
    campaign,
    title: found.title,
    answers,
    themeChanges,
    published: { campaign: publishedAt("campaign"), digest: publishedAt("digest") },
    asked: [found.letterSource, ...requests.map((r) => r.title), ...questions.map((q) => q.question)].join(
      "\n\n",
    ),
    questions,
    requests,
    bodies: rows.map(({ letterId, key, fields }) => ({
      recipient: key,
      name: fields.organisation || fields.title || fields.name || key,
      items: Object.fromEntries((itemsOf.get(letterId) ?? []).map((item) => [item.itemId, item.state])),
    })),
  };
}

/**
 * What the campaign's reply texts are now, in a few bytes: which replies,
 * to which body, with which files and how long their texts are (a file's
 * text arrives after its reply, OCR later still). Summed in the database,
 * so that telling whether the digest is current reads no text.
 */
export async function textsStamp(campaign: string, deps: Deps): Promise<{ stamp: string; bytes: number }> {
  const { db } = await deps.database();
  const [row] = await db
    .select({
      stamp: sql<string>`coalesce(md5(string_agg(${replies.id} || ':' || ${letters.recipientId} || ':' || coalesce(${replyFiles.fileHash}, '') || ':' || coalesce(octet_length(${fileTexts.text}), -1), ',' order by ${replies.id}, ${replyFiles.fileHash})), '')`,
      bytes: sql<string>`coalesce(sum(octet_length(${fileTexts.text})), 0) + coalesce(sum(octet_length(${replies.text})), 0)`,
    })
    .from(replies)
    .innerJoin(letters, eq(letters.id, replies.letterId))
    .leftJoin(replyFiles, eq(replyFiles.replyId, replies.id))
    .leftJoin(fileTexts, eq(fileTexts.fileHash, replyFiles.fileHash))
    .where(eq(letters.campaignId, campaign));
  return { stamp: row?.stamp ?? "", bytes: Number(row?.bytes ?? 0) };
}

/** Every text each body's replies brought (replies to chasers count too: the same body's answer). */
export async function digestTexts(campaign: string, deps: Deps): Promise<Map<string, TextToSplit[]>> {
  const { db } = await deps.database();
  const texts = await db
    .select({
      key: recipients.key,
      replyId: replies.id,
      replyText: replies.text,
      file: replyFiles.name,
      hash: replyFiles.fileHash,
      fileText: fileTexts.text,
      pageStarts: fileTexts.pageStarts,
    })
    .from(replies)
    .innerJoin(letters, eq(letters.id, replies.letterId))
    .innerJoin(recipients, eq(recipients.id, letters.recipientId))
    .leftJoin(replyFiles, eq(replyFiles.replyId, replies.id))
    .leftJoin(fileTexts, eq(fileTexts.fileHash, replyFiles.fileHash))
    .where(eq(letters.campaignId, campaign))
    .orderBy(asc(replies.id));
  return new Map([...groupBy(texts, (row) => row.key)].map(([key, rows]) => [key, textsOf(rows)]));
}

function groupBy<T, K>(rows: T[], keyOf: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const list = groups.get(keyOf(row));
    if (list) list.push(row);
    else groups.set(keyOf(row), [row]);
  }
  return groups;
}

type TextRow = {
  replyId: number;
  replyText: string;
  file: string | null;
  hash: string | null;
  fileText: string | null;
  pageStarts: number[] | null;
};

function textsOf(rows: TextRow[]): TextToSplit[] {
  const seen = new Set<number>();
  const found: TextToSplit[] = [];
  for (const row of rows) {
    if (!seen.has(row.replyId) && row.replyText.trim() !== "")
      found.push({ file: null, text: row.replyText });
    seen.add(row.replyId);
    if (row.file && row.hash && row.fileText)
      found.push({ ...fileToSplit(row.file, row.fileText, row.pageStarts), hash: row.hash });
  }
  return found;
}
