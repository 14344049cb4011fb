import type { ParsedLetter } from "../parse/parse-letter.ts";
import { addressColumns } from "./address-columns.ts";

// The frame of every letter as recipient columns: id, date, the address
// block, salutation and sign-off. Ids come from the recipients' titles, less
// the words most titles share ("Sussex Police and Crime Commissioner" →
// "sussex"), so that file names say who a letter is for.

export const FRAME_NAMES = [
  "id",
  "name",
  "title",
  "postcode",
  "salutation",
  "sign_off",
  "date",
  "email",
  "nation",
].concat(Array.from({ length: 7 }, (_, i) => `address_line_${i + 1}`));

export interface FrameColumns {
  columns: string[];
  rows: string[][];
}

export function frameColumns(letters: ParsedLetter[], warnings: string[]): FrameColumns {
  const addresses = letters.map((letter) => {
    const columns = addressColumns(letter.address, letter.salutation);
    if (columns.lines.length > 7) {
      warnings.push(
        `${letter.file}: the address has more than seven lines; the last ones were joined into line 7`,
      );
      columns.lines = [...columns.lines.slice(0, 6), columns.lines.slice(6).join(", ")];
    }
    if (!columns.title || columns.lines.length === 0) {
      warnings.push(`${letter.file}: the address block has too few lines for a title and an address line`);
    }
    return columns;
  });
  const lineCount = Math.max(1, ...addresses.map((address) => address.lines.length));
  const lineColumns = Array.from({ length: lineCount }, (_, i) => `address_line_${i + 1}`);
  const ids = idsFor(
    letters,
    addresses.map((address) => address.title || address.name),
  );
  const rows = letters.map((letter, index) => {
    const address = addresses[index] ?? { name: "", title: "", lines: [], postcode: "" };
    const lines = lineColumns.map((_, i) => address.lines[i] ?? "");
    return [
      ids[index] ?? "",
      address.name,
      address.title,
      ...lines,
      address.postcode,
      letter.salutation,
      letter.signOff,
      letter.date,
    ];
  });
  return {
    columns: ["id", "name", "title", ...lineColumns, "postcode", "salutation", "sign_off", "date"],
    rows,
  };
}

function idsFor(letters: ParsedLetter[], titles: string[]): string[] {
  const wordsOf = (title: string) =>
    title
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
  const counts = new Map<string, number>();
  for (const title of titles)
    for (const word of new Set(wordsOf(title))) counts.set(word, (counts.get(word) ?? 0) + 1);
  const common = (word: string) => titles.length > 2 && (counts.get(word) ?? 0) > titles.length / 2;
  const stop = new Set(["of", "the", "for", "and", "to", "in"]);
  const used = new Set<string>();
  return titles.map((title, index) => {
    const words = wordsOf(title).filter((word) => !common(word) && !stop.has(word));
    const fallback = (letters[index]?.file ?? "letter").replace(/^.*[\\/]/, "").replace(/\.[^.]+$/, "");
    const base = (slug(words.join("-")) || slug(fallback) || "letter").slice(0, 60).replace(/-+$/, "");
    let id = base;
    for (let n = 2; used.has(id); n += 1) id = `${base}-${n}`;
    used.add(id);
    return id;
  });
}

function slug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[-._]+|-+$/g, "");
}
