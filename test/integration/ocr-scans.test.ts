import { execFileSync } from "node:child_process";

import { join } from "node:path";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { EMPTY_CONTEXT } from "../../src/documents/document.ts";
import type { ExtractedText } from "../../src/replies/extract-text.ts";
import { OcrPool } from "../../src/documents/ocr/ocr-pool.ts";
import { scanImages } from "../../src/documents/ocr/scan-images.ts";
import { LOW_CONFIDENCE, type ScanReading } from "../../src/documents/ocr/scan-reading.ts";
import { DocumentPool } from "../../src/documents/pool/document-pool.ts";
import { pooledDocuments } from "../../src/documents/pool/pooled-documents.ts";
import { pdfText } from "../support/pdf-text.ts";
import { writeTempPdf } from "../support/pdf-tools.ts";
import { EXAMPLE, postbagInProcess, tempDir } from "../support/render-cli.ts";
import {
  imagePdf,
  multiPageTiff,
  scanPdf,
  wordAccuracy,
  wordsOf,
  type ScannedPage,
} from "../support/scans.ts";
import { NO_POPPLER, POPPLER_REASON } from "../support/tools.ts";

// Replies on paper: a real letter of the seed campaign rendered by Postbag,
// then "scanned" (rasterised by poppler at 200 and 300 dpi, turned 0.7° and
// speckled), read back by OCR as a PDF without a text layer and as PNG, JPEG
// and a multi-page TIFF attachment, and checked and redacted by its words.

