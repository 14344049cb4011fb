import { findPattern, type PatternName } from "../personal-data-patterns.ts";

// The shared core of every kind of document but PDF: a document's text is
// read as units (a Word paragraph, a shared string, an HTML page's text, an
// attribute's value), each made of pieces of source text and of virtual
// separators (a tab, a line break between blocks). Matches are found in a
// unit's joined, decoded text; each match becomes edits of the source: the
// matched characters' source bytes go, and "[redacted]" is written where the
// match starts. Everything the matches do not touch stays byte for byte.

export const REDACTED = "[redacted]";

/** The text or pattern redactions, as what finds them in a text. */
export type TextualSpec = { kind: "text"; text: string } | { kind: "pattern"; pattern: PatternName };

export interface Range {
  start: number;
  end: number;
}

export type Matcher = (text: string) => Range[];

/**
 * A piece of source text and its decoded characters. Character i came from
 * source[rawStart[i], rawEnd[i]); without the arrays, from offset + i (no
 * entities in the piece).
 */
export interface Piece {
  text: string;
  offset: number;
  rawStart?: number[];
  rawEnd?: number[];
  /** Edits made once whenever the piece changes (xml:space="preserve" on its element). */
  onChange?: RawEdit[];
}

export type Segment = Piece | { virtual: string };

export interface Unit {
  segments: Segment[];
  /** False for text that repeats other text (a text box's fallback copy): redacted, not counted. */
  counted?: boolean;
}

export interface RawEdit {
  start: number;
  end: number;
  insert: string;
}

/**
 * A text redaction finds its words as written, case and all, with any run of
 * white space matching any other (a name broken over two lines) and straight
 * and curly apostrophes alike, and only as whole words: "Ann" is not found
 * in "Annual".
 */
