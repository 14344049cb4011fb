import { extname } from "node:path";
import { convert as htmlToText } from "html-to-text";
import { withoutControlCharacters } from "../text/control-characters.ts";
import { charsetInHtml, decodeText } from "../files/decode-text.ts";
import { pdfBudgetProblem } from "../documents/budget/pdf-budget.ts";
import { kindOf, type FileKind as Kind } from "./file-kind.ts";
import { zipRefusal } from "./zip-guard.ts";
import { XLSX_TEXT_ONLY } from "../files/xlsx-read-options.ts";
import {
  LOW_CONFIDENCE,
  looksScanned,
  lowConfidencePages,
  ocrPageText,
  type ScanReading,
} from "../documents/ocr/scan-reading.ts";

// The text of a file that came with a reply, for search and for suggesting
// which requested items the reply answers. Replies come from outside, so
// nothing here throws on a bad file: what could not be read is said in
// `problems` (shown beside the file and flagged), and the text is whatever
// could be read, often "". The kind is found from the bytes first, because
// attachments are often misnamed ("report.pdf" that is a Word file), then
// from the media type and the file's extension.

export interface FileToRead {
  name: string;
  /** The MIME type the sender gave, with any charset parameter ("text/plain; charset=windows-1252"). */
  mediaType?: string;
  bytes: Uint8Array;
  /** What OCR read of its scanned pages or pictures, when it has been read. */
  scan?: ScanReading;
}

export interface ExtractedText {
  text: string;
  problems: string[];
  /** The OCR reading the text includes (see documents/ocr). */
  scan?: ScanReading;
  /** Pages or pictures with no text that OCR has not read (the caller may read them, then ask again with `scan`). */
  unreadScans?: boolean;
  /** Where each page starts in `text`, for files with pages (PDFs, multi-page scans). */
  pageStarts?: number[];
}

/**
 * Put before each page while a file with pages is read: one of Unicode's
 * noncharacters, which no text holds (unlike the private use area, where
 * some PDFs' fonts put their glyphs) and tidying keeps, so that each page's
 * start is found in the tidied text, then taken out.
 */
const PAGE_MARK = "\uFDD0";

/** Text kept per file, in characters: enough for any real reply, bounded for the database and search. */
export const MAX_TEXT_CHARS = 2 * 1024 * 1024;
/** Larger files are not read at all (the mail intake refuses them before this). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

export async function extractText(file: FileToRead): Promise<ExtractedText> {
  const problems: string[] = [];
  if (file.bytes.length > MAX_FILE_BYTES) {
    return { text: "", problems: [`the file is larger than 100 MB, so its text was not read`] };
  }
  const kind = kindOf(file);
  let text = "";
  const scans = { unread: false };
  try {
    text = await READERS[kind](file, problems, scans);
  } catch (error) {
    // The readers catch what they expect; this is the backstop for a library's surprise.
    problems.push(`the file could not be read (${(error as Error).message})`);
  }
  if (file.scan) problems.push(...lowConfidenceProblems(file.scan));
  text = tidy(text);
  if (text.length > MAX_TEXT_CHARS) {
    text = text.slice(0, MAX_TEXT_CHARS);
    problems.push(`the text was cut after ${MAX_TEXT_CHARS.toLocaleString("en-GB")} characters`);
  }
  const paged = withoutPageMarks(text);
  const pages = paged.pageStarts.length > 0 ? { pageStarts: paged.pageStarts } : {};
  text = paged.text;
  if (file.scan) return { text, problems, scan: file.scan, ...pages };
  return scans.unread ? { text, problems, unreadScans: true, ...pages } : { text, problems, ...pages };
}

function withoutPageMarks(marked: string): { text: string; pageStarts: number[] } {
  const parts = marked.split(PAGE_MARK);
  if (parts.length === 1) return { text: marked, pageStarts: [] };
  const pageStarts: number[] = [];
  let text = parts[0] ?? "";
  for (const part of parts.slice(1)) {
    pageStarts.push(text.length);
    text += part;
  }
  return { text, pageStarts };
}

function lowConfidenceProblems(scan: ScanReading): string[] {
  return lowConfidencePages(scan).map(
    (page) =>
      `page ${page.page} was read by OCR with ${page.confidence}% confidence (under ${LOW_CONFIDENCE}%): read it yourself`,
  );
}

/** A page's text: its text layer, or what OCR read of it when it has none. */
function pageOrScan(text: string, page: number, scan: ScanReading | undefined): string {
  const read = scan?.pages.find((candidate) => candidate.page === page);
  return read && looksScanned(text) ? ocrPageText(read) : text;
}

/** `scans.unread`: set by a reader that met a page or picture with no text that OCR has not read. */
type Reader = (file: FileToRead, problems: string[], scans: { unread: boolean }) => Promise<string>;

