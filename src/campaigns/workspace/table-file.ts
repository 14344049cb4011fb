import { basename, extname } from "node:path";
import { PostbagError } from "../../errors.ts";
import type { CampaignFolder } from "../../files/read-campaign-folder.ts";
import { readCsvTable } from "../../files/read-csv-table.ts";
import { readXlsxTable } from "../../files/read-xlsx-table.ts";
import type { RecipientTable } from "../../files/recipient-table.ts";
import { toCsv, toXlsx } from "../../files/write-table.ts";
import type { FolderChanges } from "./swap-folder.ts";

// Recipient tables as files: an uploaded one read with the project's
// readers, and the folder's own written back in the format campaign.yaml
// names, so campaign.yaml (and the comments in it) is never rewritten.

/** Reads an uploaded .csv or .xlsx; messages name the file as the user knows it. */
export async function readUploadedTable(fileName: string, bytes: Uint8Array): Promise<RecipientTable> {
  const file = basename(fileName.replace(/\\/g, "/"));
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const extension = extname(file).toLowerCase();
  if (extension === ".csv") return readCsvTable(data.toString("utf8"), file);
  if (extension === ".xlsx") return readXlsxTable(data, file);
  throw new PostbagError("bad_input", "the recipients must be a .csv or .xlsx file", { field: "file", file });
}

/** The folder's recipients file holding `table`, as a change to write. */
export async function recipientsFile(folder: CampaignFolder, table: RecipientTable): Promise<FolderChanges> {
  const file = folder.config.recipients;
  const width = table.columns.length;
  // Cells past the header are ignored when read; a CSV must have every row as wide as its header.
  const rows = table.rows.map(({ cells }) => Array.from({ length: width }, (_, i) => cells[i] ?? ""));
  const written = { columns: table.columns, rows };
  const bytes =
    extname(file).toLowerCase() === ".xlsx"
      ? await toXlsx(written, "Recipients")
      : // Values are written exactly: Postbag reads them back, not a spreadsheet.
        toCsv(written, { guardFormulas: false });
  return { [file]: bytes };
}
