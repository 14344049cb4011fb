import { and, asc, eq } from "drizzle-orm";
import { findCampaign } from "../campaigns/records/find-letters.ts";
import type { Database } from "../store/database.ts";
import {
  campaignRequests,
  digestAnswers,
  digestThemes,
  fileTexts,
  letterItems,
  letters,
  recipients,
  replies,
  replyFiles,
} from "../store/schema.ts";
import type { QuestionKind } from "../files/read-campaign-yaml.ts";
import { fileToSplit, type TextToSplit } from "./passages.ts";

// What a campaign's digest is built from, read in four queries: the
// campaign's questions and requested items, each body written to (its
// first letter's recipient) with its items' states, and every text its
// replies brought: the reply's own words and each file's text, with the
// pages marked (a form feed where each page starts).

export interface DigestSources {
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
}

export type DigestAnswer = typeof digestAnswers.$inferSelect;

export interface DigestBody {
  recipient: string;
  /** The body written to: its organisation, else the recipient's title or name. */
  name: string;
  items: Record<string, string>;
  texts: TextToSplit[];
}

export async function digestSources(
  campaign: string,
  deps: { database(): Promise<Database> },
): Promise<DigestSources> {
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
  // Replies to chasers count too: they are the same body's answer.
  const texts = await db
    .select({
      key: recipients.key,
      replyId: replies.id,
      replyText: replies.text,
      file: replyFiles.name,
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
  const answers = await db.select().from(digestAnswers).where(eq(digestAnswers.campaignId, campaign));
  const themeChanges = await db.select().from(digestThemes).where(eq(digestThemes.campaignId, campaign));
  const questions = found.questions as DigestSources["questions"];
  // Grouped once, not filtered again for each body.
  const itemsOf = new Map<number, typeof items>();
  for (const item of items) {
    const list = itemsOf.get(item.letterId);
    if (list) list.push(item);
    else itemsOf.set(item.letterId, [item]);
  }
  const textRows = new Map<string, typeof texts>();
  for (const row of texts) {
    const list = textRows.get(row.key);
    if (list) list.push(row);
    else textRows.set(row.key, [row]);
  }
  return {
    campaign,
    title: found.title,
    answers,
    themeChanges,
    asked: [found.letterSource, ...requests.map((r) => r.title), ...questions.map((q) => q.question)].join(
      "\n\n",
    ),
    questions,
    requests,
    bodies: rows.map(({ letterId, key, fields }) => ({
      recipient: key,
      name: fields.organisation || fields.title || fields.name || key,
      items: Object.fromEntries((itemsOf.get(letterId) ?? []).map((item) => [item.itemId, item.state])),
      texts: textsOf(textRows.get(key) ?? []),
    })),
  };
}

type TextRow = {
  replyId: number;
  replyText: string;
  file: string | null;
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
    if (row.file && row.fileText) found.push(fileToSplit(row.file, row.fileText, row.pageStarts));
  }
  return found;
}
