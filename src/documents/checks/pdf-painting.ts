import {
  apply,
  IDENTITY,
  isList,
  matrix,
  multiply,
  transformBox,
  translate,
  type Box,
  type Matrix,
} from "./pdf-matrix.ts";
import type { PdfProxy } from "./pdf-reader.ts";

// What a page paints, in order: each glyph (with the point at its middle) and
// each opaque filled area (its box), in page space. pdf.js' operator list
// already has fonts decoded, with each glyph's Unicode text and width; this
// follows the graphics and text state the way a renderer does, simplified:
// a filled area is its path's bounding box, a glyph's middle is half its
// advance across and a third of the font size up.

export interface Glyph {
  text: string;
  x: number;
  y: number;
  /** Which text-showing operation drew it. */
  run: number;
}
export type Paint = { glyph: Glyph } | { fill: Box };

interface State {
  ctm: Matrix;
  opaque: boolean;
  fontSize: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
}

interface PdfGlyph {
  unicode?: string;
  width?: number;
  isSpace?: boolean;
}

export async function pagePaints(pdf: PdfProxy, pageNumber: number): Promise<Paint[]> {
  const { OPS } = await import("unpdf/pdfjs");
  const page = await pdf.getPage(pageNumber);
  const { fnArray, argsArray } = await page.getOperatorList();
  const fills = new Set<number>([
    OPS.fill,
    OPS.eoFill,
    OPS.fillStroke,
    OPS.eoFillStroke,
    OPS.closeFillStroke,
    OPS.closeEOFillStroke,
  ]);
  const paints: Paint[] = [];
  const saved: State[] = [];
  let s: State = {
    ctm: IDENTITY,
    opaque: true,
    fontSize: 0,
    charSpacing: 0,
    wordSpacing: 0,
    hScale: 1,
    leading: 0,
    rise: 0,
  };
  let tm = IDENTITY; // the text matrix, and below the text line matrix
  let tlm = IDENTITY;
  const moveText = (x: number, y: number) => (tm = tlm = multiply(translate(x, y), tlm));
  const push = (...transforms: unknown[]) => {
    saved.push({ ...s });
    for (const m of transforms) if (isList(m)) s.ctm = multiply(matrix(m), s.ctm);
  };
  fnArray.forEach((fn, i) => {
    // pdf.js' arguments are untyped arrays, different for each operator.
    const args = (argsArray[i] ?? []) as unknown[];
    const n = (k: number) => Number(args[k] ?? 0);
    if (fn === OPS.save) push();
    else if (fn === OPS.restore || fn === OPS.paintFormXObjectEnd || fn === OPS.endAnnotation)
      s = saved.pop() ?? s;
    else if (fn === OPS.transform) s.ctm = multiply(matrix(args), s.ctm);
    else if (fn === OPS.paintFormXObjectBegin) push(args[0]);
    else if (fn === OPS.beginAnnotation)
      push(args[2], args[3]); // the annotation's place on the page, then its own matrix
    else if (fn === OPS.setGState) s.opaque = opaqueAfter(s.opaque, args[0]);
    else if (fn === OPS.beginText) tm = tlm = IDENTITY;
    else if (fn === OPS.setFont) s.fontSize = n(1);
    else if (fn === OPS.setCharSpacing) s.charSpacing = n(0);
    else if (fn === OPS.setWordSpacing) s.wordSpacing = n(0);
    else if (fn === OPS.setHScale) s.hScale = n(0) / 100;
    else if (fn === OPS.setLeading) s.leading = n(0);
    else if (fn === OPS.setTextRise) s.rise = n(0);
    else if (fn === OPS.moveText) moveText(n(0), n(1));
    else if (fn === OPS.setLeadingMoveText) {
      s.leading = -n(1);
      moveText(n(0), n(1));
    } else if (fn === OPS.nextLine) moveText(0, -s.leading);
    else if (fn === OPS.setTextMatrix) tm = tlm = matrix(isList(args[0]) ? args[0] : args);
    else if (fn === OPS.showText)
      tm = multiply(translate(showText(args[0], s, multiply(tm, s.ctm), i, paints), 0), tm);
    else if (
      fn === OPS.constructPath &&
      fills.has(n(0)) &&
      s.opaque &&
      isList(args[2]) &&
      args[2].length === 4
    ) {
      paints.push({ fill: transformBox(args[2], s.ctm) });
    }
  });
  page.cleanup();
  return paints;
}

/** Records each glyph's middle; returns how far the text moved, in text space. */
function showText(items: unknown, s: State, toPage: Matrix, run: number, paints: Paint[]): number {
  let advance = 0;
  for (const item of (Array.isArray(items) ? items : []) as (PdfGlyph | number | null)[]) {
    // Numbers are TJ's adjustments, in thousandths of the font size, backwards.
    if (typeof item === "number") advance -= (item / 1000) * s.fontSize * s.hScale;
    if (typeof item === "number" || !item) continue;
    const width = ((item.width ?? 0) / 1000) * s.fontSize;
    const [x, y] = apply(toPage, advance + (width * s.hScale) / 2, s.rise + s.fontSize / 3);
    if (item.unicode) paints.push({ glyph: { text: item.unicode, x, y, run } });
    advance += (width + s.charSpacing + (item.isSpace ? s.wordSpacing : 0)) * s.hScale;
  }
  return advance;
}

/** A fill hides what is under it only when opaque and blended normally (a highlighter multiplies). */
function opaqueAfter(opaque: boolean, entries: unknown): boolean {
  let result = opaque;
  for (const [key, value] of (Array.isArray(entries) ? entries : []) as [string, unknown][]) {
    if (key === "ca") result = Number(value) >= 0.9;
    if (key === "BM" && value !== "source-over" && value !== "Normal") result = false;
  }
  return result;
}
