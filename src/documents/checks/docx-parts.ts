import type { OfficeZip } from "./office-zip.ts";

// The parts of a Word document that hold its text, with names a person
// understands: the body, each header and footer, the footnotes and endnotes.

export interface TextPart {
  part: string;
  label: string;
}

export function docxTextParts(zip: OfficeZip): TextPart[] {
  return zip
    .names()
    .map((part) => ({
      part,
      match: /^word\/(document|header|footer|footnotes|endnotes)(\d*)\.xml$/.exec(part),
    }))
    .filter((entry) => entry.match !== null)
    .map(({ part, match }) => ({ part, label: label(match?.[1] ?? "", match?.[2] ?? "") }))
    .sort((a, b) => order(a.part) - order(b.part) || a.part.localeCompare(b.part, "en", { numeric: true }));
}

function label(kind: string, number: string): string {
  if (kind === "document") return "main text";
  return number ? `${kind} ${number}` : kind;
}

function order(part: string): number {
  return part === "word/document.xml" ? 0 : 1;
}
