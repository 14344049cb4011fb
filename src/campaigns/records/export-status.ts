import { tableBytes, writeWhole } from "../../files/write-table.ts";
import type { Database } from "../../store/database.ts";
import { campaignStatus } from "./campaign-status.ts";
import { statusTable } from "./status-table.ts";

export interface StatusFileOptions {
  campaign: string;
  asOf: string;
  format: "csv" | "xlsx";
}

export interface ExportStatusOptions extends StatusFileOptions {
  out: string;
}

type Deps = { database(): Promise<Database> };

/** A campaign's status table (one row per letter and item) as the bytes of a CSV or XLSX file (the board's export). */
export async function statusFile(options: StatusFileOptions, deps: Deps) {
  const status = await campaignStatus(options, deps);
  const table = statusTable(status);
  return {
    campaign: status.campaign,
    format: options.format,
    rows: table.rows.length,
    bytes: await tableBytes(table, options.format, status.title),
  };
}

/** The same table written to a file, whole or not at all (postbag export). */
export async function exportStatus(options: ExportStatusOptions, deps: Deps) {
  const file = await statusFile(options, deps);
  return {
    campaign: file.campaign,
    out: options.out,
    format: file.format,
    rows: file.rows,
    bytes: await writeWhole(options.out, file.bytes),
  };
}
