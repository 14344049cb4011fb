import type ExcelJS from "exceljs";
import { PostbagError } from "../errors.ts";
import { XLSX_TEXT_ONLY } from "./xlsx-read-options.ts";
import type { RecipientTable, TableRow } from "./recipient-table.ts";

/** Reads the first worksheet of a workbook: row 1 is the header. */
export async function readXlsxTable(data: Buffer, file: string): Promise<RecipientTable> {
  // exceljs is large: load it only when a workbook is read.
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.Workbook();
  try {
    // exceljs' typings predate Node's generic Buffer.
    await workbook.xlsx.load(data as unknown as ArrayBuffer, XLSX_TEXT_ONLY);
  } catch (error) {
    throw new PostbagError(
      "recipients",
      `not a readable Excel workbook (.xlsx): ${(error as Error).message}`,
      { file },
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0) {
    throw new PostbagError("recipients", "the workbook's first sheet is empty: it needs a header row", {
      file,
    });
  }
  const width = sheet.getRow(1).cellCount;
  const columns = cellsOf(sheet.getRow(1), width).map((name) => name.trim());
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const cells = cellsOf(row, Math.max(width, row.cellCount));
    if (cells.every((cell) => cell.trim() === "")) return;
    rows.push({ number, cells });
  });
  return { file, rowLabel: "row", columns, rows };
}

function cellsOf(row: ExcelJS.Row, width: number): string[] {
  const cells: string[] = [];
  for (let column = 1; column <= width; column += 1) cells.push(cellText(row.getCell(column)));
  return cells;
}

/** A cell's value as the person typing it would read it. */
function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("result" in value) return value.result === undefined ? "" : String(value.result);
    if ("error" in value) return String(value.error);
  }
  return String(value);
}