const READERS: Record<Kind, Reader> = {
  pdf: readPdf,
  docx: readDocx,
  xlsx: readXlsx,
  html: async (file, problems) => htmlText(decodeText(file, problems, charsetInHtml(file.bytes))),
  text: async (file, problems) => decodeText(file, problems),
  zip: async (_file, problems) => {
    problems.push("the file is a zip archive, not a Word or Excel document: its contents were not read");
    return "";
  },
  "old-office": async (_file, problems) => {
    problems.push("older Word and Excel files (.doc, .xls) are not read: ask for .docx, .xlsx or PDF");
    return "";
  },
  image: async (file, problems, scans) => {
    if (!file.scan) {
      problems.push("the picture's text was not read (OCR did not run)");
      scans.unread = true;
      return "";
    }
    return file.scan.pages.map((page) => PAGE_MARK + ocrPageText(page)).join("\n\n");
  },
  binary: async (file, problems) => {
    problems.push(
      `this kind of file (${extname(file.name) || file.mediaType || "unknown"}) has no text to read`,
    );
    return "";
  },
};

async function readPdf(file: FileToRead, problems: string[], scans: { unread: boolean }): Promise<string> {
  const tooLarge = pdfBudgetProblem(file.bytes);
  if (tooLarge) {
    problems.push(`the PDF was not opened: ${tooLarge}`);
    return "";
  }
  const { getDocumentProxy, extractText: pdfText } = await import("unpdf");
  try {
    // A copy: pdf.js detaches the buffer it is given. Verbosity 0: a broken
    // PDF's warnings are reported as a problem, not printed to the console.
    const pdf = await getDocumentProxy(new Uint8Array(file.bytes), { verbosity: 0 });
    try {
      const { text } = await pdfText(pdf, { mergePages: false });
      const pages = text.map((page, index) => pageOrScan(page.trim(), index + 1, file.scan));
      scans.unread = !file.scan && pages.some(looksScanned);
      if (pages.every((page) => page === "")) {
        problems.push("the PDF has no text layer (a scan?): it needs reading by a person");
      }
      return pages.map((page) => PAGE_MARK + page).join("\n\n");
    } finally {
      // Frees pdf.js' worker-side state for this document.
      await pdf.loadingTask.destroy();
    }
  } catch (error) {
    // pdf.js throws its own exception classes, told apart by name.
    if ((error as Error).name === "PasswordException") {
      problems.push("the PDF is encrypted with a password, so its text could not be read");
    } else {
      problems.push(`the PDF could not be read (${(error as Error).message})`);
    }
    return "";
  }
}

async function readDocx(file: FileToRead, problems: string[]): Promise<string> {
  const refusal = zipRefusal(file.bytes);
  if (refusal) {
    problems.push(`the Word document was refused: ${refusal}`);
    return "";
  }
  const { default: mammoth } = await import("mammoth");
  try {
    // convertToHtml, not extractRawText: only the HTML keeps footnotes and
    // endnotes (as a list at the end), and a reply's sources are often there.
    const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(file.bytes) });
    // The "↑" links back from each note to its reference are not text.
    return htmlText(value.replace(/<a href="#(?:footnote|endnote)-ref-[^"]*">[^<]*<\/a>/g, ""));
  } catch (error) {
    problems.push(`the Word document could not be read (${(error as Error).message})`);
    return "";
  }
}

async function readXlsx(file: FileToRead, problems: string[]): Promise<string> {
  const refusal = zipRefusal(file.bytes);
  if (refusal) {
    problems.push(`the workbook was refused: ${refusal}`);
    return "";
  }
  // exceljs is large: load it only when a workbook is read.
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.Workbook();
  try {
    // exceljs' typings predate Node's generic Buffer.
    await workbook.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer, XLSX_TEXT_ONLY);
  } catch (error) {
    problems.push(`the workbook could not be read (${(error as Error).message})`);
    return "";
  }
  // Every sheet, hidden ones too: what a sender hides is still what they sent.
  return workbook.worksheets
    .map((sheet) => {
      const hidden = sheet.state === "visible" ? "" : " (hidden)";
      const lines: string[] = [];
      sheet.eachRow({ includeEmpty: false }, (row) => {
        const cells: string[] = [];
        row.eachCell({ includeEmpty: false }, (cell) => {
          const value = cellText(cell);
          if (value !== "") cells.push(value);
        });
        if (cells.length > 0) lines.push(cells.join("\t"));
      });
      return [`Sheet "${sheet.name}"${hidden}:`, ...lines].join("\n");
    })
    .join("\n\n");
}

function cellText(cell: { text: string; value: unknown }): string {
  try {
    return cell.text.trim();
  } catch {
    // exceljs' text getter throws on a few odd values (an error cell without a result).
    return String(cell.value ?? "").trim();
  }
}

function htmlText(html: string): string {
  return htmlToText(html, {
    wordwrap: false,
    selectors: [
      { selector: "a", options: { ignoreHref: true } },
      { selector: "img", format: "skip" },
      // Headings as they are written: html-to-text shouts them in capitals by default.
      ...["h1", "h2", "h3", "h4", "h5", "h6"].map((selector) => ({
        selector,
        options: { uppercase: false },
      })),
    ],
  });
}

/** Unix line ends, no trailing spaces, at most one blank line in a row. */
function tidy(text: string): string {
  // A file's text is stored and searched: NUL cannot be stored, and no control character is text.
  return withoutControlCharacters(text.replace(/\f/g, "\n"))
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
