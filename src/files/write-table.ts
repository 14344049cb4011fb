import { rename, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

// Writes a table as CSV or XLSX, whole or not at all (a temporary file is
// renamed into place). Cells are always text: in CSV a value that a
// spreadsheet would run as a formula gets a leading apostrophe.

export type Table = { columns: string[]; rows: string[][] };

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * `guardFormulas: false` writes values exactly (a campaign's own recipients
 * file, read back by Postbag, must keep "+44 20…" as written).
 */
export function toCsv({ columns, rows }: Table, { guardFormulas = true } = {}): string {
  const cell = (raw: string) => {
    const value = guardFormulas && FORMULA_START.test(raw) ? `'${raw}` : raw;
    return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  };
  return [columns, ...rows].map((cells) => cells.map(cell).join(",")).join("\r\n") + "\r\n";
}

export async function toXlsx({ columns, rows }: Table, sheetName: string): Promise<Buffer> {
  // exceljs is large: load it only when a workbook is written.
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.Workbook();
  const sheet = workbook.addWorksheet(safeSheetName(sheetName));
  sheet.addRow(columns).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Characters Excel refuses in a sheet's name (exceljs throws on them). */
const SHEET_NAME_REFUSED = /[:\\/?*[\]]/g;

/**
 * A title made a name Excel takes for a sheet: none of : \ / ? * [ ], no
 * apostrophe at either end, at most 31 characters, not empty, not "History"
 * (Excel's own).
 */
export function safeSheetName(title: string): string {
  const cleaned = title
    .replace(SHEET_NAME_REFUSED, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^'+|'+$/g, "")
    .trim();
  // Cut by characters, not UTF-16 units, so an emoji is not split in half.
  const name = Array.from(cleaned).slice(0, 31).join("").trim();
  if (name === "") return "Sheet1";
  return name.toLowerCase() === "history" ? "History (campaign)" : name;
}

/** The table's bytes as a file of that format; `title` names an XLSX sheet. */
export async function tableBytes(table: Table, format: "csv" | "xlsx", title: string): Promise<Buffer> {
  return format === "csv" ? Buffer.from(toCsv(table), "utf8") : toXlsx(table, title);
}

export async function writeTable(
  file: string,
  table: Table,
  format: "csv" | "xlsx",
  title: string,
): Promise<number> {
  return writeWhole(file, await tableBytes(table, format, title));
}

/** Writes the bytes whole or not at all (a temporary file renamed into place); their length. */
export async function writeWhole(file: string, bytes: Buffer): Promise<number> {
  const partial = join(dirname(file), `.${basename(file)}.${process.pid}.partial`);
  await writeFile(partial, bytes);
  await rename(partial, file);
  return bytes.length;
}
