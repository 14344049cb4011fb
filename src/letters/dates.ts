export const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** "2020-10-13" as a calendar date (no time zone: letters are dated by day). */
export function calendarDate(iso: string): CalendarDate {
  const [year, month, day] = iso.split("-").map(Number);
  return { year: year ?? 0, month: month ?? 0, day: day ?? 0 };
}

/** The date as printed on a British letter: "13 October 2020". */
export function printedDate(date: CalendarDate): string {
  return `${date.day} ${MONTHS[date.month - 1] ?? ""} ${date.year}`;
}
