import { eq, inArray } from "drizzle-orm";
import type { Db } from "../../store/database.ts";
import { documents, files, replies, replyFiles } from "../../store/schema.ts";
import type { ReviewDeps } from "./review-deps.ts";

// Every reply gives documents to review: its own text (as reply.txt) and each
// attached file. Rows are made on first need, once each (a unique index makes
// a second, concurrent attempt a no-op); the ids of those not yet checked are returned.

export const BODY_NAME = "reply.txt";
const BODY_TYPE = "text/plain; charset=utf-8";

export async function ensureDocuments(
  db: Db,
  replyIds: number[],
  deps: Pick<ReviewDeps, "fileStore">,
): Promise<number[]> {
  if (replyIds.length === 0) return [];
  const bodies = await db
    .select({ id: replies.id, text: replies.text })
    .from(replies)
    .where(inArray(replies.id, replyIds));
  const attached = await db
    .select({
      replyId: replyFiles.replyId,
      name: replyFiles.name,
      hash: replyFiles.fileHash,
      mediaType: files.mediaType,
    })
    .from(replyFiles)
    .innerJoin(files, eq(files.hash, replyFiles.fileHash))
    .where(inArray(replyFiles.replyId, replyIds));
  const existing = await db
    .select({ replyId: documents.replyId, source: documents.source })
    .from(documents)
    .where(inArray(documents.replyId, replyIds));
  // A reply's text is stored as a file once, when its document is first made, not on every look.
  const hasBody = new Set(existing.filter((row) => row.source === "body").map((row) => row.replyId));
  const wanted: (typeof documents.$inferInsert)[] = [];
  for (const body of bodies.filter((reply) => reply.text.trim() !== "" && !hasBody.has(reply.id))) {
    const stored = await deps.fileStore.put(Buffer.from(body.text, "utf8"));
    await db
      .insert(files)
      .values({ hash: stored.hash, size: stored.size, mediaType: BODY_TYPE })
      .onConflictDoNothing();
    wanted.push({
      replyId: body.id,
      source: "body",
      name: BODY_NAME,
      mediaType: BODY_TYPE,
      originalHash: stored.hash,
    });
  }
  for (const file of attached) {
    wanted.push({
      replyId: file.replyId,
      source: "file",
      name: file.name,
      mediaType: file.mediaType,
      originalHash: file.hash,
    });
  }
  if (wanted.length > 0) await db.insert(documents).values(wanted).onConflictDoNothing();
  const unchecked = await db
    .select({ id: documents.id, checkedAt: documents.checkedAt })
    .from(documents)
    .where(inArray(documents.replyId, replyIds));
  return unchecked.filter((row) => row.checkedAt === null).map((row) => row.id);
}
