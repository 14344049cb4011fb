import { createCanvas } from "@napi-rs/canvas";
import {
  PDFDocument,
  StandardFonts,
  clip,
  endPath,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setTextRenderingMode,
  TextRenderingMode,
  type PDFFont,
  type PDFPage,
} from "pdf-lib";

// One-page PDFs made by pdf-lib, each with text under something, for the
// check that finds text a reader cannot see (documents/checks/pdf-covered-text.ts).
// Each draws two lines: "Visible line of the letter." and, on the line
// under it, "Secret name Alpha Zulu", which each case hides, or seems to.

const BLACK = rgb(0, 0, 0);
const WHITE = rgb(1, 1, 1);
const SECRET = { x: 72, y: 680, width: 150, height: 16 };

async function twoLines(
  draw: (page: PDFPage, font: PDFFont, doc: PDFDocument) => Promise<void> | void,
): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText("Visible line of the letter.", { x: 72, y: 700, size: 12, font });
  await draw(page, font, doc);
  return Buffer.from(await doc.save());
}

function secret(page: PDFPage, font: PDFFont, color = BLACK): void {
  page.drawText("Secret name Alpha Zulu", { x: 72, y: 684, size: 12, font, color });
}

function box(page: PDFPage, color = BLACK, opacity = 1): void {
  page.drawRectangle({ ...SECRET, color, opacity });
}

/** Done right: the words are gone, and a black box shows where they were. */
export function goodRedaction(): Promise<Buffer> {
  return twoLines((page) => box(page));
}

/** The classic failure: the words drawn, a black box drawn over them. */
export function boxOverText(): Promise<Buffer> {
  return twoLines((page, font) => {
    secret(page, font);
    box(page);
  });
}

/** A black box drawn first, and black words drawn on it. */
export function textOnBoxOfItsColour(): Promise<Buffer> {
  return twoLines((page, font) => {
    box(page);
    secret(page, font);
  });
}

/** White words on a dark blue panel: plain to see. */
export function textOnPanel(): Promise<Buffer> {
  return twoLines((page, font) => {
    box(page, rgb(0.1, 0.2, 0.6));
    secret(page, font, WHITE);
  });
}

/** A page-sized white box painted over the words, but clipped to the top of the page, away from them. */
export function whiteBoxClippedAway(): Promise<Buffer> {
  return twoLines((page, font) => {
    secret(page, font);
    page.pushOperators(pushGraphicsState(), rectangle(0, 780, 595, 62), clip(), endPath());
    page.drawRectangle({ x: 0, y: 0, width: 595, height: 842, color: WHITE });
    page.pushOperators(popGraphicsState());
  });
}

/** A black box at half opacity over the words: they show through. */
export function translucentBoxOverText(): Promise<Buffer> {
  return twoLines((page, font) => {
    secret(page, font);
    box(page, BLACK, 0.5);
  });
}

/** A picture (grey, with a pattern) placed over the words. */
export function pictureOverText(): Promise<Buffer> {
  return twoLines(async (page, font, doc) => {
    secret(page, font);
    const picture = await doc.embedPng(patternedPng());
    page.drawImage(picture, SECRET);
  });
}

/** A scan with its OCR layer: the picture first, the same words drawn invisibly over it. */
export function scanWithOcrLayer(): Promise<Buffer> {
  return twoLines(async (page, font, doc) => {
    const picture = await doc.embedPng(patternedPng());
    page.drawImage(picture, SECRET);
    page.pushOperators(setTextRenderingMode(TextRenderingMode.Invisible));
    secret(page, font);
  });
}

/** One path of two boxes over two lines, each box over part of a line: only the parts under the boxes are hidden. */
export function twoLineRedaction(): Promise<Buffer> {
  return twoLines((page, font) => {
    page.drawText("Reported by Harriet Lowe on Monday", { x: 72, y: 660, size: 12, font });
    page.drawText("and Imran Siddiqui on Tuesday.", { x: 72, y: 644, size: 12, font });
    const at = (before: string) => 72 + font.widthOfTextAtSize(before, 12);
    const [a0, a1] = [at("Reported by "), at("Reported by Harriet Lowe")];
    const [b0, b1] = [at("and "), at("and Imran Siddiqui")];
    // SVG's y runs down from the point given: 0 to 14 is the first line's band, 16 to 33 the second's (down past its descenders).
    const path = `M ${a0} 0 H ${a1} V 14 H ${a0} Z M ${b0} 16 H ${b1} V 33 H ${b0} Z`;
    page.drawSvgPath(path, { x: 0, y: 674, color: BLACK });
  });
}

function patternedPng(): Buffer {
  const canvas = createCanvas(60, 8);
  const context = canvas.getContext("2d");
  context.fillStyle = "#808080";
  context.fillRect(0, 0, 60, 8);
  context.fillStyle = "#303030";
  for (let x = 0; x < 60; x += 6) context.fillRect(x, 0, 3, 8);
  return canvas.toBuffer("image/png");
}
