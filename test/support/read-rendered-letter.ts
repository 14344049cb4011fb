import { readFileSync } from "node:fs";
import { docxFootnotes, docxPlainText, readDocxParts } from "./docx-text.ts";
import { readPdfPages } from "./pdf-text.ts";
import { stripMarkup, words } from "./seed-letter.ts";

// Reads a rendered letter back, in any format, as the lines a reader meets in
// order (footnotes and page numbers taken out) and its footnotes' texts.

export interface ReadBack {
  lines: string[];
  footnotes: string[];
}

const PAGE_NUMBER = /^Page \d+ of \d+$/;
const NOTE_START = /^(\d+) (.*)$/;

export async function readRenderedLetter(file: string): Promise<ReadBack> {
  if (file.endsWith(".pdf")) return readPdf(file);
  if (file.endsWith(".docx")) return readDocx(file);
  if (file.endsWith(".html")) return readHtml(readFileSync(file, "utf8"));
  return readTxt(readFileSync(file, "utf8"));
}

/** Footnote entries and page numbers are the lines in small type after the salutation. */
function readPdf(file: string): ReadBack {
  const all = readPdfPages(file).flatMap((page) => page.lines);
  const salutation = all.findIndex((line) => line.text.startsWith("Dear "));
  const bodySize = all[salutation]?.height ?? 0;
  const lines: string[] = [];
  const footnotes: string[] = [];
  all.forEach((line, index) => {
    const small = index > salutation && line.height < bodySize * 0.9;
    if (!small) lines.push(line.text);
    else if (PAGE_NUMBER.test(line.text)) return;
    else {
      const start = NOTE_START.exec(line.text);
      if (start) footnotes.push(start[2] ?? "");
      else footnotes[footnotes.length - 1] = joinLines([footnotes[footnotes.length - 1] ?? "", line.text]);
    }
  });
  return { lines, footnotes: footnotes.map(words) };
}

async function readDocx(file: string): Promise<ReadBack> {
  const parts = await readDocxParts(readFileSync(file));
  return {
    lines: docxPlainText(parts.document)
      .split("\n")
      .map((line) => line.trim()),
    footnotes: docxFootnotes(parts.footnotes).map((note) => words(note.text)),
  };
}

function readHtml(html: string): ReadBack {
  const [main = "", notes = ""] = html
    .replace(/<style>[\s\S]*?<\/style>/, "")
    .split('<section class="footnotes"');
  const text = (fragment: string) =>
    stripMarkup(fragment.replace(/<br>\n?/g, "\n").replace(/<\/(p|li|h1|address|header)>/g, "\n"))
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'");
  const footnotes = [...notes.matchAll(/<li id="fn\d+">([\s\S]*?)<\/li>/g)].map((match) =>
    words(text(match[1] ?? "").replace("↩", "")),
  );
  return {
    lines: text(main)
      .split("\n")
      .map((line) => line.trim()),
    footnotes,
  };
}

function readTxt(txt: string): ReadBack {
  const noteAt = txt.search(/^\[1\] /m);
  const body = noteAt === -1 ? txt : txt.slice(0, noteAt);
  const footnotes =
    noteAt === -1
      ? []
      : txt
          .slice(noteAt)
          .split(/^\[\d+\] /m)
          .filter(Boolean);
  const plain = (text: string) => text.replace(/ <(https?:|mailto:)[^>]*>/g, "").replace(/\[(\d+)\]/g, "$1");
  return {
    lines: plain(body)
      .split("\n")
      .map((line) => line.trim()),
    footnotes: footnotes.map((note) => words(plain(note))),
  };
}

/**
 * Joins wrapped lines into running text. Typst does not hyphenate unjustified
 * text, so a line ending in "-" ends in a real hyphen: join without a space.
 */
export function joinLines(lines: string[]): string {
  return lines.reduce(
    (text, line) => (text === "" ? line : /[\w]-$/.test(text) ? text + line : `${text} ${line}`),
    "",
  );
}
