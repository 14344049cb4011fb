import { parse } from "csv-parse/sync";
import { PostbagError } from "../errors.ts";
import type { RecipientTable, TableRow } from "./recipient-table.ts";

interface CsvParseError extends Error {
  code?: string;
  lines?: number;
}

/** Parses CSV text (UTF-8, optional BOM, comma-separated, RFC 4180 quoting). */
export function readCsvTable(text: string, file: string): RecipientTable {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, csv-parse returns each record with where it was found.
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: false,
    }) as unknown as typeof records;
  } catch (error) {
    const failure = error as CsvParseError;
    const detail = (failure.message || "cannot be read as CSV").replace(/^Invalid Record Length: /, "");
    throw new PostbagError("recipients", `not valid CSV: ${detail}`, {
      file,
      ...(failure.lines !== undefined ? { line: failure.lines } : {}),
    });
  }
  const [header, ...body] = records;
  if (!header) throw new PostbagError("recipients", "the file is empty: it needs a header row", { file });
  const rows: TableRow[] = body.map(({ record, info }) => ({
    // info.lines is where the record ends; a quoted value may span lines.
    number: info.lines - record.join("").split("\n").length + 1,
    cells: record,
  }));
  return { file, rowLabel: "line", columns: header.record.map((name) => name.trim()), rows };
}
