import { and, eq, isNotNull } from "drizzle-orm";
import { findLetter } from "../../campaigns/queries/find-letter.ts";
import { replies, letters } from "../../store/schema.ts";
import { ensureDocuments } from "./ensure-documents.ts";
import { refreshDocument } from "./refresh-document.ts";
import type { ReviewDeps } from "./review-deps.ts";

// Runs the publication checks on every document of a letter's replies (or a
// whole campaign's) that has not been checked yet. Checked documents are not
// checked again: their findings and resolutions stand.

export async function checkLetterDocuments(
  options: { campaign: string; recipient: string },
  deps: ReviewDeps,
): Promise<{ checked: number }> {
  const { db } = await deps.database();
  const { letter } = await findLetter(db, options);
  const replyRows = await db.select({ id: replies.id }).from(replies).where(eq(replies.letterId, letter.id));
  return checkAll(
    await ensureDocuments(
      db,
      replyRows.map((reply) => reply.id),
      deps,
    ),
    deps,
  );
}

export async function checkCampaignDocuments(
  options: { campaign: string; onProgress?: (done: number, total: number) => void },
  deps: ReviewDeps,
): Promise<{ checked: number }> {
  const { db } = await deps.database();
  const replyRows = await db
    .select({ id: replies.id })
    .from(replies)
    .innerJoin(letters, eq(letters.id, replies.letterId))
    .where(and(eq(letters.campaignId, options.campaign), isNotNull(letters.sentOn)));
  const ids = replyRows.map((reply) => reply.id);
  return checkAll(await ensureDocuments(db, ids, deps), deps, options.onProgress);
}

async function checkAll(
  documentIds: number[],
  deps: ReviewDeps,
  onProgress?: (done: number, total: number) => void,
): Promise<{ checked: number }> {
  for (const [index, id] of documentIds.entries()) {
    await refreshDocument(id, deps);
    onProgress?.(index + 1, documentIds.length);
  }
  return { checked: documentIds.length };
}
