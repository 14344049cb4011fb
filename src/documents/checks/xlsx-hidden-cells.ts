import type { Finding } from "../document.ts";
import { block, quote } from "./findings.ts";
import type { OfficeZip } from "./office-zip.ts";
import { elements, isOn, textOf } from "./xml.ts";

// Hidden rows and columns keep their values. Only those holding data are
// findings (an empty hidden column is layout), each with an example value so
// the person deciding sees what kind of data it is.

export function hiddenCellFindings(
  sheetXml: string,
  shared: string[],
  name: string,
  where: string,
): Finding[] {
  const hiddenColumns = elements(sheetXml, "col")
    .filter(({ attrs }) => (attrs.hidden !== undefined && isOn(attrs.hidden)) || attrs.width === "0")
    .map(({ attrs }) => [Number(attrs.min), Number(attrs.max)] as const);
  const rows = new Map<number, string>();
  const columns = new Map<number, string>();
  let rowNumber = 0;
  for (const row of elements(sheetXml, "row")) {
    // Row and cell references may be left out: then each follows the one before.
    rowNumber = Number(row.attrs.r ?? rowNumber + 1);
    const rowHidden = (row.attrs.hidden !== undefined && isOn(row.attrs.hidden)) || row.attrs.ht === "0";
    let column = 0;
    for (const cell of elements(row.inner, "c")) {
      column = cell.attrs.r ? columnNumber(cell.attrs.r) : column + 1;
      const value = cellValue(cell.attrs.t, cell.inner, shared);
      if (value === "") continue;
      if (rowHidden && !rows.has(rowNumber)) rows.set(rowNumber, value);
      const inHidden = hiddenColumns.some(([min, max]) => column >= min && column <= max);
      if (inHidden && !columns.has(column)) columns.set(column, value);
    }
  }
  const findings: Finding[] = [];
  if (rows.size > 0) {
    const list = [...rows.keys()].join(", ");
    findings.push(block("xlsx-hidden-rows", where, describe("row", list, rows, name)));
  }
  if (columns.size > 0) {
    const list = [...columns.keys()]
      .sort((a, b) => a - b)
      .map(columnLetters)
      .join(", ");
    findings.push(block("xlsx-hidden-columns", where, describe("column", list, columns, name)));
  }
  return findings;
}

function describe(what: string, list: string, found: Map<number, string>, sheet: string): string {
  const one = found.size === 1;
  const example = quote([...found.values()][0] ?? "");
  return `Hidden ${what}${one ? "" : "s"} ${list} of sheet ${quote(sheet)} ${one ? "holds" : "hold"} data (for example ${example}).`;
}

/** A cell's value as text: shared strings looked up, inline strings read, formulas' cached results. */
function cellValue(type: string | undefined, inner: string, shared: string[]): string {
  const raw = elements(inner, "v")[0]?.inner;
  if (type === "s" && raw !== undefined) return shared[Number(raw)] ?? "";
  if (type === "inlineStr") return textOf(elements(inner, "is")[0]?.inner ?? "");
  return textOf(raw ?? "");
}

export function sharedStrings(zip: OfficeZip): string[] {
  // Phonetic runs (rPh) are readings of the text, not text.
  return elements(zip.text("xl/sharedStrings.xml"), "si").map((si) =>
    textOf(si.inner.replace(/<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g, "")),
  );
}

/** "AB12" → 28. */
function columnNumber(reference: string): number {
  let n = 0;
  for (const letter of reference.replace(/[^A-Z]/gi, "").toUpperCase())
    n = n * 26 + letter.charCodeAt(0) - 64;
  return n;
}

function columnLetters(n: number): string {
  let letters = "";
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}
