import { PostbagError } from "../../errors.ts";
import { pdfBudgetProblem } from "../budget/pdf-budget.ts";
import { kindOf } from "../../replies/file-kind.ts";
import type { DocumentInput, DocumentKind } from "../document.ts";
import { PATTERN_NAMES, isPatternName, type PatternName } from "../personal-data-patterns.ts";
import { redactHtml, redactText } from "./redact-markup.ts";
import { redactDocx, redactXlsx } from "./redact-office.ts";
import { redactPdf } from "./redact-pdf.ts";
import type { TextualSpec } from "./text-units.ts";

// Redaction of a document's public copy. The caller keeps the list of
// redactions and applies all of them, every time, to the copy the
// publication checks made (metadata already stripped), so the same list on
// the same bytes always gives the same result. What is redacted is gone from
// the bytes, not hidden: a PDF page with a redaction is rebuilt from a
// picture of it, a Word or Excel part or an HTML or text file is rewritten,
// and each place shows "[redacted]".

export type RedactionSpec =
  | { kind: "text"; text: string }
  | { kind: "pattern"; pattern: PatternName }
  /** PDF only; in points from the top-left corner of the page as shown; pages from 1. */
  | { kind: "box"; page: number; x: number; y: number; width: number; height: number };

/** A redaction as a form or the API sends it: strings, to be checked. */
export interface RedactionInput {
  kind: string;
  text?: string;
  pattern?: string;
  page?: string | number;
  x?: string | number;
  y?: string | number;
  width?: string | number;
  height?: string | number;
}

export interface RedactionResult {
  bytes: Buffer;
  /** Per redaction, in the order given: how many places it removed (0: it found nothing). */
  matches: number[];
}

/** Longer than any name, address or number anyone redacts; past it, a paste gone wrong. */
const MAX_TEXT_LENGTH = 1000;

/**
 * Checks a redaction as typed. `documentKind`, when known, refuses a box on
 * anything but a PDF here rather than when it is applied. Whether a box's
 * page exists is checked when it is applied.
 */
export function parseRedactionSpec(input: RedactionInput, documentKind?: DocumentKind): RedactionSpec {
  switch (input.kind) {
    case "text": {
      const text = (input.text ?? "").trim();
      if (text === "") throw bad("text", "enter the text to redact");
      if (text.length > MAX_TEXT_LENGTH) {
        throw bad("text", `the text to redact must be at most ${MAX_TEXT_LENGTH} characters`);
      }
      return { kind: "text", text };
    }
    case "pattern": {
      const pattern = (input.pattern ?? "").trim();
      if (!isPatternName(pattern)) {
        const known = PATTERN_NAMES.join(", ");
        throw bad(
          "pattern",
          pattern === ""
            ? `choose a pattern: ${known}`
            : `there is no pattern "${pattern}": choose one of ${known}`,
        );
      }
      return { kind: "pattern", pattern };
    }
    case "box": {
      if (documentKind !== undefined && documentKind !== "pdf") throw boxNotPdf();
      const page = number(input.page, "page");
      if (!Number.isInteger(page) || page < 1) throw bad("page", "the page must be a whole number from 1");
      const x = number(input.x, "x");
      const y = number(input.y, "y");
      const width = number(input.width, "width");
      const height = number(input.height, "height");
      if (x < 0) throw bad("x", "x must be 0 or more (points from the left of the page)");
      if (y < 0) throw bad("y", "y must be 0 or more (points from the top of the page)");
      if (width <= 0) throw bad("width", "the width must be more than 0 points");
      if (height <= 0) throw bad("height", "the height must be more than 0 points");
      return { kind: "box", page, x, y, width, height };
    }
    default:
      throw bad("kind", `a redaction is by "text", "pattern" or "box", not "${input.kind}"`);
  }
}

function number(value: string | number | undefined, field: string): number {
  const text = typeof value === "number" ? String(value) : (value ?? "").trim();
  if (text === "") throw bad(field, `enter the ${field}`);
  const parsed = Number(text);
  if (!Number.isFinite(parsed)) throw bad(field, `the ${field} must be a number, not "${text}"`);
  return parsed;
}

function bad(field: string, detail: string): PostbagError {
  return new PostbagError("bad_input", detail, { field });
}

function boxNotPdf(): PostbagError {
  return bad("kind", "box redaction is for PDF pages; use text or a pattern");
}

/** What kind of document the bytes are (the bytes first, then the media type and name). */
export function documentKindOf(input: DocumentInput): DocumentKind {
  const kind = kindOf({ name: input.name, mediaType: input.mediaType, bytes: input.bytes });
  return kind === "pdf" || kind === "docx" || kind === "xlsx" || kind === "html" || kind === "text"
    ? kind
    : "other";
}

/**
 * Applies every redaction to the public copy. A pure function of the bytes
 * and the list. A text or pattern that is found nowhere counts 0 (the
 * caller tells the user); a box on a page that does not exist, a box on
 * anything but a PDF and a file that cannot be redacted are bad input.
 */
export async function redactDocument(
  input: DocumentInput,
  redactions: RedactionSpec[],
): Promise<RedactionResult> {
  const kind = documentKindOf(input);
  if (kind === "other" || kind === "image") {
    throw new PostbagError("bad_input", "Postbag cannot redact this kind of file");
  }
  if (redactions.length === 0) return { bytes: input.bytes, matches: [] };
  if (kind === "pdf") {
    const tooLarge = pdfBudgetProblem(input.bytes);
    if (tooLarge) throw new PostbagError("bad_input", `this PDF cannot be redacted: ${tooLarge}`);
    return redactPdf(input.bytes, redactions, input.scan);
  }
  if (redactions.some((redaction) => redaction.kind === "box")) throw boxNotPdf();
  const specs = redactions as TextualSpec[];
  const matches = specs.map(() => 0);
  const redact = { docx: redactDocx, xlsx: redactXlsx, html: redactHtml, text: redactText }[kind];
  return { bytes: redact(input.bytes, specs, matches), matches };
}
