import { PostbagError, type ErrorCode, type ErrorLocation } from "../../errors.ts";
import type { ExtractedText, FileToRead } from "../../replies/extract-text.ts";
import type { CheckContext, CheckedDocument, DocumentInput } from "../document.ts";
import type { RedactionResult, RedactionSpec } from "../redaction/redact-document.ts";
import type { ScanImages } from "../ocr/scan-images.ts";
import type { DigestToRank, RankedDigest } from "../../digest/rank-digest.ts";

// What the document threads are asked to do (and the digest's ranking, the
// other long work over texts that must not hold the server's thread), and
// how their answers and errors cross back: plain data only (structured
// clone), a PostbagError as its code, detail and location, rebuilt on this
// side.

export type DocumentJob =
  | { kind: "check"; input: DocumentInput; context: CheckContext }
  | { kind: "redact"; input: DocumentInput; redactions: RedactionSpec[] }
  | { kind: "extract"; file: FileToRead }
  | { kind: "scan-images"; file: FileToRead; from: number }
  | { kind: "rank-digest"; input: DigestToRank };

export interface JobResults {
  check: CheckedDocument;
  redact: RedactionResult;
  extract: ExtractedText;
  "scan-images": ScanImages;
  "rank-digest": RankedDigest;
}

export type JobMessage = { id: number; job: DocumentJob };

export type JobAnswer =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { code?: ErrorCode; detail: string; location?: ErrorLocation } };

export function errorOf(answer: Extract<JobAnswer, { ok: false }>): Error {
  const { code, detail, location } = answer.error;
  return code ? new PostbagError(code, detail, location) : new Error(detail);
}
