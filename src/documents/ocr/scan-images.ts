import "../pdf-runtime.ts";
import type { SKRSContext2D } from "@napi-rs/canvas";
import type { PDFPageProxy } from "unpdf/pdfjs";
import { pdfBudgetProblem } from "../budget/pdf-budget.ts";
import { imageKind, kindOf } from "../../replies/file-kind.ts";
import type { FileToRead } from "../../replies/extract-text.ts";
import { looksScanned } from "./scan-reading.ts";

// The pictures to read by OCR, made in a document thread: each page of a
// PDF that has no text layer, drawn by pdf.js at 300 dots per inch, and each
// frame of a PNG, JPEG or TIFF attachment. All go out as PNG, which the OCR
// engine reads whatever the original was (it cannot read TIFF itself).

export interface ScanImage {
  /** From 1: the PDF page or the image's frame. */
  page: number;
  png: Uint8Array;
  width: number;
  height: number;
  dpi: number;
}

export interface ScanImages {
  images: ScanImage[];
  problems: string[];
}

/** Scans are read at up to this resolution (Tesseract reads best at about 300 dpi)… */
const DPI = 300;
/** …and at least this one: a lower one is drawn larger. */
const MIN_DPI = 150;
/** No picture larger than this many pixels (a poster-sized page is drawn at a lower resolution). */
const MAX_PIXELS = 30_000_000;
/** Pages read by OCR in one file; past that, the rest is left for a person (and said so). */
export const MAX_SCANNED_PAGES = 100;

export async function scanImages(file: FileToRead): Promise<ScanImages> {
  if (kindOf(file) === "pdf") return pdfPageImages(file.bytes);
  const image = imageKind(file.bytes);
  if (image === "tiff") return tiffFrames(file.bytes);
  if (image) return { images: [await pictureOf(file.bytes, 1)], problems: [] };
  return { images: [], problems: [] };
}

async function pdfPageImages(bytes: Uint8Array): Promise<ScanImages> {
  const problems: string[] = [];
  if (pdfBudgetProblem(bytes)) return { images: [], problems };
  const { getDocumentProxy, createIsomorphicCanvasFactory } = await import("unpdf");
  const CanvasFactory = await createIsomorphicCanvasFactory(() => import("@napi-rs/canvas"));
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, CanvasFactory });
  const images: ScanImage[] = [];
  try {
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      const text = content.items.map((item) => ("str" in item ? item.str : "")).join("");
      if (!looksScanned(text)) continue;
      if (images.length === MAX_SCANNED_PAGES) {
        problems.push(`only the first ${MAX_SCANNED_PAGES} scanned pages were read by OCR`);
        break;
      }
      const shown = page.getViewport({ scale: 1 });
      const dpi = await scanResolution(page, shown.width);
      const scale = Math.min(dpi / 72, Math.sqrt(MAX_PIXELS / Math.max(shown.width * shown.height, 1)));
      const viewport = page.getViewport({ scale });
      const factory = new CanvasFactory();
      const drawing = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
      try {
        const context = drawing.context as unknown as SKRSContext2D;
        context.fillStyle = "#ffffff";
        context.fillRect(0, 0, drawing.canvas.width, drawing.canvas.height);
        await page.render({
          canvas: drawing.canvas as unknown as HTMLCanvasElement,
          canvasContext: context as unknown as CanvasRenderingContext2D,
          viewport,
        }).promise;
        const png = await (drawing.canvas as unknown as { encode(kind: "png"): Promise<Buffer> }).encode(
          "png",
        );
        images.push({
          page: number,
          png,
          width: drawing.canvas.width,
          height: drawing.canvas.height,
          dpi: scale * 72,
        });
      } finally {
        factory.destroy(drawing);
        page.cleanup();
      }
    }
  } finally {
    await pdf.loadingTask.destroy();
  }
  return { images, problems };
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

/** A PNG or JPEG as it is; its resolution is not needed (its boxes stay in pixels). */
async function pictureOf(bytes: Uint8Array, page: number): Promise<ScanImage> {
  const { Image } = await import("@napi-rs/canvas");
  const image = new Image();
  image.src = Buffer.from(bytes);
  return { page, png: bytes, width: image.width, height: image.height, dpi: DPI };
}

async function tiffFrames(bytes: Uint8Array): Promise<ScanImages> {
  const { default: UTIF } = await import("utif2");
  const { createCanvas } = await import("@napi-rs/canvas");
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const problems: string[] = [];
  const images: ScanImage[] = [];
  // Thumbnails and masks are frames too, but not pages: only full-size frames are read.
  const frames = UTIF.decode(buffer).filter(
    (frame) => Number((frame["t254"] as number[] | undefined)?.[0] ?? 0) !== 1,
  );
  for (const frame of frames) {
    if (images.length === MAX_SCANNED_PAGES) {
      problems.push(`only the first ${MAX_SCANNED_PAGES} pages of the TIFF were read by OCR`);
      break;
    }
    UTIF.decodeImage(buffer, frame);
    const { width, height } = frame as unknown as { width: number; height: number };
    if (!width || !height || width * height > MAX_PIXELS) {
      problems.push(`page ${images.length + 1} of the TIFF could not be read`);
      continue;
    }
    const rgba = UTIF.toRGBA8(frame);
    const canvas = createCanvas(width, height);
    const context = canvas.getContext("2d");
    const picture = context.createImageData(width, height);
    picture.data.set(rgba);
    context.putImageData(picture, 0, 0);
    images.push({ page: images.length + 1, png: await canvas.encode("png"), width, height, dpi: DPI });
  }
  return { images, problems };
}
