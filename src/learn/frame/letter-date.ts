import { MONTHS } from "../../letters/dates.ts";

// The date a letter is dated, in the ways British (and some American) letters
// print it: "13 October 2020", "13th Oct 2020", "October 13, 2020",
// "13/10/2020", "2020-10-13". A line is a date only when it holds nothing else
// (a sentence mentioning a date is not the letter's date).

const MONTH = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?";
const DAY_MONTH_YEAR = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH},?\\s+(\\d{4})$`, "i");
const MONTH_DAY_YEAR = new RegExp(`^${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})$`, "i");
const NUMERIC = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The ISO date a line states, or null when the line is not a date. */
export function parseLetterDate(line: string): string | null {
  const text = line.replace(/^(?:Date:?\s*)/i, "").trim();
  let match = DAY_MONTH_YEAR.exec(text);
  if (match) return iso(Number(match[3]), monthOf(match[2]), Number(match[1]));
  match = MONTH_DAY_YEAR.exec(text);
  if (match) return iso(Number(match[3]), monthOf(match[1]), Number(match[2]));
  match = NUMERIC.exec(text);
  if (match) return iso(Number(match[3]), Number(match[2]), Number(match[1]));
  match = ISO.exec(text);
  if (match) return iso(Number(match[1]), Number(match[2]), Number(match[3]));
  return null;
}

function monthOf(name = ""): number {
  return MONTHS.findIndex((month) => month.slice(0, 3).toLowerCase() === name.slice(0, 3).toLowerCase()) + 1;
}

function iso(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}
