import { and, eq } from "drizzle-orm";
import { PostbagError } from "../../errors.ts";
import type { CampaignFolder } from "../../files/read-campaign-folder.ts";
import { composeLetter } from "../../letters/compose-letter.ts";
import type { Letter } from "../../letters/model.ts";
import { parseTemplate } from "../../letters/template/parse-template.ts";
import type { Db } from "../../store/database.ts";
import { letters, recipients } from "../../store/schema.ts";
import { today } from "../deadlines/iso-date.ts";
import { parseNation } from "../deadlines/nation.ts";
import { addWorkingDays } from "../deadlines/working-days.ts";
import { findCampaign } from "../records/find-letters.ts";
import { readRecipientList } from "../recipients.ts";
import { templateProblems } from "../workspace/folder-problems.ts";
import { outstandingItems, requestTitles } from "./chase-letters.ts";
import { CHASER_FIELDS, chaserFields, chaserFrame, DEFAULT_CHASER } from "./chaser-template.ts";

// The chaser template edited in the browser, as letter.md is: checked against
// the recipients' columns and the chaser's own four, and previewed for any
// recipient with their letter's real dates (or, before it is sent, the dates
// it would have if sent on the campaign's date).

/** The folder's chaser, or the default text under the file name campaign.yaml gives. */
export function chaserSource(folder: CampaignFolder): { file: string; source: string; written: boolean } {
  return folder.chaser
    ? { ...folder.chaser, written: true }
    : { file: folder.config.chaser, source: DEFAULT_CHASER, written: false };
}

/** Unknown placeholders (with their lines) and syntax errors of a chaser draft. */
export function chaserProblems(folder: CampaignFolder, source: string) {
  const columns = [...folder.recipients.columns, ...CHASER_FIELDS];
  return templateProblems({ file: folder.config.chaser, source }, columns);
}

/** One recipient's chaser from the draft. */
export async function previewChaser(
  db: Db,
  folder: CampaignFolder,
  options: { source: string; recipient: string },
): Promise<Letter> {
  const template = parseTemplate(options.source, folder.config.chaser);
  const list = readRecipientList(folder.recipients, template.flags);
  const recipient = list.recipients.find(({ id }) => id === options.recipient);
  if (!recipient) {
    throw new PostbagError("not_found", `there is no recipient "${options.recipient}" in this campaign`, {
      field: "recipient",
    });
  }
  const day = today();
  const { dates, outstanding } = await chaserFacts(db, folder, recipient, day);
  const fields = chaserFields(recipient.fields, dates, outstanding);
  return composeLetter(chaserFrame(folder, template, day), { ...recipient, fields });
}

/** The letter's real dates and outstanding items once sent; before that, as if sent on the campaign's date. */
async function chaserFacts(
  db: Db,
  folder: CampaignFolder,
  recipient: { id: string; fields: Map<string, string> },
  day: string,
) {
  const campaign = await findCampaign(db, folder.id);
  const nation = parseNation(recipient.fields.get("nation")) ?? "england";
  const [letter] = await db
    .select({ id: letters.id, sentOn: letters.sentOn, dueOn: letters.dueOn })
    .from(letters)
    .innerJoin(recipients, eq(recipients.id, letters.recipientId))
    .where(
      and(eq(letters.campaignId, folder.id), eq(letters.kind, "letter"), eq(recipients.key, recipient.id)),
    );
  const titles = await requestTitles(db, folder.id);
  const originalDate = letter?.sentOn ?? campaign.date;
  const window = campaign.replyWithinDays ?? 0;
  const dueDate =
    letter?.dueOn ??
    (window > 0 ? addWorkingDays({ from: originalDate, workingDays: window, nation }).due : originalDate);
  const replyBy = addWorkingDays({ from: day, workingDays: campaign.chaseEveryDays, nation }).due;
  const outstanding = letter?.sentOn ? await outstandingItems(db, letter.id, titles) : [...titles.values()];
  return { dates: { originalDate, dueDate, replyBy }, outstanding };
}
