import type { Finding } from "../document.ts";

// What the check of one kind of file gives back to checkDocument.

/** Some of a document's text and where it is, for the personal data checks. */
export interface TextSegment {
  /** "page 2", "sheet Staff", "text". */
  location: string;
  text: string;
  /** Locations are the line a value is on ("line 14"), counted in `text`. */
  byLine?: boolean;
}

export interface KindCheck {
  findings: Finding[];
  publicCopy: Buffer;
  metadataRemoved: string[];
  /** The text, when the kind's own reading already has it by page; otherwise extractText's is used. */
  segments?: TextSegment[];
  /** Text that extractText's reading leaves out (a workbook's text boxes), checked as well. */
  moreSegments?: TextSegment[];
}
