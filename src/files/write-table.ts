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
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.addRow(columns).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function writeTable(
  file: string,
  table: Table,
  format: "csv" | "xlsx",
  title: string,
): Promise<number> {
  const bytes = format === "csv" ? Buffer.from(toCsv(table), "utf8") : await toXlsx(table, title);
  const partial = join(dirname(file), `.${basename(file)}.${process.pid}.partial`);
  await writeFile(partial, bytes);
  await rename(partial, file);
  return bytes.length;
}
