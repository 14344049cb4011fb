import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { PostbagError } from "../../errors.ts";
import { storeFileTexts, type StoreFileTextsDeps } from "../../replies/store-file-texts.ts";
import type { FileStore } from "../../files/file-store.ts";
import { appendAudit } from "../../store/audit.ts";
import type { Database } from "../../store/database.ts";
import { files, replies, replyFiles } from "../../store/schema.ts";
import { parseIsoDate } from "../deadlines/iso-date.ts";
import { checkLetterTransition, ITEM_STATES, type ItemState } from "../states.ts";
import { findLettersForUpdate, updateLetter } from "./find-letters.ts";
import { applyItemUpdate } from "./update-item.ts";
import { inTransaction } from "../../store/transaction.ts";

export interface ItemUpdate {
  itemId: string;
  state: ItemState;
  publicUrl: string | null;
}

/** A file already in memory (a web upload): its name as sent and its bytes. */
export interface ReplyFileBytes {
  name: string;
  bytes: Buffer;
}

export interface RecordReplyOptions {
  campaign: string;
  recipient: string;
  on: string;
  channel?: string;
  /** Who sent the reply, and what it says (a summary or the text of an email). */
  sender?: string | undefined;
  text?: string | undefined;
  /** Paths on this machine (the command line) or uploaded bytes (the web app). */
  files: (string | ReplyFileBytes)[];
  items: ItemUpdate[];
  actor: string;
}

const MEDIA_TYPES: Record<string, string> = {
  ".pdf": "application/pdf",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".txt": "text/plain",
  ".html": "text/html",
  ".eml": "message/rfc822",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".tif": "image/tiff",
  ".tiff": "image/tiff",
};

/** "needs-assessment=received", "strategy=public:https://…": one item's new state. */
export function parseItemUpdate(text: string): ItemUpdate {
  const match = /^([^=]+)=(public:(.+)|[a-z-]+)$/.exec(text.trim());
  const state = match?.[3] ? "public" : match?.[2];
  if (!match?.[1] || !state || !(ITEM_STATES as readonly string[]).includes(state) || state === "requested") {
    throw new PostbagError(
      "bad_input",
      `"${text}" is not an item update: write <item-id>=received, declined, not-held or public:<url>`,
      { field: "item" },
    );
  }
  const publicUrl = match[3] ?? null;
  if (publicUrl && !/^https?:\/\/\S+$/.test(publicUrl)) {
    throw new PostbagError("bad_input", `"${publicUrl}" is not a web address (http:// or https://)`, {
      field: "item",
    });
  }
  return { itemId: match[1].trim(), state: state as ItemState, publicUrl };
}

/**
 * Records a reply to a sent letter, its files and what it says of each
 * requested item; then, with `extractText`, reads each file's text (a scan by
 * OCR) into file_texts for search and suggestions.
 */
export async function recordReply(
  options: RecordReplyOptions,
  deps: {
    database(): Promise<Database>;
    fileStore: FileStore;
    extractText?: StoreFileTextsDeps["extractText"];
  },
): Promise<{ campaign: string; recipient: string; reply: number; files: { name: string; hash: string }[] }> {
  const recorded = await recordReplyRows(options, deps);
  if (deps.extractText) {
    const files = recorded.stored.map(({ hash, name, mediaType, bytes }) => ({
      hash,
      name,
      mediaType,
      bytes: async () => bytes,
    }));
    // The reply is recorded whatever happens here: a file whose reading fails
    // has no text yet, and is read again when it is checked for publication.
    await storeFileTexts(files, { database: () => deps.database(), extractText: deps.extractText }).catch(
      () => undefined,
    );
  }
  return recorded.result;
}

async function recordReplyRows(
  options: RecordReplyOptions,
  deps: { database(): Promise<Database>; fileStore: FileStore },
) {
  const receivedOn = parseIsoDate(options.on, "on");
  // Read and store the files first: a missing file stops everything before the database is touched.
  const stored: { hash: string; size: number; name: string; mediaType: string; bytes: Uint8Array }[] = [];
  for (const given of options.files) {
    const { name, bytes } = typeof given === "string" ? await readReplyFile(given) : given;
    const file = await deps.fileStore.put(bytes);
    // The type comes from the name's extension, never from what a browser claimed.
    stored.push({
      ...file,
      name,
      bytes,
      mediaType: MEDIA_TYPES[extname(name).toLowerCase()] ?? "application/octet-stream",
    });
  }
  const { db } = await deps.database();
  const result = await inTransaction(db, async (tx) => {
    const [row] = await findLettersForUpdate(tx, options.campaign, options.recipient);
    if (!row) throw new PostbagError("not_found", `no letter to ${options.recipient}`);
    const { letter } = row;
    const what = `the letter to ${options.recipient}`;
    checkLetterTransition(what, letter.state, "replied");
    const [reply] = await tx
      .insert(replies)
      .values({
        letterId: letter.id,
        receivedOn,
        channel: options.channel ?? "post",
        sender: options.sender ?? "",
        text: options.text ?? "",
      })
      .returning({ id: replies.id });
    const replyId = reply?.id ?? 0;
    for (const file of stored) {
      await tx
        .insert(files)
        .values({ hash: file.hash, size: file.size, mediaType: file.mediaType })
        .onConflictDoNothing();
      await tx
        .insert(replyFiles)
        .values({ replyId, fileHash: file.hash, name: file.name })
        .onConflictDoNothing();
    }
    await updateLetter(tx, letter, { state: "replied" });
    const entityId = `${options.campaign}/${options.recipient}`;
    await appendAudit(tx, {
      actor: options.actor,
      action: "letter.replied",
      entity: "letter",
      entityId,
      before: { state: letter.state },
      after: {
        state: "replied",
        reply: replyId,
        receivedOn,
        files: stored.map(({ name, hash }) => ({ name, hash })),
      },
    });
    for (const update of options.items) {
      await applyItemUpdate(
        tx,
        { letterId: letter.id, entityId, recipient: options.recipient },
        { ...update, actor: options.actor },
      );
    }
    return {
      campaign: options.campaign,
      recipient: options.recipient,
      reply: replyId,
      files: stored.map(({ name, hash }) => ({ name, hash })),
    };
  });
  return { result, stored };
}

async function readReplyFile(path: string): Promise<ReplyFileBytes> {
  const bytes = await readFile(path).catch(() => {
    throw new PostbagError("not_found", "the file cannot be read", { file: path });
  });
  return { name: basename(path), bytes };
}
