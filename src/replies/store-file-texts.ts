import { eq } from "drizzle-orm";
import type { Database } from "../store/database.ts";
import { fileTexts } from "../store/schema.ts";
import type { ExtractedText, FileToRead } from "./extract-text.ts";
import type { ScanReading } from "../documents/ocr/scan-reading.ts";

// The text of each file a reply came with, read once per file (the same
// bytes are read once, whoever sent them) and kept in file_texts with what
// OCR made of its scans: search, item suggestions and the publication checks
// read it from there rather than reading (and scanning) the file again.

export interface FileToStoreText {
  hash: string;
  name: string;
  mediaType?: string;
  /** Its bytes, asked for only when its text is not stored yet. */
  bytes(): Promise<Uint8Array>;
}

export interface StoreFileTextsDeps {
  database(): Promise<Database>;
  extractText: (file: FileToRead) => Promise<ExtractedText>;
}

/** Texts kept before scans were read say so: such a file is read again, this time with OCR. */
const UNREAD_SCAN = /has no text layer \(a scan\?\)|picture's text was not read/;

export async function storeFileTexts(files: FileToStoreText[], deps: StoreFileTextsDeps): Promise<void> {
  const { db } = await deps.database();
  for (const file of files) {
    const [known] = await db
      .select({ ocr: fileTexts.ocr, problems: fileTexts.problems })
      .from(fileTexts)
      .where(eq(fileTexts.fileHash, file.hash));
    if (known && (known.ocr || !known.problems.some((problem) => UNREAD_SCAN.test(problem)))) continue;
    const read = await deps.extractText({
      name: file.name,
      ...(file.mediaType ? { mediaType: file.mediaType } : {}),
      bytes: await file.bytes(),
    });
    if (known && !read.scan) continue;
    const row = {
      text: read.text,
      problems: read.problems,
      ocr: read.scan ?? null,
      pageStarts: read.pageStarts ?? null,
    };
    await db
      .insert(fileTexts)
      .values({ fileHash: file.hash, ...row })
      .onConflictDoUpdate({ target: fileTexts.fileHash, set: row });
  }
}

/** What OCR read of a stored file, reading it now if its text was never kept. */
export async function storedScan(
  file: FileToStoreText,
  deps: StoreFileTextsDeps,
): Promise<ScanReading | undefined> {
  await storeFileTexts([file], deps);
  const { db } = await deps.database();
  const [row] = await db
    .select({ ocr: fileTexts.ocr })
    .from(fileTexts)
    .where(eq(fileTexts.fileHash, file.hash));
  return row?.ocr ?? undefined;
}
