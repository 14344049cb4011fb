import { parseLetterDate } from "../frame/letter-date.ts";
import type { Block, Blocks } from "./blocks.ts";

// Footnotes in text that lost its superscript (a PDF copied as plain text):
// references are digits glued to a word ("announcement1 in late 2019") and
// notes are lines starting with the number ("1 Home Office (2019) …"). A line
// is taken for a note only when its number is also glued to a word elsewhere,
// and the numbers run 1, 2, 3 … in order.

const NOTE_LINE = /^(\d{1,2})\s+(\p{Lu}.*)$/u;

export function findPlainNotes(blocks: Block[]): Blocks {
  const candidates = blocks.flatMap((block, index) => {
    const first = block.lines[0] ?? "";
    const match = NOTE_LINE.exec(first);
    // "1 May 2021" is a date, not note 1.
    return match && parseLetterDate(first) === null
      ? [{ index, number: match[1] ?? "", text: [match[2] ?? "", ...block.lines.slice(1)].join(" ") }]
      : [];
  });
  const texts = blocks.map((block) => block.lines.join(" "));
  // A note comes after its first reference ("1 Road" in an address is not a note).
  const referencedBefore = (number: string, index: number) =>
    texts.slice(0, index).some((text) => gluedReference(number).test(text));
  const notes = new Map<string, string>();
  const noteBlocks = new Set<number>();
  for (const candidate of candidates) {
    if (candidate.number !== String(notes.size + 1) || !referencedBefore(candidate.number, candidate.index))
      continue;
    notes.set(candidate.number, candidate.text);
    noteBlocks.add(candidate.index);
  }
  if (notes.size === 0) return { blocks, notes };
  const kept: Block[] = [];
  let pendingBreak = false;
  blocks.forEach((block, index) => {
    if (noteBlocks.has(index)) pendingBreak = true;
    else {
      kept.push({
        lines: block.lines.map((line) => markReferences(line, notes)),
        afterBreak: block.afterBreak || pendingBreak,
      });
      pendingBreak = false;
    }
  });
  return { blocks: kept, notes };
}

function gluedReference(number: string): RegExp {
  return new RegExp(`\\p{L}[)'"”’]?${number}(?=[\\s.,;:)]|$)`, "u");
}

function markReferences(line: string, notes: Map<string, string>): string {
  return line.replace(/(\p{L}[)'"”’]?)(\d{1,2})(?=[\s.,;:)]|$)/gu, (whole, before: string, number: string) =>
    notes.has(number) ? `${before}[^${number}]` : whole,
  );
}