describe.skipIf(NO_POPPLER)(`scans read by OCR (${POPPLER_REASON})`, () => {
  const pool = new DocumentPool({ timeoutMs: 120_000 });
  const ocr = new OcrPool({ workers: 2, languages: "eng", pageTimeoutMs: 120_000 });
  const documents = pooledDocuments(pool, ocr);
  let letterPdf: string;
  /** The letter's text as poppler reads it from the rendered PDF, page by page. */
  let pageTexts: string[];
  const scans = new Map<number, ScannedPage[]>();
  const scanAt = async (dpi: number) => {
    if (!scans.has(dpi)) scans.set(dpi, await scanPdf(letterPdf, { dpi }));
    return scans.get(dpi)!;
  };
  /** The scanned letter as a PDF without a text layer, and what Postbag reads of it (once per resolution). */
  const readings = new Map<number, Promise<{ bytes: Buffer; read: ExtractedText }>>();
  const readAt = (dpi: number) => {
    if (!readings.has(dpi)) {
      readings.set(
        dpi,
        scanAt(dpi).then(async (pages) => {
          const bytes = await imagePdf(pages);
          return { bytes, read: await documents.extractText({ name: "reply.pdf", bytes }) };
        }),
      );
    }
    return readings.get(dpi)!;
  };

  beforeAll(async () => {
    const out = tempDir();
    const rendered = await postbagInProcess(["render", EXAMPLE, "--format", "pdf", "--out", out]);
    expect(rendered.status, rendered.stderr).toBe(0);
    letterPdf = join(out, "essex.pdf");
    pageTexts = pdfText(letterPdf)
      .split("\f")
      .filter((page) => page.trim() !== "");
    expect(pageTexts.length).toBe(2);
  }, 60_000);
  afterAll(async () => {
    await pool.close();
    await ocr.close();
  });

  it.each([200, 300])(
    "reads a letter scanned at %i dpi, turned and speckled, with at least 95 words in 100 right",
    async (dpi) => {
      const { read } = await readAt(dpi);
      expect(read.problems).toEqual([]);
      expect(read.scan?.pages.map((page) => page.page)).toEqual([1, 2]);
      const accuracy = wordAccuracy(pageTexts.join("\n"), read.text);
      expect(accuracy).toBeGreaterThanOrEqual(0.95);
      for (const page of read.scan!.pages) {
        expect(page.confidence).toBeGreaterThanOrEqual(LOW_CONFIDENCE);
        // Drawn for OCR pixel for pixel as scanned; the boxes are inside that picture.
        expect(page.dpi).toBeCloseTo(dpi, 0);
        for (const { box } of page.words) {
          expect(box[0]).toBeLessThan(box[2]);
          expect(box[2]).toBeLessThanOrEqual(page.width);
          expect(box[3]).toBeLessThanOrEqual(page.height);
        }
      }
      expect(read.text).toContain("Roger Hirst");
    },
    240_000,
  );

  it("reads PNG and JPEG pictures and each page of a multi-page TIFF", async () => {
    const [first, second] = await scanAt(200);
    const jpeg = await toJpeg(first!);
    const reads = {
      png: await documents.extractText({ name: "page1.png", bytes: first!.png }),
      jpeg: await documents.extractText({ name: "IMG_0001.JPG", bytes: jpeg }),
      tiff: await documents.extractText({
        name: "scan.tif",
        bytes: await multiPageTiff([first!, second!]),
      }),
    };
    expect(wordAccuracy(pageTexts[0]!, reads.png.text)).toBeGreaterThanOrEqual(0.95);
    expect(wordAccuracy(pageTexts[0]!, reads.jpeg.text)).toBeGreaterThanOrEqual(0.95);
    expect(reads.tiff.scan?.pages.map((page) => page.page)).toEqual([1, 2]);
    expect(wordAccuracy(pageTexts.join("\n"), reads.tiff.text)).toBeGreaterThanOrEqual(0.95);
  }, 240_000);

  it("draws a long scan a few pages at a time, each batch a job of its own", async () => {
    const [first] = await scanAt(200);
    const bytes = await imagePdf(Array.from({ length: 8 }, () => first!));
    const batch = await scanImages({ name: "long.pdf", bytes });
    expect(batch.images.map((image) => image.page)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(batch.next).toBe(7);
    const rest = await scanImages({ name: "long.pdf", bytes }, batch.next!);
    expect(rest.images.map((image) => image.page)).toEqual([7, 8]);
    expect(rest.next).toBeNull();
  }, 120_000);

  it("refuses a picture whose header claims more pixels than it may decode, without decoding it", async () => {
    const png = Buffer.from(first24BytesOfPng(60_000, 60_000));
    const read = await documents.extractText({ name: "bomb.png", bytes: png });
    expect(read.text).toBe("");
    expect(read.problems).toContain("the picture is 60000 × 60000 pixels, too large to read by OCR");
  });

  it("holds a page OCR reads badly for a person, in the text's problems and in the checks", async () => {
    const [first] = await scanAt(200);
    const smudged = await smudge(first!);
    const bytes = await imagePdf([smudged]);
    const read = await documents.extractText({ name: "fax.pdf", bytes });
    const page = read.scan!.pages[0]!;
    expect(page.confidence).toBeLessThan(LOW_CONFIDENCE);
    expect(read.problems).toEqual([
      `page 1 was read by OCR with ${page.confidence}% confidence (under ${LOW_CONFIDENCE}%): read it yourself`,
    ]);
    const checked = await documents.checkDocument(
      { name: "fax.pdf", mediaType: "application/pdf", bytes, scan: read.scan! },
      EMPTY_CONTEXT,
    );
    expect(checked.findings).toContainEqual(
      expect.objectContaining({ code: "ocr-low-confidence", severity: "review", location: "page 1" }),
    );
  }, 240_000);

  describe("a scanned reply checked and redacted by its words", () => {
    let bytes: Buffer;
    let scan: ScanReading;
    beforeAll(async () => {
      const reading = await readAt(300);
      bytes = reading.bytes;
      scan = reading.read.scan!;
    }, 240_000);

    it("finds personal data on the scanned page and says on which page and line", async () => {
      const checked = await documents.checkDocument(
        { name: "reply.pdf", mediaType: "application/pdf", bytes, scan },
        EMPTY_CONTEXT,
      );
      const email = checked.findings.find((finding) => finding.code === "personal-email");
      expect(email?.message).toContain("shelley.perera@iasc.independent.gov.uk");
      expect(email?.location).toMatch(/^page 1 \(scanned\), line \d+$/);
      // Without the reading, the same file can only be held as unreadable by the checks.
      const unread = await documents.checkDocument(
        { name: "reply.pdf", mediaType: "application/pdf", bytes },
        EMPTY_CONTEXT,
      );
      expect(unread.findings.map((finding) => finding.code)).toEqual(["pdf-no-text"]);
    }, 120_000);

    it("blacks out a redacted name where it is on the page picture, and keeps the other words searchable", async () => {
      const redacted = await documents.redactDocument(
        { name: "reply.pdf", mediaType: "application/pdf", bytes, scan },
        [{ kind: "text", text: "Roger Hirst" }],
      );
      expect(redacted.matches).toEqual([1]);
      const publicText = pdfText(writeTempPdf(redacted.bytes));
      expect(publicText).not.toContain("Hirst");
      expect(publicText).toContain("[redacted]");
      expect(publicText).toContain("Police, Fire and Crime Commissioner for Essex");
      // On the picture: where OCR saw the name, the page is now black.
      const page = scan.pages[0]!;
      const words = page.words.filter((word) => ["Roger", "Hirst"].includes(word.text));
      expect(words).toHaveLength(2);
      const before = await pagePicture(bytes, page.dpi);
      const picture = await pagePicture(redacted.bytes, page.dpi);
      for (const { box } of words) {
        // Ink on paper before; a black box after, but for the white "[redacted]" written on it.
        expect(darkShare(before, box)).toBeLessThan(0.5);
        expect(darkShare(picture, box)).toBeGreaterThan(0.7);
      }
      // And read again by OCR, the public page no longer shows the name.
      const again = await documents.extractText({ name: "public.png", bytes: picture.png });
      expect(wordsOf(again.text)).not.toContain("Hirst");
      expect(again.text).toContain("Kelvedon Park");
    }, 240_000);
  });
});

/** A PNG signature and IHDR chunk claiming a size (and nothing after: a decoder would fail or allocate it all). */
function first24BytesOfPng(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 0, 0, 0, 0], 24);
  return bytes;
}

