import type { PDFPageProxy } from "unpdf/pdfjs";
import { transformBox, type Box, type Matrix } from "./pdf-matrix.ts";
import type { Glyph } from "./pdf-glyphs.ts";
import { drawPage, type DrawnPage } from "../draw-page.ts";

// Whether a reader can see a glyph, decided by what the page looks like with
// and without it: the page is drawn twice by pdf.js, once whole and once with
// the text-showing operations of the glyphs in doubt left out. Where a glyph
// changes no pixel that a reader would notice, it is not seen, whatever hides
// it: a box over it, a picture, a box of its own colour under it, a clipping
// path. A box that only tints it (translucent, or a highlighter) leaves it
// visible, and so does a box that a clipping path keeps away from it.

/** Drawn at this many pixels per point (144 dpi): enough for the dot of an i in small print. */
const SCALE = 2;
/** No drawing larger than this many pixels (a poster-sized page is drawn smaller). */
const MAX_PIXELS = 16_000_000;
/** A pixel changed by less than this (of 255, in any channel) is not a difference a reader sees. */
const NOTICEABLE = 48;
/** A glyph that changes at least this many pixels is seen. */
const SEEN_PIXELS = 2;

interface Drawing extends DrawnPage {
  /** Page space to the drawing's pixels. */
  toPixels: Matrix;
}

/** The glyphs, among those given, that a reader cannot see. */
export async function unseenGlyphs(page: PDFPageProxy, glyphs: Glyph[]): Promise<Glyph[]> {
  const inDoubt = glyphs.filter((glyph) => !glyph.invisible);
  if (inDoubt.length === 0) return glyphs;
  const runs = new Set(inDoubt.map((glyph) => glyph.run));
  const whole = await drawn(page);
  const without = await drawn(page, (index) => !runs.has(index));
  return glyphs.filter((glyph) => glyph.invisible || !changes(whole, without, glyph.box));
}

async function drawn(page: PDFPageProxy, operationsFilter?: (index: number) => boolean): Promise<Drawing> {
  const unit = page.getViewport({ scale: 1 });
  const scale = Math.min(SCALE, Math.sqrt(MAX_PIXELS / Math.max(unit.width * unit.height, 1)));
  const viewport = page.getViewport({ scale });
  return { ...(await drawPage(page, viewport, operationsFilter)), toPixels: viewport.transform as Matrix };
}

/** Whether the glyph's box (its middle part across, so a neighbour's edge does not count) differs. */
function changes(a: Drawing, b: Drawing, box: Box): boolean {
  const [x0, y0, x1, y1] = transformBox(box, a.toPixels);
  const inset = (x1 - x0) * 0.15;
  let changed = 0;
  for (let y = Math.max(0, Math.floor(y0)); y < Math.min(a.height, Math.ceil(y1)); y++) {
    for (let x = Math.max(0, Math.floor(x0 + inset)); x < Math.min(a.width, Math.ceil(x1 - inset)); x++) {
      const at = (y * a.width + x) * 4;
      const difference = Math.max(
        Math.abs((a.rgba[at] ?? 0) - (b.rgba[at] ?? 0)),
        Math.abs((a.rgba[at + 1] ?? 0) - (b.rgba[at + 1] ?? 0)),
        Math.abs((a.rgba[at + 2] ?? 0) - (b.rgba[at + 2] ?? 0)),
      );
      if (difference >= NOTICEABLE && ++changed >= SEEN_PIXELS) return true;
    }
  }
  return false;
}
