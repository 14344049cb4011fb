import { PostbagError } from "../../errors.ts";
import { calendarDate, printedDate } from "../../letters/dates.ts";

// Dates in the deadline rules are plain ISO strings (YYYY-MM-DD), and all
// arithmetic is on whole UTC days. A Date in local time would shift a day
// either side of midnight in British Summer Time; a UTC day number cannot.
// ISO strings also compare correctly as strings ("2020-11-10" < "2020-11-11").

export type IsoDate = string;

const MS_PER_DAY = 86_400_000;
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

/** Whether the text is a YYYY-MM-DD date of a real day (not 2021-02-29). */
export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2021-02-30 over into March: a real day survives the round trip.
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Checks a YYYY-MM-DD date (a real day: not 2021-02-29); `field` names the input in the error. */
export function parseIsoDate(text: string, field = "date"): IsoDate {
  const trimmed = String(text).trim();
  if (isIsoDate(trimmed)) return trimmed;
  throw new PostbagError("bad_input", `the date "${text}" is not a date: write it as YYYY-MM-DD`, { field });
}

/** Days since 1970-01-01 (UTC); only for dates already checked by parseIsoDate. */
function dayNumber(date: IsoDate): number {
  return Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date((dayNumber(date) + days) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return new Date(dayNumber(date) * MS_PER_DAY).getUTCDay();
}

export function weekdayName(date: IsoDate): string {
  return WEEKDAYS[weekday(date)] ?? "";
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** "Tuesday 13 October 2020": spelled out by hand, so the wording never depends on the ICU data or locale. */
export function longDate(date: IsoDate): string {
  return `${weekdayName(date)} ${printedDate(calendarDate(date))}`;
}

/** Today's date in UTC as YYYY-MM-DD: the default day deadlines are measured against. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
