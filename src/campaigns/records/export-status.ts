import { writeTable } from "../../files/write-table.ts";
import type { Database } from "../../store/database.ts";
import { campaignStatus } from "./campaign-status.ts";
import { statusTable } from "./status-table.ts";

export interface ExportStatusOptions {
  campaign: string;
  asOf: string;
  format: "csv" | "xlsx";
  out: string;
}

/** A campaign's status table (one row per letter and item) written as CSV or XLSX (postbag export). */
export async function exportStatus(options: ExportStatusOptions, deps: { database(): Promise<Database> }) {
  const status = await campaignStatus(options, deps);
  const table = statusTable(status);
  const bytes = await writeTable(options.out, table, options.format, status.title);
  return {
    campaign: status.campaign,
    out: options.out,
    format: options.format,
    rows: table.rows.length,
    bytes,
  };
}
