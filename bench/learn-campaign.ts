import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { recipientRow } from "./make-campaign.ts";

// The learn bench's campaign: the seed campaign's campaign.yaml and letter.md
// and `count` rows with the seed's columns. The render bench's rows (every
// printed field varies: address, area, a numbered initiative and request,
// annual report yes/no), with a distinct name per row and salutations in
// three forms, as a real mailing list has; every 11th goes to "Sir or Madam".
const SEED = fileURLToPath(new URL("../examples/vru-2020/", import.meta.url));
const COLUMNS = [
  "id",
  "name",
  "title",
  ...Array.from({ length: 7 }, (_, k) => `address_line_${k + 1}`),
  "postcode",
  "salutation",
  "email",
  "nation",
  "annual_report",
  "initiative",
  "request",
];
// 25 × 41 (coprime): row i takes first name i mod 25 and surname i mod 41,
// so the first 1,025 rows have distinct names.
// prettier-ignore
const FIRST = [
  "Alex", "Bridget", "Chidi", "Deborah", "Emeka", "Fiona", "Gareth", "Hannah", "Imran", "Joanna",
  "Kwame", "Lucy", "Mohammed", "Nia", "Owen", "Priya", "Quentin", "Rhiannon", "Samuel", "Tegan",
  "Usman", "Valerie", "William", "Yasmin", "Zoe",
];
// prettier-ignore
const LAST = [
  "Morgan", "Okafor", "Price", "Lewis", "Shah", "Campbell", "Hughes", "Walsh", "Patel", "Evans",
  "Bennett", "Clarke", "Doyle", "Ellis", "Foster", "Grant", "Hussain", "Iqbal", "Jenkins", "Khan",
  "Lloyd", "Mensah", "Nolan", "O'Brien", "Parry", "Quinn", "Reid", "Singh", "Thomas", "Usher",
  "Vaughan", "Whitfield", "Young", "Abbott", "Bhatt", "Cole", "Dunn", "Fraser", "Gill", "Howells", "Kaur",
];

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

export function learnRow(i: number): Record<string, string> {
  const row = recipientRow(i);
  if (!row.name) return { ...row, email: "", nation: "england" };
  const first = pick(FIRST, i);
  const last = pick(LAST, i);
  const salutation = [`Dear ${first}`, `Dear Commissioner ${last}`, `Dear ${first} ${last}`][i % 3] ?? "";
  return {
    ...row,
    name: `${first} ${last}`,
    salutation,
    email: "",
    nation: i % 6 === 5 ? "wales" : "england",
  };
}

const csvField = (value: string): string => `"${value.replaceAll('"', '""')}"`;

/** Writes the campaign folder into `dir` and returns its rows. */
export async function makeLearnCampaign(dir: string, count: number): Promise<Record<string, string>[]> {
  await mkdir(dir, { recursive: true });
  await copyFile(join(SEED, "campaign.yaml"), join(dir, "campaign.yaml"));
  await copyFile(join(SEED, "letter.md"), join(dir, "letter.md"));
  const rows = Array.from({ length: count }, (_, i) => learnRow(i));
  const csv = [COLUMNS, ...rows.map((row) => COLUMNS.map((key) => row[key] ?? ""))];
  await writeFile(join(dir, "recipients.csv"), csv.map((r) => r.map(csvField).join(",")).join("\n") + "\n");
  return rows;
}
