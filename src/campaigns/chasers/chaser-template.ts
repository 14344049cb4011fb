import type { CampaignFolder } from "../../files/read-campaign-folder.ts";
import type { LetterFrame } from "../../letters/compose-letter.ts";
import { calendarDate, printedDate } from "../../letters/dates.ts";
import type { ParsedTemplate } from "../../letters/template/parse-template.ts";

// A chaser is written like letter.md: the recipient's columns, plus what only
// a chaser knows (when the letter went, when its reply was due, what is still
// outstanding, and the new date to reply by).

export const CHASER_FIELDS = ["original date", "due date", "outstanding items", "reply by"];

/** What a new campaign's chaser.md says until someone rewrites it. */
export const DEFAULT_CHASER = `I wrote to you on ((original date)) to ask for ((outstanding items)), and asked for a reply by ((due date)). I have not yet received everything I asked for.

I would be grateful for your reply by ((reply by)). If you have replied in the meantime, thank you, and please disregard this reminder.

I look forward to hearing from you.
`;

/** Said for ((outstanding items)) when the campaign lists no requested items. */
const NO_ITEMS = "the information my letter asked for";

export interface ChaserDates {
  /** ISO dates. */
  originalDate: string;
  dueDate: string;
  replyBy: string;
}

/** The frame every chaser of the campaign shares: its sender, signatory, date and template. */
export function chaserFrame(folder: CampaignFolder, template: ParsedTemplate, day: string): LetterFrame {
  return {
    title: `${folder.config.title}: reminder`,
    date: day,
    sender: folder.config.sender,
    signatory: {
      name: folder.config.signatory.name,
      role: folder.config.signatory.role,
      signature: folder.signature,
    },
    template,
    recipientsFile: folder.recipients.file,
    rowLabel: folder.recipients.rowLabel,
    columnName: (name) => name,
  };
}

/** The recipient's own columns with the chaser's four added (names as the template language normalises them). */
export function chaserFields(
  columns: Map<string, string>,
  dates: ChaserDates,
  outstanding: string[],
): Map<string, string> {
  const fields = new Map(columns);
  // A recipient's `date` column dates their first letter; their chaser is dated the day it is drafted.
  fields.delete("date");
  const printed = (iso: string) => printedDate(calendarDate(iso));
  fields.set("originaldate", printed(dates.originalDate));
  fields.set("duedate", printed(dates.dueDate));
  fields.set("replyby", printed(dates.replyBy));
  fields.set("outstandingitems", spokenList(outstanding) || NO_ITEMS);
  return fields;
}

/** "A, B and C". */
export function spokenList(names: string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
