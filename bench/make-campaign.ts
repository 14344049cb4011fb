import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

// A campaign folder of `count` distinct recipients: the seed campaign's
// campaign.yaml and letter.md, and generated rows in which every printed
// field varies, so no two letters are the same (Typst cannot reuse a cached
// layout across letters, as it could with identical inputs).
const SEED = fileURLToPath(new URL("../examples/vru-2020/", import.meta.url));
const FIRST = [
  "Alex",
  "Bridget",
  "Chidi",
  "Deborah",
  "Emeka",
  "Fiona",
  "Gareth",
  "Hannah",
  "Imran",
  "Joanna",
];
const LAST = ["Morgan", "Okafor", "Price", "Lewis", "Shah", "Campbell", "Hughes", "Walsh", "Patel"];
const AREA = ["Northshire", "Westvale", "Eastmoor", "Southdown", "Midfield", "Highcross", "Lowbridge"];
const STREET = ["Station Road", "Church Lane", "Market Street", "Mill Way", "Park Avenue", "High Street"];
const TOWN = ["Ashford", "Brampton", "Carlow", "Dunmore", "Elmswell", "Fenwick", "Glenholt", "Harlow"];
const WORK = [
  "mentoring young people arrested for serious violence so that they do not re-enter the criminal justice system",
  "training programmes and employment placements for young people at high risk of involvement in gang violence",
  "detached youth work that builds trusted relationships with young people at risk of criminal exploitation",
  "a 'reachable moment' pilot in hospital emergency departments for young people arriving with injuries",
];
const ASK = [
  "I would therefore be grateful if you would be willing to share with my office a copy of your Problem Profile/Strategic Needs Assessment and Response Strategy",
  "I note that your Strategic Assessment and Response Strategy is published online, however I would welcome any further updates on progress on delivery",
  "I would be grateful if you could share with my office your Strategic Needs Assessment, Response Strategy and any updates regarding progress on delivery",
];

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

/** One recipient row; row `i` differs from every other in name, address and text. */
export function recipientRow(i: number): Record<string, string> {
  const n = i + 1;
  const named = i % 11 !== 0; // every 11th letter goes to "Sir or Madam"
  const first = pick(FIRST, i);
  const area = `${pick(AREA, i)} ${n}`;
  // 1 to 5 address lines: with name, title and postcode, 8 lines at most.
  const lines = [
    `Unit ${n}, ${pick(STREET, i * 3)}`,
    `${pick(TOWN, i * 7)} Business Park`,
    pick(TOWN, i),
    `${pick(AREA, i * 5)}shire`,
    "England",
  ];
  const address = lines.slice(0, 1 + (i % 5));
  return {
    id: `r${String(n).padStart(5, "0")}`,
    name: named ? `${first} ${pick(LAST, i * 7)}` : "",
    title: `${area} Police and Crime Commissioner`,
    ...Object.fromEntries(Array.from({ length: 7 }, (_, k) => [`address_line_${k + 1}`, address[k] ?? ""])),
    postcode: `AB${(n % 90) + 10} ${(n % 9) + 1}CD`,
    salutation: named ? `Dear ${first}` : "Dear Sir or Madam",
    annual_report: i % 2 === 0 ? "yes" : "no",
    initiative: `interested to read about how the ${area} VRU is supporting initiatives such as ${pick(WORK, i)} (programme ${n})`,
    request: `${pick(ASK, i)}, with reference ${n}.`,
  };
}

const csvField = (value: string): string => `"${value.replaceAll('"', '""')}"`;

/** Writes the campaign folder into `dir` and returns `dir`. */
export async function makeCampaign(dir: string, count: number): Promise<string> {
  await mkdir(dir, { recursive: true });
  await copyFile(join(SEED, "campaign.yaml"), join(dir, "campaign.yaml"));
  await copyFile(join(SEED, "letter.md"), join(dir, "letter.md"));
  const rows = Array.from({ length: count }, (_, i) => recipientRow(i));
  const header = Object.keys(rows[0] ?? recipientRow(0));
  const csv = [header, ...rows.map((row) => header.map((key) => row[key] ?? ""))];
  await writeFile(join(dir, "recipients.csv"), csv.map((r) => r.map(csvField).join(",")).join("\n") + "\n");
  return dir;
}
