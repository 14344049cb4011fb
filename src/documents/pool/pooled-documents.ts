import { PostbagError } from "../../errors.ts";
import type { ExtractedText, FileToRead } from "../../replies/extract-text.ts";
import { documentKind } from "../checks/document-kind.ts";
import { tooLargeToCheck } from "../checks/findings.ts";
import type { CheckContext, CheckedDocument, DocumentInput } from "../document.ts";
import type { RedactionResult, RedactionSpec } from "../redaction/redact-document.ts";
import { DocumentJobStopped, type DocumentPool } from "./document-pool.ts";
import { readScans, type ReadScansDeps } from "../ocr/read-scans.ts";
import type { DigestToRank, RankedDigest } from "../../digest/rank-digest.ts";

// The document adapters the use cases are given (checks, redaction, reading
// text), run in the pool's threads. A job stopped for its time or memory is
// the file's fault: a blocking finding, a refusal, or a problem with its text,
// as a decompression bomb found by the budget would be. A file with scanned
// pages or pictures is read again with what OCR made of them (`ocr`: the
// OCR pool; without it, scans stay unread and are said to be).

export interface DocumentAdapters {
  checkDocument(input: DocumentInput, context: CheckContext): Promise<CheckedDocument>;
  redactDocument(input: DocumentInput, redactions: RedactionSpec[]): Promise<RedactionResult>;
  extractText: (file: FileToRead) => Promise<ExtractedText>;
  /** A campaign's digest ranked from its replies' texts (seconds of work for hundreds of replies). */
  rankDigest(input: DigestToRank): Promise<RankedDigest>;
}

/** A digest of hundreds of long replies takes tens of seconds: its own deadline, not a file's. */
const DIGEST_TIMEOUT_MS = 15 * 60 * 1000;

export function pooledDocuments(pool: DocumentPool, ocr?: ReadScansDeps["ocr"]): DocumentAdapters {
  const stopped = (error: unknown) => (error instanceof DocumentJobStopped ? error.message : null);
  const extract = async (file: FileToRead): Promise<ExtractedText> => {
    try {
      return await pool.run({ kind: "extract", file });
    } catch (error) {
      const reason = stopped(error);
      if (!reason) throw error;
      return { text: "", problems: [`the file was not read: ${reason}`] };
    }
  };
  const scanImages = async (file: FileToRead, from: number) => {
    try {
      return await pool.run({ kind: "scan-images", file, from });
    } catch (error) {
      const problem = `its scanned pages from page ${from} on were not read: ${(error as Error).message}`;
      return { images: [], problems: [problem], next: null };
    }
  };
  return {
    async checkDocument(input, context) {
      try {
        return await pool.run({ kind: "check", input, context });
      } catch (error) {
        const reason = stopped(error);
        if (!reason) throw error;
        return {
          kind: documentKind(input),
          findings: [tooLargeToCheck(reason)],
          publicCopy: input.bytes,
          metadataRemoved: [],
        };
      }
    },
    async redactDocument(input, redactions) {
      try {
        return await pool.run({ kind: "redact", input, redactions });
      } catch (error) {
        const reason = stopped(error);
        if (!reason) throw error;
        throw new PostbagError("bad_input", `this file could not be redacted: ${reason}`);
      }
    },
    rankDigest: (input) => pool.run({ kind: "rank-digest", input }, { timeoutMs: DIGEST_TIMEOUT_MS }),
    async extractText(file) {
      const read = await extract(file);
      if (!read.unreadScans || !ocr) return read;
      const { scan, problems } = await readScans(file, { scanImages, ocr });
      const again = scan ? await extract({ ...file, scan }) : read;
      return { ...again, problems: [...again.problems, ...problems] };
    },
  };
}
