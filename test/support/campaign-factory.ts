import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { stringify } from "yaml";
import { tempDir } from "./render-cli.ts";

// Writes campaign folders for tests: a small valid campaign by default; each
// test replaces the part it is about.

export type Row = Record<string, string>;

export const BASE_COLUMNS = [
  "id",
  "name",
  "title",
  "address_line_1",
  "address_line_2",
  "postcode",
  "salutation",
];

export function aRow(overrides: Row = {}): Row {
  return {
    id: "lewes",
    name: "Ann Smith",
    title: "Leader of Lewes District Council",
    address_line_1: "Southover House",
    address_line_2: "Lewes",
    postcode: "BN7 1AB",
    salutation: "Dear Ann",
    ...overrides,
  };
}

export function aCampaignYaml(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: "Test campaign",
    date: "2020-10-13",
    sender: {
      name: "Office of the Commissioner",
      role: "Commissioner",
      address: ["1 High Street", "London, SW1A 1AA"],
      phone: "020 7946 0000",
      email: "office@example.org",
    },
    signatory: { name: "Pat Jones", role: "Commissioner" },
    ...overrides,
  };
}

export interface CampaignSpec {
  yaml?: Record<string, unknown> | string;
  letter?: string;
  rows?: Row[];
  /** Column order; defaults to the keys of the first row. */
  columns?: string[];
  /** Raw recipients.csv text, instead of rows. */
  csv?: string;
  xlsx?: boolean;
  files?: Record<string, string | Buffer>;
}

export async function writeCampaign(spec: CampaignSpec = {}): Promise<string> {
  const dir = join(tempDir("postbag-campaign-"), "campaign");
  mkdirSync(dir);
  const rows = spec.rows ?? [aRow()];
  const columns = spec.columns ?? Object.keys(rows[0] ?? aRow());
  const yaml = spec.yaml ?? aCampaignYaml(spec.xlsx ? { recipients: "recipients.xlsx" } : {});
  writeFileSync(join(dir, "campaign.yaml"), typeof yaml === "string" ? yaml : stringify(yaml));
  writeFileSync(join(dir, "letter.md"), spec.letter ?? "Thank you for your letter about ((title)).\n");
  if (spec.xlsx) await writeXlsx(join(dir, "recipients.xlsx"), columns, rows);
  else writeFileSync(join(dir, "recipients.csv"), spec.csv ?? toCsv(columns, rows));
  for (const [name, content] of Object.entries(spec.files ?? {})) writeFileSync(join(dir, name), content);
  return dir;
}

export function toCsv(columns: string[], rows: Row[]): string {
  const cell = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return [columns, ...rows.map((row) => columns.map((column) => row[column] ?? ""))]
    .map((cells) => cells.map(cell).join(","))
    .join("\n")
    .concat("\n");
}

async function writeXlsx(file: string, columns: string[], rows: Row[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Recipients");
  sheet.addRow(columns);
  for (const row of rows) sheet.addRow(columns.map((column) => row[column] ?? ""));
  await workbook.xlsx.writeFile(file);
}
