import { PostbagError } from "../../errors.ts";
import type { ExtractedText, FileToRead } from "../../replies/extract-text.ts";
import { documentKind } from "../checks/document-kind.ts";
import { tooLargeToCheck } from "../checks/findings.ts";
import type { CheckContext, CheckedDocument, DocumentInput } from "../document.ts";
import type { RedactionResult, RedactionSpec } from "../redaction/redact-document.ts";
import { DocumentJobStopped, type DocumentPool } from "./document-pool.ts";

// The document adapters the use cases are given (checks, redaction, reading
// text), run in the pool's threads. A job stopped for its time or memory is
// the file's fault: a blocking finding, a refusal, or a problem with its text,
// as a decompression bomb found by the budget would be.

export interface DocumentAdapters {
  checkDocument(input: DocumentInput, context: CheckContext): Promise<CheckedDocument>;
  redactDocument(input: DocumentInput, redactions: RedactionSpec[]): Promise<RedactionResult>;
  extractText: (file: FileToRead) => Promise<ExtractedText>;
}

export function pooledDocuments(pool: DocumentPool): DocumentAdapters {
  const stopped = (error: unknown) => (error instanceof DocumentJobStopped ? error.message : null);
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
    async extractText(file) {
      try {
        return await pool.run({ kind: "extract", file });
      } catch (error) {
        const reason = stopped(error);
        if (!reason) throw error;
        return { text: "", problems: [`the file was not read: ${reason}`] };
      }
    },
  };
}
