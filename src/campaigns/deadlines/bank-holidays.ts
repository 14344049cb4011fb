import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type Holidays from "date-holidays";
import { sourceFile } from "../../entry-points.ts";
import type { Nation } from "./nation.ts";
import type { IsoDate } from "./iso-date.ts";

// The bank holidays of each nation, from date-holidays (country GB, one state
// per nation), including substitute days: when a holiday falls on a weekend,
// the next weekday off is listed too (flagged `substitute: true`, named
// "Boxing Day (substitute day)"), so 2020-12-28 is a holiday in England.
// Only type "public" (GB's bank holidays) counts; observances such as
// Mother's Day are not days off.
//
// date-holidays carries every country's rules (0.8 MB of JavaScript, about
// 0.4 s to load): `postbag deadline` would spend most of its time there. So
// its rules for Great Britain (27 kB) are kept apart, in a cache beside the
// Sass one, the first time they are needed, and its parser (date-holidays-
// parser, which date-holidays itself is built on) is given only those. It is
// all required on first use, not imported: commands that never count a
// deadline, and the web app's start-up, do not pay for it.

const require = createRequire(import.meta.url);
const CACHE_DIR = sourceFile("../node_modules/.cache/postbag");

/** date-holidays' rules, as its parser takes them. */
type HolidaysData = { holidays: Record<string, unknown> };
/** The parser that date-holidays extends with every country's rules. */
type HolidaysParser = new (data: HolidaysData, country: string, state: string) => Holidays;

/** date-holidays' data with Great Britain's rules only (and the shared holiday names). */
function britishRules(): HolidaysData {
  const { version } = require("date-holidays/package.json") as { version: string };
  const cached = join(CACHE_DIR, `gb-holidays-${version}.json`);
  try {
    return JSON.parse(readFileSync(cached, "utf8")) as HolidaysData;
  } catch {
    // Not kept yet (or unreadable): taken from the whole set below.
  }
  const { data } = require("date-holidays/data") as { data: HolidaysData };
  const rules = { ...data, holidays: { GB: data.holidays.GB } };
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    // Written aside and renamed: a command starting meanwhile never reads half a file.
    writeFileSync(`${cached}.${process.pid}`, JSON.stringify(rules));
    renameSync(`${cached}.${process.pid}`, cached);
  } catch {
    // A read-only install: the whole set is read each time, slower but the same.
  }
  return rules;
}

const STATES: Record<Nation, string> = {
  england: "ENG",
  wales: "WLS",
  scotland: "SCT",
  "northern-ireland": "NIR",
};

const calendars = new Map<Nation, Holidays>();
const years = new Map<string, ReadonlyMap<IsoDate, string>>();

function calendar(nation: Nation): Holidays {
  let found = calendars.get(nation);
  if (!found) {
    const parser = require("date-holidays-parser") as { default: HolidaysParser };
    found = new parser.default(britishRules(), "GB", STATES[nation]);
    calendars.set(nation, found);
  }
  return found;
}

/** One nation's bank holidays in one year: date → name (cached). */
export function bankHolidaysOfYear(nation: Nation, year: number): ReadonlyMap<IsoDate, string> {
  const key = `${nation} ${year}`;
  let holidays = years.get(key);
  if (!holidays) {
    const days = new Map<IsoDate, string>();
    for (const holiday of calendar(nation).getHolidays(year, "en")) {
      if (holiday.type !== "public" && holiday.type !== "bank") continue;
      // `date` is the local calendar day, "2020-12-28 00:00:00"; `start` is an instant in London time.
      const date = holiday.date.slice(0, 10);
      days.set(date, days.has(date) ? `${days.get(date)} and ${holiday.name}` : holiday.name);
    }
    holidays = days;
    years.set(key, holidays);
  }
  return holidays;
}

/** A nation's bank holidays from `fromYear` to `toYear` inclusive, in date order. */
export function bankHolidays(
  nation: Nation,
  fromYear: number,
  toYear = fromYear,
): { date: IsoDate; name: string }[] {
  const list: { date: IsoDate; name: string }[] = [];
  for (let year = fromYear; year <= toYear; year += 1) {
    for (const [date, name] of bankHolidaysOfYear(nation, year)) list.push({ date, name });
  }
  return list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The name of the bank holiday on `date` in `nation`, or null. */
export function bankHolidayOn(nation: Nation, date: IsoDate): string | null {
  return bankHolidaysOfYear(nation, Number(date.slice(0, 4))).get(date) ?? null;
}
