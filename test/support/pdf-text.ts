import { execFileSync } from "node:child_process";

// Reads a PDF back with poppler's pdftotext -bbox-layout: every line of text
// in reading order, with its page and its box, so tests can tell body text
// from page-foot footnotes (smaller type) and check where things sit.

export interface PdfLine {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  /** The tallest word's height: about the font size. */
  height: number;
}

export interface PdfPage {
  width: number;
  height: number;
  lines: PdfLine[];
}

const decode = (text: string) =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, "&");

export function readPdfPages(file: string): PdfPage[] {
  const xhtml = execFileSync("pdftotext", ["-bbox-layout", file, "-"], { encoding: "utf8" });
  const pages: PdfPage[] = [];
  for (const page of xhtml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const lines: PdfLine[] = [];
    for (const line of (page[3] ?? "").matchAll(
      /<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g,
    )) {
      const wordBoxes = [
        ...(line[5] ?? "").matchAll(
          /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
        ),
      ].map((word) => ({
        xMin: Number(word[1]),
        yMin: Number(word[2]),
        xMax: Number(word[3]),
        yMax: Number(word[4]),
        text: decode(word[5] ?? ""),
      }));
      lines.push({
        page: pages.length + 1,
        // Words that touch (a footnote mark after its word) are one word, as in plain pdftotext.
        text: wordBoxes.reduce((text, word, i) => {
          const previous = wordBoxes[i - 1];
          return previous === undefined
            ? word.text
            : text + (word.xMin - previous.xMax < 0.5 ? "" : " ") + word.text;
        }, ""),
        xMin: Number(line[1]),
        yMin: Number(line[2]),
        xMax: Number(line[3]),
        yMax: Number(line[4]),
        height: Math.max(...wordBoxes.map((word) => word.yMax - word.yMin)),
      });
    }
    pages.push({ width: Number(page[1]), height: Number(page[2]), lines });
  }
  return pages;
}

/** Plain pdftotext output, as a person copying the text would get it. */
export function pdfText(file: string): string {
  return execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });
}

export const MM = 72 / 25.4;