export function textMatcher(text: string): Matcher {
  const words = text.trim().split(/\s+/u);
  const body = words
    .map((word) => word.replace(/[\^$\\.*+?()[\]{}|/]/gu, "\\$&").replace(/['\u2019]/gu, "['\u2019]"))
    .join("\\s+");
  const before = /^[\p{L}\p{N}]/u.test(text.trim()) ? "(?<![\\p{L}\\p{N}])" : "";
  const after = /[\p{L}\p{N}]$/u.test(text.trim()) ? "(?![\\p{L}\\p{N}])" : "";
  const pattern = new RegExp(`${before}${body}${after}`, "gu");
  return (subject) =>
    [...subject.matchAll(pattern)]
      .filter((match) => match[0].length > 0)
      .map((match) => ({ start: match.index, end: match.index + match[0].length }));
}

export function patternMatcher(name: PatternName): Matcher {
  return (subject) =>
    findPattern(name, subject).map((match) => ({ start: match.index, end: match.index + match.text.length }));
}

export function matcherFor(spec: TextualSpec): Matcher {
  return spec.kind === "text" ? textMatcher(spec.text) : patternMatcher(spec.pattern);
}

/** Overlapping or touching ranges become one: one "[redacted]" for them. */
export function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Range[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/**
 * Finds every matcher's matches in every unit, adds them to `counts` (one
 * entry per matcher; null for a redaction that is not about text) and
 * returns the edits of the source that remove them.
 */
export function redactUnits(
  units: Iterable<Unit>,
  matchers: (Matcher | null)[],
  counts: number[],
): RawEdit[] {
  const edits: RawEdit[] = [];
  for (const unit of units) {
    const { text, owners } = joinUnit(unit);
    if (text.trim() === "") continue;
    const ranges: Range[] = [];
    matchers.forEach((matcher, index) => {
      if (!matcher) return;
      const found = matcher(text);
      if (unit.counted !== false) counts[index] = (counts[index] ?? 0) + found.length;
      ranges.push(...found);
    });
    if (ranges.length > 0) edits.push(...editsFor(unit, owners, mergeRanges(ranges)));
  }
  return edits;
}

/** The unit's text, and for each character its piece and place in it (null: a separator). */
function joinUnit(unit: Unit): { text: string; owners: ({ piece: Piece; index: number } | null)[] } {
  let text = "";
  const owners: ({ piece: Piece; index: number } | null)[] = [];
  for (const segment of unit.segments) {
    if ("virtual" in segment) {
      text += segment.virtual;
      for (let i = 0; i < segment.virtual.length; i++) owners.push(null);
    } else {
      text += segment.text;
      for (let i = 0; i < segment.text.length; i++) owners.push({ piece: segment, index: i });
    }
  }
  return { text, owners };
}

function editsFor(
  _unit: Unit,
  owners: ({ piece: Piece; index: number } | null)[],
  ranges: Range[],
): RawEdit[] {
  const edits: RawEdit[] = [];
  const changed = new Set<Piece>();
  for (const range of ranges) {
    // The matched characters, in runs that belong to one piece each.
    const runs: { piece: Piece; first: number; last: number }[] = [];
    for (let at = range.start; at < range.end; at++) {
      const owner = owners[at];
      if (!owner) continue;
      const run = runs[runs.length - 1];
      if (run && run.piece === owner.piece && run.last === owner.index - 1) run.last = owner.index;
      else runs.push({ piece: owner.piece, first: owner.index, last: owner.index });
    }
    runs.forEach((run, i) => {
      edits.push({
        start: rawStart(run.piece, run.first),
        end: rawEnd(run.piece, run.last),
        insert: i === 0 ? REDACTED : "",
      });
      changed.add(run.piece);
    });
  }
  for (const piece of changed) edits.push(...(piece.onChange ?? []));
  return edits;
}

function rawStart(piece: Piece, index: number): number {
  return piece.rawStart?.[index] ?? piece.offset + index;
}

function rawEnd(piece: Piece, index: number): number {
  return piece.rawEnd?.[index] ?? piece.offset + index + 1;
}

/** Applies edits that do not overlap (the same onChange edit given twice counts once). */
export function applyEdits(source: string, edits: RawEdit[]): string {
  const unique = new Map<string, RawEdit>();
  for (const edit of edits) unique.set(`${edit.start}:${edit.end}:${edit.insert}`, edit);
  const sorted = [...unique.values()].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = "";
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) continue; // cannot happen with disjoint pieces; never write twice
    out += source.slice(at, edit.start) + edit.insert;
    at = edit.end;
  }
  return out + source.slice(at);
}

const XML_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/**
 * Decodes entity-encoded text that starts at `offset` in its source, keeping
 * where each character came from. `named` is the table of named entities
 * (XML's five, or a few more for HTML); an unknown one stays as written.
 */
export function decodePiece(
  raw: string,
  offset: number,
  named: Record<string, string> = XML_ENTITIES,
): Piece {
  if (!raw.includes("&")) return { text: raw, offset };
  let text = "";
  const rawStart: number[] = [];
  const rawEnd: number[] = [];
  let i = 0;
  while (i < raw.length) {
    const entity = raw[i] === "&" ? /^&(#x[\da-f]+|#\d+|[a-z][a-z\d]*);/i.exec(raw.slice(i, i + 40)) : null;
    let decoded: string | undefined;
    if (entity) {
      const name = entity[1] ?? "";
      if (name.startsWith("#")) {
        const code =
          name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        decoded = code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
      } else {
        decoded = named[name] ?? named[name.toLowerCase()];
      }
    }
    const length = entity && decoded !== undefined ? entity[0].length : 1;
    const chars = entity && decoded !== undefined ? decoded : (raw[i] ?? "");
    for (const unit of chars.split("")) {
      text += unit;
      rawStart.push(offset + i);
      rawEnd.push(offset + i + length);
    }
    i += length;
  }
  return { text, offset, rawStart, rawEnd };
}
