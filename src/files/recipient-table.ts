// A recipient table as read from a CSV or XLSX file: the header and every row
// as text, each row with the number a person would look for in the file.

export interface TableRow {
  /** CSV: the line the record starts on; XLSX: the sheet row. Header = 1. */
  number: number;
  cells: string[];
}

export interface RecipientTable {
  /** The file name as the user knows it, for messages. */
  file: string;
  rowLabel: "line" | "row";
  columns: string[];
  rows: TableRow[];
}
