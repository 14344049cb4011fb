import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { FRAME_NAMES } from "../src/learn/frame/frame-columns.ts";

// A cheap check that a learned campaign is the one the letters came from:
// recipients.csv has a row per letter with the recipients' titles, and every
// column learned from the body (the campaign's ((initiative)), ((request))
// and ((annual report?? ...)), whatever names learn gives them) is a
// placeholder or a condition in letter.md, one of them a condition.

export interface Checked {
  rows: number;
  /** The columns learned from the letters' bodies, each with its placeholder. */
  placeholders: string[];
  problems: string[];
}

/** The body's varying parts: the initiative, the request and the annual report paragraph. */
const BODY_FIELDS = 3;

export async function checkLearned(out: string, sourceRows: Record<string, string>[]): Promise<Checked> {
  const [header = [], ...rows] = parse(await readFile(join(out, "recipients.csv"), "utf8")) as string[][];
  const letter = await readFile(join(out, "letter.md"), "utf8");
  const problems: string[] = [];
  if (rows.length !== sourceRows.length) {
    problems.push(`recipients.csv has ${rows.length} rows, expected ${sourceRows.length}`);
  }
  const title = header.indexOf("title");
  const learned = new Set(rows.map((row) => row[title] ?? ""));
  const lost = sourceRows.filter((row) => !learned.has(row.title ?? "")).length;
  if (title < 0) problems.push("recipients.csv has no title column");
  else if (lost > 0) problems.push(`${lost} recipients' titles are not in recipients.csv`);
  const body = header.filter((column) => !FRAME_NAMES.includes(column));
  const placeholders = body.map((column) =>
    letter.includes(`((${column}??`) ? `((${column}?? ...))` : `((${column}))`,
  );
  const missing = placeholders.filter((placeholder) => !letter.includes(placeholder.replace(" ...))", "")));
  if (missing.length > 0) problems.push(`letter.md lacks ${missing.join(", ")}`);
  if (placeholders.length < BODY_FIELDS) {
    problems.push(`${placeholders.length} placeholders learned, expected ${BODY_FIELDS} at least`);
  }
  if (!placeholders.some((placeholder) => placeholder.endsWith("?? ...))"))) {
    problems.push("letter.md has no conditional text (the annual report paragraph)");
  }
  return { rows: rows.length, placeholders, problems };
}
