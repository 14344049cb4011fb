import { parseIsoDate, type IsoDate } from "./iso-date.ts";
import type { Nation } from "./nation.ts";
import { addWorkingDays, type Deadline } from "./working-days.ts";

// A reply is overdue from the first day after the due date (a reply on the due
// date is in time), and very overdue from the first day after twice the window
// counted the same way: from the sent date, 2n working days, the same nation's
// bank holidays. That second date is when a chaser has itself gone unanswered.

export function isOverdue(deadline: Deadline, asOf: IsoDate): boolean {
  return parseIsoDate(asOf, "asOf") > deadline.due;
}

export function veryOverdueAfter(deadline: Deadline): IsoDate {
  return addWorkingDays({
    from: deadline.from,
    workingDays: 2 * deadline.workingDays,
    nation: deadline.nation,
  }).due;
}

export function isVeryOverdue(deadline: Deadline, asOf: IsoDate): boolean {
  return parseIsoDate(asOf, "asOf") > veryOverdueAfter(deadline);
}

export interface DeadlineStatus {
  due: IsoDate;
  veryOverdueAfter: IsoDate;
  overdue: boolean;
  veryOverdue: boolean;
}

/** Everything `postbag status` needs about one sent letter, in one call. */
export function deadlineStatus(options: {
  sent: IsoDate;
  workingDays: number;
  nation: Nation;
  asOf: IsoDate;
}): DeadlineStatus {
  const deadline = addWorkingDays({
    from: options.sent,
    workingDays: options.workingDays,
    nation: options.nation,
  });
  const asOf = parseIsoDate(options.asOf, "asOf");
  const after = veryOverdueAfter(deadline);
  return {
    due: deadline.due,
    veryOverdueAfter: after,
    overdue: asOf > deadline.due,
    veryOverdue: asOf > after,
  };
}
