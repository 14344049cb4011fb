import { asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../store/database.ts";
import {
  fileTexts,
  files,
  letterVersionFiles,
  letterVersions,
  outboundMessages,
  replies,
  replyFiles,
} from "../../store/schema.ts";

export interface VersionSummary {
  number: number;
  contentHash: string;
  approvedBy: string | null;
  approvedAt: Date | null;
  createdAt: Date;
  /** Formats kept in the file store for this version (the PDF once approved). */
  formats: string[];
}

/** One try to send the letter by email or Notify: queued, sending, sent, failed or returned, with its reason. */
export interface SendSummary {
  channel: string;
  to: string;
  state: string;
  reason: string | null;
  queuedAt: Date;
  sentAt: Date | null;
}

export interface ReplySummary {
  id: number;
  receivedOn: string;
  channel: string;
  sender: string;
  text: string;
  files: ReplyFileSummary[];
}

export interface ReplyFileSummary {
  name: string;
  hash: string;
  size: number;
  mediaType: string;
  /** What reading its text found wrong ("the PDF is encrypted…", a page OCR read badly). */
  problems: string[];
  /** Its scanned pages read by OCR, and their mean confidence (null: no scan read). */
  ocr: { pages: number; confidence: number; words: number } | null;
}

/** From file_texts.ocr, only the figures a page shows (the words stay in the database). */
const OCR_SUMMARY = sql<{
  pages: number;
  confidence: number;
  words: number;
} | null>`case when ${fileTexts.ocr} is null then null else jsonb_build_object(
  'pages', jsonb_array_length(${fileTexts.ocr}->'pages'),
  'confidence', (select round(avg((page->>'confidence')::numeric)) from jsonb_array_elements(${fileTexts.ocr}->'pages') as page),
  'words', (select coalesce(sum(jsonb_array_length(page->'words')), 0) from jsonb_array_elements(${fileTexts.ocr}->'pages') as page)
) end`;

/**
 * A letter's versions, each with its stored formats, and the current one's
 * content. One query: a left join gives a row per (version, format), folded
 * here; only the current version's content is sent back.
 */
export async function versionsOf(db: Db, letterId: number, current: number) {
  const rows = await db
    .select({ version: letterVersions, format: letterVersionFiles.format })
    .from(letterVersions)
    .leftJoin(letterVersionFiles, eq(letterVersionFiles.versionId, letterVersions.id))
    .where(eq(letterVersions.letterId, letterId))
    .orderBy(asc(letterVersions.number), asc(letterVersionFiles.format));
  const versions = new Map<number, VersionSummary>();
  let content: unknown = null;
  for (const { version, format } of rows) {
    const { number, contentHash, approvedBy, approvedAt, createdAt } = version;
    let summary = versions.get(number);
    if (!summary) {
      summary = { number, contentHash, approvedBy, approvedAt, createdAt, formats: [] };
      versions.set(number, summary);
    }
    if (format) summary.formats.push(format);
    if (number === current) content = version.content;
  }
  return { versions: [...versions.values()], content };
}

/** A letter's replies, newest first, each with its files: one query, folded here. */
export async function repliesOf(db: Db, letterId: number): Promise<ReplySummary[]> {
  const rows = await db
    .select({
      reply: replies,
      name: replyFiles.name,
      file: files,
      problems: fileTexts.problems,
      ocr: OCR_SUMMARY,
    })
    .from(replies)
    .leftJoin(replyFiles, eq(replyFiles.replyId, replies.id))
    .leftJoin(files, eq(files.hash, replyFiles.fileHash))
    .leftJoin(fileTexts, eq(fileTexts.fileHash, replyFiles.fileHash))
    .where(eq(replies.letterId, letterId))
    .orderBy(desc(replies.receivedOn), desc(replies.id), asc(replyFiles.name));
  const found = new Map<number, ReplySummary>();
  for (const { reply, name, file, problems, ocr } of rows) {
    let summary = found.get(reply.id);
    if (!summary) {
      const { id, receivedOn, channel, sender, text } = reply;
      summary = { id, receivedOn, channel, sender, text, files: [] };
      found.set(reply.id, summary);
    }
    if (name !== null && file) {
      summary.files.push({ name, ...pickFile(file), problems: problems ?? [], ocr: ocr ?? null });
    }
  }
  return [...found.values()];
}

function pickFile(file: typeof files.$inferSelect) {
  return { hash: file.hash, size: file.size, mediaType: file.mediaType };
}

/** Every send of the letter, oldest first: a failed or returned one stays in the history beside the send after it. */
export async function sendsOf(db: Db, letterId: number): Promise<SendSummary[]> {
  return db
    .select({
      channel: outboundMessages.channel,
      to: outboundMessages.toAddress,
      state: outboundMessages.state,
      reason: outboundMessages.lastError,
      queuedAt: outboundMessages.queuedAt,
      sentAt: outboundMessages.sentAt,
    })
    .from(outboundMessages)
    .where(eq(outboundMessages.letterId, letterId))
    .orderBy(asc(outboundMessages.id));
}
