import type { Readable } from "node:stream";
import { and, eq } from "drizzle-orm";
import { PostbagError } from "../../errors.ts";
import { storedStream, type FileStore } from "../../files/file-store.ts";
import type { Database } from "../../store/database.ts";
import { files, replies, replyFiles } from "../../store/schema.ts";
import { findLetter, type LetterLookup } from "./find-letter.ts";

export type ReplyFileOptions = LetterLookup & { hash: string };

export interface ReplyFile {
  /** The stored bytes, to stream to whoever asked (never held whole). */
  stream: Readable;
  name: string;
  mediaType: string;
  size: number;
}

/**
 * A file attached to one of this letter's replies. The store keeps files by
 * hash for every campaign, so a hash alone would open any of them: it is only
 * given when a reply of this very letter holds it.
 */
export async function replyFile(
  options: ReplyFileOptions,
  deps: { database(): Promise<Database>; fileStore: Pick<FileStore, "stream"> },
): Promise<ReplyFile> {
  const { db } = await deps.database();
  const { letter } = await findLetter(db, options);
  const [row] = await db
    .select({ name: replyFiles.name, mediaType: files.mediaType, size: files.size })
    .from(replyFiles)
    .innerJoin(replies, eq(replies.id, replyFiles.replyId))
    .innerJoin(files, eq(files.hash, replyFiles.fileHash))
    .where(and(eq(replies.letterId, letter.id), eq(replyFiles.fileHash, options.hash)))
    .limit(1);
  if (!row) {
    throw new PostbagError("not_found", `no reply to ${options.recipient} has that file`, { field: "hash" });
  }
  return { stream: await storedStream(deps.fileStore, options.hash, row.name), ...row };
}
