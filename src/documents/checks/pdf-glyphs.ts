import { apply, transformBox, type Box, type Matrix } from "./pdf-matrix.ts";

// The glyphs one text-showing operation draws, each placed on the page from
// its width in the font as pdf.js decoded it, the way a renderer advances
// along the line. A glyph's box runs from a fifth of the font size below the
// baseline to four fifths above it (most fonts' descent and ascent).

export interface Glyph {
  text: string;
  /** The middle of the glyph, in page space. */
  x: number;
  y: number;
  box: Box;
  /** Which text-showing operation drew it (its index in the page's operator list). */
  run: number;
  /** Drawn in an invisible rendering mode (3 or 7), as OCR layers over scans are. */
  invisible: boolean;
  /** The fill colour it was drawn in ("#rrggbb"), or null when unknown. */
  colour: string | null;
}

export interface TextState {
  fontSize: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
  /** The text rendering mode, Tr. */
  mode: number;
  colour: string | null;
}

interface PdfGlyph {
  unicode?: string;
  width?: number;
  isSpace?: boolean;
}

/** The glyphs drawn, and how far the text moved, in text space. */
export function showText(
  items: unknown,
  s: TextState,
  toPage: Matrix,
  run: number,
): { glyphs: Glyph[]; advance: number } {
  const glyphs: Glyph[] = [];
  let advance = 0;
  for (const item of (Array.isArray(items) ? items : []) as (PdfGlyph | number | null)[]) {
    // Numbers are TJ's adjustments, in thousandths of the font size, backwards.
    if (typeof item === "number") advance -= (item / 1000) * s.fontSize * s.hScale;
    if (typeof item === "number" || !item) continue;
    const width = ((item.width ?? 0) / 1000) * s.fontSize * s.hScale;
    if (item.unicode) {
      const [x, y] = apply(toPage, advance + width / 2, s.rise + s.fontSize / 3);
      const box = transformBox(
        [advance, s.rise - s.fontSize / 5, advance + width, s.rise + (s.fontSize * 4) / 5],
        toPage,
      );
      glyphs.push({
        text: item.unicode,
        x,
        y,
        box,
        run,
        invisible: s.mode === 3 || s.mode === 7,
        colour: s.colour,
      });
    }
    advance += width + (s.charSpacing + (item.isSpace ? s.wordSpacing : 0)) * s.hScale;
  }
  return { glyphs, advance };
}
