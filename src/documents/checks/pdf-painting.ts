import type { OPS, PDFPageProxy } from "unpdf/pdfjs";
import { showText, type Glyph, type TextState } from "./pdf-glyphs.ts";
import {
  IDENTITY,
  intersect,
  isList,
  matrix,
  multiply,
  transformBox,
  translate,
  type Box,
  type Matrix,
} from "./pdf-matrix.ts";

// What a page paints, in order: each glyph (with its box and the point at
// its middle) and each area that can cover what is under it (a filled path or
// a picture), in page space, cut to the clipping path in force. pdf.js'
// operator list already has fonts decoded, with each glyph's Unicode text and
// width; this follows the graphics and text state the way a renderer does,
// simplified: an area is its path's or picture's bounding box, and a clipping
// path is its bounding box too. Whether a covered glyph can really be seen
// is left to drawing the page (pdf-visibility.ts): these are only candidates.

export type { Glyph } from "./pdf-glyphs.ts";
export interface Cover {
  box: Box;
  /** A picture (which may well show the words it covers), not a filled path. */
  image: boolean;
  /** Painted opaque and blended normally (a highlighter multiplies, a tint lets text through). */
  opaque: boolean;
  /** "#rrggbb", or null when painted with a pattern or in a colour pdf.js left unconverted. */
  colour: string | null;
  /** One closed shape (a box), not a frame, a ring or many shapes, whose bounding box says little. */
  simple: boolean;
}
export type Paint = { glyph: Glyph } | { cover: Cover };

interface State extends TextState {
  ctm: Matrix;
  opaque: boolean;
  /** The clipping path's box in page space; null while nothing is clipped. */
  clip: Box | null;
}

type Ops = typeof OPS;

export async function pagePaints(page: PDFPageProxy): Promise<Paint[]> {
  const { OPS } = await import("unpdf/pdfjs");
  const { fnArray, argsArray } = await page.getOperatorList();
  const fills = fillOperators(OPS);
  const pictures = pictureOperators(OPS);
  const otherColours = new Set([
    OPS.setFillGray,
    OPS.setFillCMYKColor,
    OPS.setFillColorN,
    OPS.setFillColor,
    OPS.setFillTransparent,
  ]);
  const paints: Paint[] = [];
  const saved: State[] = [];
  let s: State = {
    ctm: IDENTITY,
    opaque: true,
    colour: "#000000",
    clip: null,
    fontSize: 0,
    charSpacing: 0,
    wordSpacing: 0,
    hScale: 1,
    leading: 0,
    rise: 0,
    mode: 0,
  };
  let tm = IDENTITY; // the text matrix, and below the text line matrix
  let tlm = IDENTITY;
  let clipping = false; // a clip operator waits for the path it applies to
  const layers: boolean[] = []; // marked content, true where it is an optional content layer
  const moveText = (x: number, y: number) => (tm = tlm = multiply(translate(x, y), tlm));
  const push = (...transforms: unknown[]) => {
    saved.push({ ...s });
    for (const m of transforms) if (isList(m)) s.ctm = multiply(matrix(m), s.ctm);
  };
  const cover = (box: Box, image: boolean, simple = true) => {
    const cut = s.clip ? intersect(box, s.clip) : box;
    if (cut)
      paints.push({ cover: { box: cut, image, opaque: s.opaque, colour: image ? null : s.colour, simple } });
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
    else if (fn === OPS.clip || fn === OPS.eoClip) clipping = true;
    else if (fn === OPS.beginMarkedContentProps || fn === OPS.beginMarkedContent)
      layers.push(args[0] === "OC");
    else if (fn === OPS.endMarkedContent) layers.pop();
    else if (fn === OPS.setFillRGBColor) s.colour = typeof args[0] === "string" ? args[0] : null;
    else if (otherColours.has(fn)) s.colour = null;
    else if (fn === OPS.beginText) tm = tlm = IDENTITY;
    else if (fn === OPS.setFont) s.fontSize = n(1);
    else if (fn === OPS.setCharSpacing) s.charSpacing = n(0);
    else if (fn === OPS.setWordSpacing) s.wordSpacing = n(0);
    else if (fn === OPS.setHScale) s.hScale = n(0) / 100;
    else if (fn === OPS.setLeading) s.leading = n(0);
    else if (fn === OPS.setTextRise) s.rise = n(0);
    else if (fn === OPS.setTextRenderingMode) s.mode = n(0);
    else if (fn === OPS.moveText) moveText(n(0), n(1));
    else if (fn === OPS.setLeadingMoveText) {
      s.leading = -n(1);
      moveText(n(0), n(1));
    } else if (fn === OPS.nextLine) moveText(0, -s.leading);
    else if (fn === OPS.setTextMatrix) tm = tlm = matrix(isList(args[0]) ? args[0] : args);
    else if (fn === OPS.showText) {
      const shown = showText(args[0], s, multiply(tm, s.ctm), i);
      // Text in a layer is left to the optional content check (pdf-hidden-objects.ts), which names hidden layers.
      if (!layers.includes(true)) for (const glyph of shown.glyphs) paints.push({ glyph });
      tm = multiply(translate(shown.advance, 0), tm);
    } else if (fn === OPS.constructPath && isList(args[2]) && args[2].length === 4) {
      const box = transformBox(args[2], s.ctm);
      if (clipping) s.clip = s.clip ? (intersect(box, s.clip) ?? [0, 0, 0, 0]) : box;
      clipping = false;
      if (fills.has(n(0))) cover(box, false, subpaths(args[1]) <= 1);
    } else if (pictures.has(fn)) cover(transformBox([0, 0, 1, 1], s.ctm), true);
    else if (fn === OPS.shadingFill && s.clip) cover(s.clip, false);
  });
  // The page is not cleaned up here: drawing it next (pdf-visibility.ts) reuses its operators.
  return paints;
}

function fillOperators(OPS: Ops): Set<number> {
  return new Set([
    OPS.fill,
    OPS.eoFill,
    OPS.fillStroke,
    OPS.eoFillStroke,
    OPS.closeFillStroke,
    OPS.closeEOFillStroke,
  ]);
}

/** Operators that paint one picture on the unit square of the current matrix. */
function pictureOperators(OPS: Ops): Set<number> {
  return new Set([
    OPS.paintImageXObject,
    OPS.paintInlineImageXObject,
    OPS.paintImageMaskXObject,
    OPS.paintSolidColorImageMask,
  ]);
}

/**
 * How many shapes a path of pdf.js' draws: its data is a list of operations,
 * each a code and its coordinates (0 move, 1 line, 2 curve, 3 quadratic
 * curve, 4 close). An unknown code stops the count.
 */
function subpaths(data: unknown): number {
  const ops = Array.isArray(data) && isList(data[0]) ? data[0] : isList(data) ? data : [];
  const sizes = [2, 2, 6, 4, 0];
  let moves = 0;
  for (let at = 0; at < ops.length;) {
    const code = Number(ops[at]);
    if (code === 0) moves++;
    const size = sizes[code];
    if (size === undefined) break;
    at += 1 + size;
  }
  return moves;
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
