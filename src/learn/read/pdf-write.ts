import { PAGE_BREAK } from "./letter-text.ts";
import type { PdfLine, Piece } from "./pdf-lines.ts";

// A PDF's lines written as letter text: a gap clearly wider than the line
// spacing ends a block, page numbers are left out, small type at a page's
// foot that starts with a number is a footnote, and links become [text](url).

export function writeLetterText(pages: PdfLine[][]): string {
  const kept = pages.map((lines) => lines.filter((line, at) => !isPageNumber(line, at === lines.length - 1)));
  const bodySize = commonSize(kept.flat());
  const limit = gapLimits(kept);
  const pieces: Piece[] = [];
  kept.forEach((lines, index) => {
    if (index > 0) pieces.push({ before: "\n\n", text: PAGE_BREAK });
    // Notes are below the page's last line of body type (the letterhead and
    // the address above the body are small type too).
    const lastBody = lines.reduce((last, line, at) => (line.size >= 0.9 * bodySize ? at : last), -1);
    let note: { n: number; x: number } | undefined;
    lines.forEach((line, at) => {
      const previous = lines[at - 1];
      const apart = !previous || previous.y - line.y > limit(Math.max(previous.size, line.size));
      const n = at > lastBody ? noteNumber(line) : undefined;
      // A later note starts no further right than the one before; a wrapped
      // line that happens to start with a number is indented or out of order.
      if (n !== undefined && (!note || (n > note.n && line.x <= note.x + 1))) {
        note = { n, x: line.x };
        pieces.push({ before: "\n\n", text: `[^${n}]: ` }, ...startWith(withoutNumber(line.pieces), ""));
      } else if (note && !apart) {
        // A note's wrapped lines are joined here; "co-" + "ordinating" needs no space.
        const hyphen = /\p{L}-$/u.test(pieces[pieces.length - 1]?.text ?? "");
        pieces.push(...startWith(line.pieces, hyphen ? "" : " "));
      } else {
        note = undefined;
        pieces.push(...startWith(line.pieces, apart ? "\n\n" : "\n"));
      }
    });
  });
  return render(pieces);
}

/** "Page 1 of 2" anywhere, or a lone number as the page's last line. */
function isPageNumber(line: PdfLine, last: boolean): boolean {
  return /^page \d+(?: of \d+)?$/i.test(line.text) || (last && /^[-–—]?\s*\d{1,3}\s*[-–—]?$/.test(line.text));
}

/** The size most of the text is printed in: the body's. */
function commonSize(lines: PdfLine[]): number {
  const weights = new Map<number, number>();
  for (const line of lines)
    weights.set(half(line.size), (weights.get(half(line.size)) ?? 0) + line.text.length);
  return [...weights].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

/**
 * The widest gap between lines of one block, per font size: 1.3 times the
 * usual distance between lines of that size (the median, as lines within a
 * paragraph outnumber the gaps between paragraphs).
 */
function gapLimits(pages: PdfLine[][]): (size: number) => number {
  const gaps = new Map<number, number[]>();
  for (const lines of pages) {
    lines.forEach((line, at) => {
      const previous = lines[at - 1];
      const gap = previous ? previous.y - line.y : 0;
      if (!previous || Math.abs(previous.size - line.size) > 0.5) return;
      if (gap > 0.5 * line.size && gap < 2.5 * line.size)
        gaps.set(half(line.size), [...(gaps.get(half(line.size)) ?? []), gap]);
    });
  }
  return (size) => 1.3 * (lineSpacing(gaps.get(half(size)) ?? []) ?? 1.2 * size);
}

/**
 * The line spacing: the smallest gap that recurs (to half a point). Not the
 * median, which a letter of short paragraphs, with more paragraph gaps than
 * line gaps, would take for the paragraph gap.
 */
function lineSpacing(gaps: number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const gap of gaps) counts.set(half(gap), (counts.get(half(gap)) ?? 0) + 1);
  const recurring = [...counts].filter(([, count]) => count >= 2).map(([gap]) => gap);
  const candidates = recurring.length > 0 ? recurring : [...counts.keys()];
  return candidates.length > 0 ? Math.min(...candidates) : undefined;
}

const half = (size: number) => Math.round(size * 2) / 2;

/** A note's number: a raised reference or a number and a space starting the line. */
function noteNumber(line: PdfLine): number | undefined {
  const first = line.pieces[0];
  const digits = first?.ref ? first.text.slice(2, -1) : /^(\d{1,3})\.?\s+\S/.exec(line.text)?.[1];
  return digits === undefined ? undefined : Number(digits);
}

function withoutNumber(pieces: Piece[]): Piece[] {
  const [first, ...rest] = pieces;
  if (!first || first.ref) return rest;
  const text = first.text.replace(/^\d{1,3}\.?\s*/, "");
  return text === "" ? rest : [{ ...first, text }, ...rest];
}

function startWith(pieces: Piece[], before: string): Piece[] {
  const [first, ...rest] = pieces;
  return first ? [{ ...first, before }, ...rest] : [];
}

/** The pieces as text; a link stays open across a wrapped line, never across a block. */
function render(pieces: Piece[]): string {
  let out = "";
  let open: string | undefined;
  for (const { before, text, url } of pieces) {
    if (open && (url !== open || before.includes("\n\n"))) {
      out += `](${open})`;
      open = undefined;
    }
    out += before;
    if (url && url !== open) {
      out += "[";
      open = url;
    }
    out += text;
  }
  if (open) out += `](${open})`;
  return `${out
    .replace(/^\n+/, "")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}
