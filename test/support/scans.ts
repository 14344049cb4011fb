import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { diffArrays } from "diff";
import { PDFDocument } from "pdf-lib";
import { greyTiff, type GreyPage } from "./grey-tiff.ts";
import { seededRandom } from "./seeded-random.ts";

// Scans made the way a public body makes them: a letter printed (rendered by
// Postbag), then scanned, here by rasterising the PDF with poppler at a given
// resolution, turning it a little and adding speckle noise, as a flatbed does.

export interface ScannedPage {
  /** Greyscale PNG. */
  png: Buffer;
  width: number;
  height: number;
  dpi: number;
}

/** Each page of a PDF as a scanner would give it back. */
export async function scanPdf(
  pdfPath: string,
  {
    dpi,
    skewDegrees = 0.7,
    noise = 0.004,
    seed = 1,
  }: { dpi: number; skewDegrees?: number; noise?: number; seed?: number },
): Promise<ScannedPage[]> {
  const dir = mkdtempSync(join(tmpdir(), "postbag-scan-"));
  execFileSync("pdftoppm", ["-r", String(dpi), "-gray", "-png", pdfPath, join(dir, "page")]);
  const pages = readdirSync(dir)
    .filter((name) => name.endsWith(".png"))
    .sort();
  const random = seededRandom(seed);
  const scanned: ScannedPage[] = [];
  for (const name of pages) {
    const image = await loadImage(readFileSync(join(dir, name)));
    const canvas = createCanvas(image.width, image.height);
    const context = canvas.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, image.width, image.height);
    context.translate(image.width / 2, image.height / 2);
    context.rotate((skewDegrees * Math.PI) / 180);
    context.drawImage(image, -image.width / 2, -image.height / 2);
    context.setTransform(1, 0, 0, 1, 0, 0);
    const pixels = context.getImageData(0, 0, image.width, image.height);
    for (let at = 0; at < pixels.data.length; at += 4) {
      // Grain on every pixel, and specks of dust: a dark one here and there.
      const grain = (random() - 0.5) * 40;
      const speck = random() < noise ? -200 : 0;
      for (let channel = 0; channel < 3; channel++) {
        pixels.data[at + channel] = clampByte((pixels.data[at + channel] ?? 0) + grain + speck);
      }
    }
    context.putImageData(pixels, 0, 0);
    scanned.push({ png: await canvas.encode("png"), width: image.width, height: image.height, dpi });
  }
  return scanned;
}

/** A PDF of scanned pages only: pictures, no text layer (what a scanner's "scan to PDF" makes). */
export async function imagePdf(pages: ScannedPage[]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (const page of pages) {
    const picture = await doc.embedPng(page.png);
    const [width, height] = [(page.width * 72) / page.dpi, (page.height * 72) / page.dpi];
    doc.addPage([width, height]).drawImage(picture, { x: 0, y: 0, width, height });
  }
  return Buffer.from(await doc.save());
}

/** A multi-page greyscale TIFF of the pages (uncompressed, as many fax and scanner drivers write). */
export async function multiPageTiff(pages: ScannedPage[]): Promise<Buffer> {
  const grey: GreyPage[] = [];
  for (const page of pages) {
    const image = await loadImage(page.png);
    const canvas = createCanvas(image.width, image.height);
    const context = canvas.getContext("2d");
    context.drawImage(image, 0, 0);
    const rgba = context.getImageData(0, 0, image.width, image.height).data;
    const data = new Uint8Array(image.width * image.height);
    for (let i = 0; i < data.length; i++) data[i] = rgba[i * 4] ?? 255;
    grey.push({ data, width: image.width, height: image.height });
  }
  return greyTiff(grey);
}

/** The words of a text, for comparing: split on white space, outer punctuation taken off. */
export function wordsOf(text: string): string[] {
  return text
    .split(/\s+/)
    .map((word) => word.replace(/^[^\p{L}\p{N}£&]+|[^\p{L}\p{N}%]+$/gu, ""))
    .filter((word) => word !== "");
}

/** The share of the expected words read right, in order (a word-level alignment, as OCR is scored). */
export function wordAccuracy(expected: string, read: string): number {
  const want = wordsOf(expected);
  const got = wordsOf(read);
  const matched = diffArrays(want, got)
    .filter((part) => !part.added && !part.removed)
    .reduce((sum, part) => sum + part.count!, 0);
  return want.length === 0 ? 1 : matched / want.length;
}

function clampByte(value: number): number {
  return Math.max(0, Math.min(255, Math.round(value)));
}