async function toJpeg(page: ScannedPage): Promise<Buffer> {
  const image = await loadImage(page.png);
  const canvas = createCanvas(image.width, image.height);
  canvas.getContext("2d").drawImage(image, 0, 0);
  return canvas.encode("jpeg", 80);
}

/** A page gone through a bad fax: shrunk to a quarter and blown up again, then blurred. */
async function smudge(page: ScannedPage): Promise<ScannedPage> {
  const image = await loadImage(page.png);
  const small = createCanvas(Math.round(image.width / 5), Math.round(image.height / 5));
  small.getContext("2d").drawImage(image, 0, 0, small.width, small.height);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext("2d");
  context.filter = "blur(3px)";
  context.drawImage(small, 0, 0, image.width, image.height);
  return { ...page, png: await canvas.encode("png") };
}

interface Picture {
  png: Buffer;
  width: number;
  data: Uint8ClampedArray;
}

/** The first page of a PDF as poppler draws it, in grey. */
async function pagePicture(pdf: Buffer, dpi: number): Promise<Picture> {
  const root = join(tempDir(), "page");
  execFileSync("pdftoppm", [
    "-r",
    String(dpi),
    "-gray",
    "-png",
    "-f",
    "1",
    "-l",
    "1",
    "-singlefile",
    writeTempPdf(pdf),
    root,
  ]);
  const png = readFileSync(`${root}.png`);
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  return { png, width: image.width, data: context.getImageData(0, 0, image.width, image.height).data };
}

/** The share of a box's pixels that are dark. */
function darkShare(picture: Picture, [x0, y0, x1, y1]: [number, number, number, number]): number {
  let dark = 0;
  let all = 0;
  for (let y = Math.ceil(y0); y < Math.floor(y1); y++) {
    for (let x = Math.ceil(x0); x < Math.floor(x1); x++) {
      all++;
      if ((picture.data[(y * picture.width + x) * 4] ?? 255) < 80) dark++;
    }
  }
  return all === 0 ? 0 : dark / all;
}
