import { and, eq } from "drizzle-orm";
import { PostbagError } from "../../errors.ts";
import { storedBytes, type FileStore } from "../../files/file-store.ts";
import type { Format, Letter } from "../../letters/model.ts";
import type { Database } from "../../store/database.ts";
import { letterVersionFiles, letterVersions } from "../../store/schema.ts";
import { findLetter, type LetterLookup } from "./find-letter.ts";
import { storedLetter } from "./stored-letter.ts";

export interface LetterFileDeps {
  database(): Promise<Database>;
  fileStore: Pick<FileStore, "get">;
  /** One letter in one format: in services, through the render pool. */
  renderLetter(letter: Letter, format: Format): Promise<Uint8Array>;
}

export type LetterFileOptions = LetterLookup & { format: Format };

export interface LetterFile {
  bytes: Uint8Array;
  mediaType: string;
  fileName: string;
}

const MEDIA_TYPES: Record<Format, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  html: "text/html; charset=utf-8",
  txt: "text/plain; charset=utf-8",
};

/**
 * A letter as a file to download. The PDF of an approved version is the one
 * kept on approval (the bytes that were approved and sent, same hash), never
 * a fresh rendering; a draft, and every other format, is rendered from the
 * current version's stored content.
 */
export async function letterFile(options: LetterFileOptions, deps: LetterFileDeps): Promise<LetterFile> {
  const { format } = options;
  if (!Object.hasOwn(MEDIA_TYPES, format)) {
    throw new PostbagError("bad_input", "the format must be pdf, docx, html or txt", { field: "format" });
  }
  const { db } = await deps.database();
  const { letter, recipient } = await findLetter(db, options);
  const [version] = await db
    .select({ content: letterVersions.content, hash: letterVersionFiles.fileHash })
    .from(letterVersions)
    .leftJoin(
      letterVersionFiles,
      and(eq(letterVersionFiles.versionId, letterVersions.id), eq(letterVersionFiles.format, format)),
    )
    .where(and(eq(letterVersions.letterId, letter.id), eq(letterVersions.number, letter.currentVersion)));
  if (!version) throw new PostbagError("not_found", `the letter to ${recipient.key} has no current version`);
  const kind = letter.kind === "chaser" ? `-chaser-${letter.id}` : "";
  // Ids are already safe (recipients.ts); the replace keeps a header safe whatever an older row holds.
  const fileName = `${letter.campaignId}-${recipient.key}${kind}.${format}`.replace(/[^A-Za-z0-9._-]/g, "-");
  const bytes =
    version.hash !== null
      ? await storedBytes(deps.fileStore, version.hash, "the approved file")
      : await deps.renderLetter(storedLetter(version.content, letter.campaignId, recipient), format);
  return { bytes, mediaType: MEDIA_TYPES[format], fileName };
}
