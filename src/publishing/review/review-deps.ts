import type { CheckedDocument, CheckContext, DocumentInput } from "../../documents/document.ts";
import type { RedactionSpec } from "../../documents/redaction/redact-document.ts";
import type { FileStore } from "../../files/file-store.ts";
import type { ExtractedText, FileToRead } from "../../replies/extract-text.ts";
import type { Database } from "../../store/database.ts";

/** What reviewing documents needs: the database, the file store and the document adapters. */
export interface ReviewDeps {
  database(): Promise<Database>;
  fileStore: Pick<FileStore, "put" | "get">;
  checkDocument(input: DocumentInput, context: CheckContext): Promise<CheckedDocument>;
  redactDocument(
    input: DocumentInput,
    redactions: RedactionSpec[],
  ): Promise<{ bytes: Buffer; matches: number[] }>;
  extractText(file: FileToRead): Promise<ExtractedText>;
}
