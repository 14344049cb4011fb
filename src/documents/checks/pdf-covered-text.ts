import type { PDFPageProxy } from "unpdf/pdfjs";
import type { Finding } from "../document.ts";
import { block, quote } from "./findings.ts";
import { pagePaints, type Cover, type Glyph, type Paint } from "./pdf-painting.ts";
import type { PdfProxy } from "./pdf-reader.ts";
import { unseenGlyphs } from "./pdf-visibility.ts";

// The naive redaction: a box drawn over text, or text drawn in the colour
// of the box under it. The page looks redacted, but the text is still there
// to select, copy or extract. Geometry finds the glyphs in doubt (their
// middle inside an area that could hide them); drawing the page decides
// which of those a reader cannot see (pdf-visibility.ts), so text that shows
// through a tint, sits on a coloured panel or escapes by a clipping path is
// never reported. Each cover is one finding, quoting the words it hides.

/** Text under a cover that is only a placeholder ("XXXX", "REDACTED") hides nothing. */
const PLACEHOLDER = /^(?:(.)\1*|(?:\[?(?:name )?redacted\]?|confidential|privileged?|withheld|\s)+)$/i;
/**
 * Hidden words that are all shown elsewhere on the page give nothing away
 * (a menu drawn twice, a stamp repeated), once long enough not to be a
 * one-word answer ("No").
 */
const SHOWN_ANYWAY = 4;

export async function coveredTextFindings(pdf: PdfProxy): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    try {
      findings.push(...(await pageFindings(page, number)));
    } finally {
      page.cleanup();
    }
  }
  return findings;
}

async function pageFindings(page: PDFPageProxy, number: number): Promise<Finding[]> {
  const paints = await pagePaints(page);
  const inDoubt = coveredGlyphs(paints);
  if (inDoubt.size === 0) return [];
  const unseen = new Set(await unseenOnPage(page, inDoubt));
  const byCover = new Map<Cover, Glyph[]>();
  for (const [glyph, { cover }] of inDoubt) {
    if (unseen.has(glyph)) byCover.set(cover, [...(byCover.get(cover) ?? []), glyph]);
  }
  // Every word in doubt was seen (a panel, a tint): no page text to gather.
  if (byCover.size === 0) return [];
  const top = page.view[3] ?? 0;
  const shown = new Set(
    words(
      joined(paints.flatMap((paint) => ("glyph" in paint && !unseen.has(paint.glyph) ? [paint.glyph] : []))),
    ),
  );
  return [...byCover.values()]
    .map((glyphs) => ({ glyphs, text: joined(glyphs) }))
    .filter(({ text }) => !placeholder(text) && !shownAnyway(text, shown))
    .map(({ glyphs, text }) => {
      const down = ((top - Math.max(...glyphs.map((glyph) => glyph.box[3]))) / 72) * 2.54;
      return block(
        "pdf-text-under-box",
        `page ${number}`,
        `Text is hidden on page ${number}, about ${down.toFixed(1)} cm from the top, but is still in the file ` +
          `(anyone can copy it): ${quote(text)}.`,
      );
    });
}

/**
 * The glyphs no reader sees; when pdf.js cannot draw the page (it fails on
 * a few odd files), those under an opaque box painted over them, as a
 * reader would most likely find them.
 */
async function unseenOnPage(page: PDFPageProxy, inDoubt: Map<Glyph, Covering>): Promise<Glyph[]> {
  try {
    return await unseenGlyphs(page, [...inDoubt.keys()]);
  } catch {
    return [...inDoubt].filter(([, { cover, over }]) => over && cover.opaque).map(([glyph]) => glyph);
  }
}

interface Covering {
  cover: Cover;
  /** Painted after the glyph, so over it. */
  over: boolean;
}

/**
 * Each glyph that an area could hide, with the topmost such area: one
 * painted over it, or one in its own colour under it. Glyphs drawn invisibly
 * (an OCR layer) count only under an opaque box painted after them, since a
 * picture under or over them is the scan they describe.
 */
export function coveredGlyphs(paints: Paint[]): Map<Glyph, Covering> {
  const covered = new Map<Glyph, Covering>();
  const glyphs: { glyph: Glyph; at: number }[] = [];
  const covers: { cover: Cover; at: number }[] = [];
  paints.forEach((paint, at) => {
    if ("glyph" in paint) {
      if (paint.glyph.text.trim() !== "") glyphs.push({ glyph: paint.glyph, at });
    } else if (area(paint.cover.box) >= 1) covers.push({ cover: paint.cover, at });
  });
  for (const { glyph, at } of glyphs) {
    for (let i = covers.length - 1; i >= 0; i--) {
      const { cover, at: coverAt } = covers[i]!;
      if (inside(glyph, cover) && canHide(cover, coverAt > at, glyph)) {
        covered.set(glyph, { cover, over: coverAt > at });
        break;
      }
    }
  }
  return covered;
}

/** Painted over it; or, a box of its own colour under it (a frame or ring of its colour is not a box). */
function canHide(cover: Cover, after: boolean, glyph: Glyph): boolean {
  if (glyph.invisible) return after && cover.opaque && !cover.image;
  if (after) return true;
  if (cover.image || !cover.simple) return false;
  return cover.colour === null || glyph.colour === null || near(cover.colour, glyph.colour);
}

function placeholder(text: string): boolean {
  return !/[\p{L}\p{N}]/u.test(text) || PLACEHOLDER.test(text.replace(/\s+/g, " ").trim());
}

/** Letters and digits, word by word, in lower case. */
function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function shownAnyway(text: string, shown: Set<string>): boolean {
  const hidden = words(text);
  return hidden.join("").length >= SHOWN_ANYWAY && hidden.every((word) => shown.has(word));
}

function inside(glyph: Glyph, { box: [x0, y0, x1, y1] }: Cover): boolean {
  const slack = 0.5;
  return glyph.x >= x0 - slack && glyph.x <= x1 + slack && glyph.y >= y0 - slack && glyph.y <= y1 + slack;
}

function area([x0, y0, x1, y1]: [number, number, number, number]): number {
  return (x1 - x0) * (y1 - y0);
}

/** Two "#rrggbb" colours a reader could not tell apart on top of each other. */
function near(a: string, b: string): boolean {
  const channels = (colour: string) => [1, 3, 5].map((at) => parseInt(colour.slice(at, at + 2), 16));
  const [ca, cb] = [channels(a), channels(b)];
  return ca.every((value, i) => Math.abs(value - (cb[i] ?? 0)) < 40);
}

/** Glyphs as text: a space where one glyph ends well before the next starts, or on another line. */
function joined(glyphs: Glyph[]): string {
  return glyphs
    .map((glyph, i) => (i > 0 && apart(glyphs[i - 1]!, glyph) ? ` ${glyph.text}` : glyph.text))
    .join("");
}

function apart(before: Glyph, after: Glyph): boolean {
  const height = before.box[3] - before.box[1];
  const sameLine = Math.abs(before.y - after.y) < height / 2;
  return !sameLine || after.box[0] - before.box[2] > height / 6;
}
