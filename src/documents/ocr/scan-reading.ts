// What optical character recognition made of a scanned file: for each page
// read (a PDF page without a text layer, or an image), its words with their
// boxes and confidence. It is stored beside the file's extracted text
// (file_texts.ocr) and travels with the file's bytes to the checks and the
// redaction, which read a scanned page from its words as they read a text
// page from its text layer.

export interface OcrWord {
  text: string;
  /** Tesseract's confidence in the word, 0 to 100. */
  confidence: number;
  /** Left, top, right, bottom, in pixels of the page's image. */
  box: [number, number, number, number];
  /** The last word of its line (the next word starts a new one). */
  lineEnd?: boolean;
}

export interface OcrPage {
  /** From 1: the PDF page, or the image's frame (a multi-page TIFF). */
  page: number;
  /** The size of the image read, in pixels, and its resolution: boxes in points are box × 72 / dpi. */
  width: number;
  height: number;
  dpi: number;
  /** The page's confidence, 0 to 100 (words weighted by their length). */
  confidence: number;
  words: OcrWord[];
}

export interface ScanReading {
  /** Who read it and in which languages ("tesseract.js 7, eng"): readings by another engine are redone. */
  engine: string;
  pages: OcrPage[];
}

/** Below this, a page is held for a person to read: the words found may not be the words written. */
export const LOW_CONFIDENCE = 70;

/** A page with fewer characters than this in its text layer is taken for a scan (a stamp or a page number is not text). */
const SCANNED_PAGE_CHARS = 20;

export function looksScanned(pageText: string): boolean {
  return pageText.replace(/\s/g, "").length < SCANNED_PAGE_CHARS;
}

/** A page's text: its words, a line per line. */
export function ocrPageText(page: OcrPage): string {
  return page.words
    .map((word) => word.text + (word.lineEnd ? "\n" : " "))
    .join("")
    .trim();
}

/** The words' confidence weighted by their length (a misread "I" matters less than a misread name). */
export function meanConfidence(words: OcrWord[]): number {
  const weight = words.reduce((sum, word) => sum + word.text.length, 0);
  if (weight === 0) return 0;
  return Math.round(words.reduce((sum, word) => sum + word.confidence * word.text.length, 0) / weight);
}

/** The whole reading's confidence: its pages' words together. */
export function readingConfidence(reading: ScanReading): number {
  return meanConfidence(reading.pages.flatMap((page) => page.words));
}

export function lowConfidencePages(reading: ScanReading): OcrPage[] {
  return reading.pages.filter((page) => page.words.length > 0 && page.confidence < LOW_CONFIDENCE);
}
