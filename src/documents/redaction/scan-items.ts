import type { OcrPage } from "../ocr/scan-reading.ts";

// A scanned page's words as the text items pdf.js gives for a page with a
// text layer, so that redaction finds and boxes text on a scan as it does on
// any page: each word's box, read by OCR in pixels of the page's picture,
// becomes an item on the word's baseline, as wide and as tall as the box.

export interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  fontName: string;
  hasEOL: boolean;
}

/** The font name scanned words are given, and its metrics: the box is the word's full height. */
export const SCANNED_FONT = "ocr-word";
export const SCANNED_STYLE = { ascent: 1, descent: -0.2 };

type Vec = [number, number];

/** `transform`: pdf.js' viewport transform at scale 1 (PDF user space to the page as shown). */
export function scanTextItems(page: OcrPage, transform: number[]): TextItemLike[] {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = transform;
  const det = a * d - b * c || 1;
  // From the page as shown back to user space.
  const linear = ([x, y]: Vec): Vec => [(d * x - c * y) / det, (-b * x + a * y) / det];
  const point = ([x, y]: Vec): Vec => linear([x - e, y - f]);
  const perPoint = page.dpi / 72;
  return page.words.map((word) => {
    const [x0, y0, x1, y1] = word.box.map((value) => value / perPoint) as [number, number, number, number];
    const along = linear([x1 - x0, 0]);
    const up = linear([0, -(y1 - y0)]);
    const width = Math.hypot(...along);
    const size = Math.hypot(...up);
    const u: Vec = width > 0 ? [along[0] / width, along[1] / width] : [1, 0];
    const v: Vec = size > 0 ? [up[0] / size, up[1] / size] : [0, 1];
    // With SCANNED_STYLE's metrics (a fifth of the size below the baseline,
    // all of it above), a size of the box's height / 1.2 on a baseline a sixth
    // of the way up fills the box exactly.
    const origin = point([x0, y1 - (y1 - y0) / 6]);
    const height = size / 1.2;
    return {
      str: word.text,
      transform: [u[0] * height, u[1] * height, v[0] * height, v[1] * height, origin[0], origin[1]],
      width,
      fontName: SCANNED_FONT,
      hasEOL: word.lineEnd === true,
    };
  });
}
