import { withoutPrintedAddresses } from "./printed-addresses.ts";
import { pdfBudgetProblem } from "../../documents/budget/pdf-budget.ts";
import "../../documents/pdf-runtime.ts";
import { withPdf, type PdfProxy } from "../../documents/checks/pdf-reader.ts";
import { PostbagError } from "../../errors.ts";
import type { LetterText } from "./letter-text.ts";
import { pageLines, type LinkBox, type PdfLine, type TextItemLike } from "./pdf-lines.ts";
import { writeLetterText } from "./pdf-write.ts";

// A letter that was sent as a PDF, read back into letter text. The layout is
// all a PDF keeps of the letter's structure, so lines, blocks, footnote
// references and notes are recognised from where and how large text is
// printed (pdf-lines.ts, pdf-write.ts).

const ABSOLUTE_URL = /^(https?:|mailto:)/i;

export async function readPdfLetterText(bytes: Uint8Array, file: string): Promise<LetterText> {
  const tooLarge = pdfBudgetProblem(bytes);
  if (tooLarge) throw new PostbagError("learn", `the PDF was not opened: ${tooLarge}`, { file });
  let pages: PdfLine[][];
  try {
    pages = await withPdf(bytes, readPages);
  } catch (error) {
    // pdf.js throws its own exception classes, told apart by name.
    const detail =
      (error as Error).name === "PasswordException"
        ? "the PDF is protected by a password, so its text cannot be read"
        : `the file is not a PDF that can be read (${(error as Error).message})`;
    throw new PostbagError("learn", detail, { file });
  }
  if (pages.every((lines) => lines.length === 0)) {
    throw new PostbagError(
      "learn",
      "the PDF has no text to read (a scan?): give the letter as a PDF with text, Word, HTML or text",
      { file },
    );
  }
  // On paper a link's address is printed after it: the letter as written had the link alone.
  return withoutPrintedAddresses({ file, text: writeLetterText(pages) });
}

async function readPages(pdf: PdfProxy): Promise<PdfLine[][]> {
  const pages: PdfLine[][] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const content = await page.getTextContent();
    const items = content.items.filter((item): item is TextItemLike & typeof item => "str" in item);
    pages.push(pageLines(items, linkBoxes((await page.getAnnotations()) as LinkAnnotation[])));
    page.cleanup();
  }
  return pages;
}

interface LinkAnnotation {
  subtype?: string;
  url?: string;
  rect?: number[];
  quadPoints?: ArrayLike<number>;
}

/**
 * Where each web or mail link is. A link wrapped across lines has one box
 * per line (quad points, 4 corners each); its rectangle would cover the
 * whole of the lines it touches.
 */
function linkBoxes(annotations: LinkAnnotation[]): LinkBox[] {
  return annotations.flatMap(({ subtype, url, rect = [], quadPoints }) => {
    if (subtype !== "Link" || !url || !ABSOLUTE_URL.test(url)) return [];
    const flat = quadPoints && quadPoints.length >= 8 ? Array.from(quadPoints) : rectCorners(rect);
    const boxes: LinkBox[] = [];
    for (let at = 0; at + 8 <= flat.length; at += 8) {
      const xs = [0, 2, 4, 6].map((i) => flat[at + i] ?? 0);
      const ys = [1, 3, 5, 7].map((i) => flat[at + i] ?? 0);
      boxes.push({ x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys), url });
    }
    return boxes;
  });
}

function rectCorners([x0 = 0, y0 = 0, x1 = 0, y1 = 0]: number[]): number[] {
  return [x0, y1, x1, y1, x0, y0, x1, y0];
}
