import { longDate } from "./iso-date.ts";
import { NATION_NAMES } from "./nation.ts";
import type { Deadline } from "./working-days.ts";

// The sentence a reader can check with a calendar: where the count started,
// what it skipped (naming each bank holiday, since those are the days people
// forget or dispute), and where it ended.

/**
 * "20 working days from Tuesday 13 October 2020 (day 0) in England, skipping
 * 8 weekend days and no bank holidays: due Tuesday 10 November 2020".
 */
export function explainDeadline(deadline: Deadline): string {
  const weekendDays = deadline.skipped.filter((day) => isWeekend(day.reason)).length;
  const holidays = skippedBankHolidays(deadline);
  const holidayText =
    holidays.length === 0
      ? "no bank holidays"
      : `${count(holidays.length, "bank holiday")} (${englishList(
          holidays.map((day) => `${day.reason} on ${longDate(day.date)}`),
        )})`;
  return (
    `${count(deadline.workingDays, "working day")} from ${longDate(deadline.from)} (day 0) ` +
    `in ${NATION_NAMES[deadline.nation]}, skipping ${count(weekendDays, "weekend day")} and ${holidayText}: ` +
    `due ${longDate(deadline.due)}`
  );
}

/** The bank holidays that fell on weekdays inside the window (the ones that moved the due date). */
export function skippedBankHolidays(deadline: Deadline): { date: string; reason: string }[] {
  return deadline.skipped.filter((day) => !isWeekend(day.reason));
}

function isWeekend(reason: string): boolean {
  return reason === "Saturday" || reason === "Sunday";
}

function count(n: number, noun: string): string {
  if (n === 0) return `no ${noun}s`;
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function englishList(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
