import { PostbagError } from "../../errors.ts";
import { bankHolidayOn } from "./bank-holidays.ts";
import { addDays, parseIsoDate, weekday, weekdayName, type IsoDate } from "./iso-date.ts";
import type { Nation } from "./nation.ts";

// A reply window of n working days: the day the letter was sent is day 0, and
// each following day that is neither a Saturday, a Sunday nor a bank holiday
// of the recipient's nation counts one; the n-th such day is the due date.
// (The sent date itself never counts, even when it is a working day, and a
// letter sent on a Saturday is still due n working days later.)

/** Longer than any reply window (four years); stops a typo from counting for ever. */
export const MAX_WORKING_DAYS = 1000;

export interface SkippedDay {
  date: IsoDate;
  /** "Saturday", "Sunday", or the bank holiday's name ("Boxing Day (substitute day)"). */
  reason: string;
}

export interface Deadline {
  from: IsoDate;
  workingDays: number;
  nation: Nation;
  due: IsoDate;
  /** Every day between `from` and `due` that did not count, in date order. */
  skipped: SkippedDay[];
}

export function addWorkingDays(options: { from: IsoDate; workingDays: number; nation: Nation }): Deadline {
  const from = parseIsoDate(options.from, "from");
  const workingDays = checkWorkingDays(options.workingDays);
  const skipped: SkippedDay[] = [];
  let date = from;
  for (let counted = 0; counted < workingDays;) {
    date = addDays(date, 1);
    const reason = nonWorkingReason(date, options.nation);
    if (reason) skipped.push({ date, reason });
    else counted += 1;
  }
  return { from, workingDays, nation: options.nation, due: date, skipped };
}

/** Why `date` is not a working day, or null when it is. A holiday on a weekend is a weekend day. */
export function nonWorkingReason(date: IsoDate, nation: Nation): string | null {
  const day = weekday(date);
  if (day === 0 || day === 6) return weekdayName(date);
  return bankHolidayOn(nation, date);
}

export function checkWorkingDays(value: number, field = "workingDays"): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new PostbagError(
      "bad_input",
      `${value} is not a number of working days: give a whole number, 0 or more`,
      { field },
    );
  }
  if (value > MAX_WORKING_DAYS) {
    throw new PostbagError("bad_input", `${value} working days is too long: at most ${MAX_WORKING_DAYS}`, {
      field,
    });
  }
  return value;
}

/** campaign.yaml's `reply_within`: "20 working days" (or "1 working day", or a bare number) → 20. */
/** Working days between chasers of one letter when campaign.yaml does not say (chase_every). */
export const DEFAULT_CHASE_EVERY = 10;

export function parseReplyWindow(text: string | number, field = "reply_within"): number {
  if (typeof text === "number") return checkWorkingDays(text, field);
  const match = /^\s*(\d+)(?:\s+working\s+days?)?\s*$/i.exec(text);
  if (!match) {
    throw new PostbagError(
      "bad_input",
      `"${text}" is not a reply window: write it as e.g. "20 working days"`,
      { field },
    );
  }
  return checkWorkingDays(Number(match[1]), field);
}
