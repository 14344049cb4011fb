import type { ScanReading } from "./ocr/scan-reading.ts";

// A document about to be published: a file that came with a reply, or the
// reply's own text. The publication checks and the redactions work on these
// bytes; the original is kept as it came and never served.

export interface DocumentInput {
  name: string;
  /** The media type recorded for it ("application/pdf"); the bytes decide when they disagree. */
  mediaType: string;
  bytes: Buffer;
  /** What OCR read of its scanned pages (file_texts.ocr of the original): a scanned page is checked and redacted by its words. */
  scan?: ScanReading;
}

export type DocumentKind = "pdf" | "docx" | "xlsx" | "html" | "text" | "image" | "other";

/** block: hidden content. review: personal data. Either stops publication until a person resolves it. */
export type FindingSeverity = "block" | "review";

export interface Finding {
  /** Stable, for tests and for matching a finding across re-checks ("xlsx-very-hidden-sheet"). */
  code: string;
  severity: FindingSeverity;
  /** For the person deciding, in plain words: what was found and why it matters. */
  message: string;
  /** Where: "sheet Staff", "page 2", "comment 1", "line 14". */
  location: string;
}

/** What the publication checks make of a document. */
export interface CheckedDocument {
  kind: DocumentKind;
  findings: Finding[];
  /** The copy that may go public: the original with its metadata removed. */
  publicCopy: Buffer;
  /** What was removed from the public copy ("PDF Info: Author", "XMP metadata", "docProps/core.xml"). */
  metadataRemoved: string[];
}

/** What the checks know of the campaign's public people and places, so that those are not flagged. */
export interface CheckContext {
  /** Names of public office-holders: the directory's contacts and the recipients' names. */
  publicPeople: string[];
  /** Postcodes of the bodies written to (their addresses are public). */
  publicPostcodes: string[];
  /** Email addresses and domains of the bodies (role mailboxes, not people). */
  publicEmailDomains: string[];
  /** Addresses that are public whoever they name: the campaign's own contact address, the recipients'. */
  publicAddresses: string[];
  /** Phone numbers the campaign itself made public: its sender's. */
  publicPhones: string[];
  /** The bodies' and places' names (recipients' titles and addresses, the directory's bodies): "Thames Valley" is not a person. */
  publicNames: string[];
}

export const EMPTY_CONTEXT: CheckContext = {
  publicPeople: [],
  publicPostcodes: [],
  publicEmailDomains: [],
  publicAddresses: [],
  publicPhones: [],
  publicNames: [],
};
