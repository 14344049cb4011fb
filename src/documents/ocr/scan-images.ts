import "../pdf-runtime.ts";
import type { PDFPageProxy } from "unpdf/pdfjs";
import { pdfBudgetProblem } from "../budget/pdf-budget.ts";
import { imageKind, kindOf } from "../../replies/file-kind.ts";
import type { FileToRead } from "../../replies/extract-text.ts";
import { looksScanned } from "./scan-reading.ts";
import { pictureSize } from "./picture-size.ts";
import { greyPgm } from "./grey-picture.ts";
import { drawPage } from "../draw-page.ts";
import { tag, tiffPages } from "../tiff-pages.ts";

// The pictures to read by OCR, made in a document thread: each page of a
// PDF that has no text layer, drawn by pdf.js, and each frame of a PNG, JPEG
// or TIFF attachment. Pages and TIFF frames go out as grey PGM, made from the
// pixels already at hand (Tesseract cannot read TIFF itself); a PNG or JPEG
// goes as it came.

export interface ScanImage {
  /** From 1: the PDF page or the image's frame. */
  page: number;
  /** A PNG or JPEG attachment as it came, or the page drawn in grey (PGM: see grey-picture.ts). */
  picture: Uint8Array;
  width: number;
  height: number;
  dpi: number;
}

export interface ScanImages {
  images: ScanImage[];
  problems: string[];
  /** The page to ask from next (a long scan is drawn a few pages at a time), or null when all are done. */
  next: number | null;
}

/** Scans are read at up to this resolution (Tesseract reads best at about 300 dpi)… */
const DPI = 300;
/** …and at least this one: a lower one is drawn larger. */
const MIN_DPI = 150;
/** No picture larger than this many pixels (a poster-sized page is drawn at a lower resolution). */
const MAX_PIXELS = 30_000_000;
/** Pages read by OCR in one file; past that, the rest is left for a person (and said so). */
export const MAX_SCANNED_PAGES = 100;
/**
 * Pictures made by one call: each call is one job of a document thread, with
 * its deadline, so a 100-page scan is drawn in batches (and its pictures are
 * read and let go batch by batch).
 */
const BATCH = 6;

/** The pictures of the scanned pages from page `from` on, a batch at a time. */
export async function scanImages(file: FileToRead, from = 1): Promise<ScanImages> {
  if (kindOf(file) === "pdf") return pdfPageImages(file.bytes, from);
  const image = imageKind(file.bytes);
  if (image === "tiff") return tiffFrames(file.bytes, from);
  if (image && from === 1) return pictureOf(file.bytes, image);
  return { images: [], problems: [], next: null };
}

async function pdfPageImages(bytes: Uint8Array, from: number): Promise<ScanImages> {
  const problems: string[] = [];
  if (pdfBudgetProblem(bytes)) return { images: [], problems, next: null };
  const { getDocumentProxy, createIsomorphicCanvasFactory } = await import("unpdf");
  const CanvasFactory = await createIsomorphicCanvasFactory(() => import("@napi-rs/canvas"));
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, CanvasFactory });
  const images: ScanImage[] = [];
  let next: number | null = null;
  try {
    for (let number = from; number <= pdf.numPages; number++) {
      if (images.length === BATCH) {
        next = number;
        break;
      }
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      const text = content.items.map((item) => ("str" in item ? item.str : "")).join("");
      if (!looksScanned(text)) {
        page.cleanup();
        continue;
      }
      const shown = page.getViewport({ scale: 1 });
      const dpi = await scanResolution(page, shown.width);
      const scale = Math.min(dpi / 72, Math.sqrt(MAX_PIXELS / Math.max(shown.width * shown.height, 1)));
      const viewport = page.getViewport({ scale });
      try {
        const { width, height, rgba } = await drawPage(page, viewport);
        images.push({ page: number, picture: greyPgm(rgba, width, height), width, height, dpi: scale * 72 });
      } finally {
        page.cleanup();
      }
    }
  } finally {
    await pdf.loadingTask.destroy();
  }
  return { images, problems, next };
}

/**
 * The resolution to draw a scanned page at: its picture's own (pixel for
 * pixel: drawing a 200 dpi scan at 300 dpi smears its grain into letters
 * OCR then reads), from 150 to 300 dpi; 300 when the page has no picture.
 */
async function scanResolution(page: PDFPageProxy, shownWidth: number): Promise<number> {
  const { OPS } = await import("unpdf/pdfjs");
  const { fnArray, argsArray } = await page.getOperatorList();
  let widest = 0;
  fnArray.forEach((op, index) => {
    const args = argsArray[index] as unknown[];
    if (op === OPS.paintImageXObject && typeof args[1] === "number") widest = Math.max(widest, args[1]);
    if (op === OPS.paintInlineImageXObject) {
      widest = Math.max(widest, (args[0] as { width?: number } | undefined)?.width ?? 0);
    }
  });
  if (widest === 0 || shownWidth <= 0) return DPI;
  return Math.min(DPI, Math.max(MIN_DPI, (widest * 72) / shownWidth));
}

/** A PNG or JPEG as it is (its boxes stay in its pixels), unless its header says it is too large. */
async function pictureOf(bytes: Uint8Array, kind: "png" | "jpeg"): Promise<ScanImages> {
  const size = pictureSize(bytes, kind);
  if (!size || size.width === 0 || size.height === 0) {
    return { images: [], problems: ["the picture could not be read"], next: null };
  }
  if (size.width * size.height > MAX_PIXELS) {
    return { images: [], problems: [tooLarge(size.width, size.height)], next: null };
  }
  return { images: [{ page: 1, picture: bytes, ...size, dpi: DPI }], problems: [], next: null };
}

function tooLarge(width: number, height: number): string {
  return `the picture is ${width} × ${height} pixels, too large to read by OCR`;
}

async function tiffFrames(bytes: Uint8Array, from: number): Promise<ScanImages> {
  const { UTIF, buffer, pages: frames } = await tiffPages(bytes);
  const problems: string[] = [];
  const images: ScanImage[] = [];
  for (let index = from - 1; index < frames.length; index++) {
    if (images.length === BATCH) return { images, problems, next: index + 1 };
    const frame = frames[index]!;
    // The size from the frame's tags, before its pixels are decoded.
    const [width, height] = [tag(frame, 256) ?? 0, tag(frame, 257) ?? 0];
    if (!width || !height || width * height > MAX_PIXELS) {
      problems.push(
        `page ${index + 1} of the TIFF: ${width && height ? tooLarge(width, height) : "it could not be read"}`,
      );
      continue;
    }
    UTIF.decodeImage(buffer, frame);
    const picture = greyPgm(UTIF.toRGBA8(frame), width, height);
    images.push({ page: index + 1, picture, width, height, dpi: DPI });
  }
  return { images, problems, next: null };
}
