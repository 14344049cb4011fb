import { readFileSync } from "node:fs";

// Reads one of the seed letters (text conversions of the real PDFs, with
// mixed markup, footnotes where each page ended) into the parts a rendered
// letter must reproduce word for word.

export interface LetterParts {
  date: string;
  address: string[];
  salutation: string;
  /** The body as one string of words; footnote references glued as digits ("announcement1"). */
  body: string;
  signOff: string;
  footnotes: string[];
}

const SUPERSCRIPTS: Record<string, string> = {
  "¹": "1",
  "²": "2",
  "³": "3",
  "⁴": "4",
  "⁵": "5",
  "⁶": "6",
  "⁷": "7",
  "⁸": "8",
  "⁹": "9",
};
// A note line at a page foot: "¹ Home Office …", or in one seed the garbled
// "<sup>&</sup>lt;sup>1</sup> Home Office …".
const FOOTNOTE_LINE = /^(?:<sup>&<\/sup>lt;sup>(\d+)<\/sup>|<sup>(\d+)<\/sup>|([¹²³⁴⁵⁶⁷⁸⁹]))\s*(.*)$/;

/** Strips the conversions' markup: HTML tags, Markdown links, escapes, bold. */
export function stripMarkup(text: string): string {
  return text
    .replace(/<sup>(\d+)<\/sup>/g, "$1")
    .replace(/[¹²³⁴⁵⁶⁷⁸⁹]/g, (ch) => SUPERSCRIPTS[ch] ?? ch)
    .replace(/<[^>]+>/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\\([()[\]*_#])/g, "$1")
    .replace(/\*\*/g, "")
    .replace(/&amp;/g, "&");
}

/** Collapses white space, so that line wrapping does not matter. */
export function words(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export function readSeedLetter(path: string): LetterParts {
  const lines = readFileSync(path, "utf8")
    .split("\n")
    .map((line) => line.trim());
  const dateAt = lines.findIndex((line) => /^\d{1,2} [A-Z][a-z]+ \d{4}$/.test(line));
  const salutationAt = lines.findIndex((line) => line.startsWith("Dear "));
  const signOffAt = lines.findIndex((line) => /^Yours (sincerely|faithfully),$/.test(line));
  const footnotes: string[] = [];
  const bodyLines: string[] = [];
  lines.forEach((line, index) => {
    const note = FOOTNOTE_LINE.exec(line);
    if (note && index > salutationAt) footnotes.push(words(stripMarkup(note[4] ?? "")));
    else if (index > salutationAt && index < signOffAt) bodyLines.push(line);
  });
  return {
    date: lines[dateAt] ?? "",
    address: lines.slice(dateAt + 1, salutationAt).filter(Boolean),
    salutation: lines[salutationAt] ?? "",
    // "Act(2015" in one seed is a slip of its conversion.
    body: words(stripMarkup(bodyLines.join("\n")).replace("Act(2015", "Act 2015")),
    signOff: lines[signOffAt] ?? "",
    footnotes,
  };
}
