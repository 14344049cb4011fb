import { and, eq, inArray } from "drizzle-orm";
import { PostbagError } from "../../errors.ts";
import { composeLetter, type LetterFrame } from "../../letters/compose-letter.ts";
import { calendarDate, printedDate } from "../../letters/dates.ts";
import { checkPlaceholders } from "../../letters/template/expand-template.ts";
import { parseTemplate } from "../../letters/template/parse-template.ts";
import { appendAudit } from "../../store/audit.ts";
import type { Database, Tx } from "../../store/database.ts";
import { campaignRequests, letterItems, letters, letterVersions } from "../../store/schema.ts";
import { parseIsoDate } from "../deadlines/iso-date.ts";
import { findCampaign, findLettersForUpdate } from "./find-letters.ts";
import { contentHash, letterContent } from "./letter-content.ts";
import { inTransaction } from "../../store/transaction.ts";
import { loadCampaignFolder } from "../sources/campaign-source-store.ts";

/** What a chaser may say beyond the recipient's own columns. */
const CHASER_FIELDS = ["original date", "due date", "outstanding items"];

export interface ChaseOptions {
  campaign: string;
  asOf: string;
  actor: string;
}

/**
 * For every letter still unanswered after its due date, a draft chaser from
 * the campaign's chaser.md, linked to the letter it chases. A letter that
 * already has a chaser gets no second one from the same run of overdue days.
 */
export async function chaseLetters(
  { campaign, asOf, actor }: ChaseOptions,
  deps: { database(): Promise<Database> },
): Promise<{ campaign: string; asOf: string; chasers: { recipient: string; chases: string }[] }> {
  const day = parseIsoDate(asOf, "as-of");
  const { db } = await deps.database();
  return inTransaction(db, async (tx) => {
    const rows = await findLettersForUpdate(tx, campaign);
    await findCampaign(tx, campaign); // a missing campaign named as every command names it
    const folder = await loadCampaignFolder(tx, campaign);
    if (!folder.chaser) {
      throw new PostbagError(
        "not_found",
        `the campaign folder has no chaser letter: write one in ${folder.config.chaser}`,
        {
          file: folder.config.chaser,
        },
      );
    }
    const template = parseTemplate(folder.chaser.source, folder.chaser.file);
    const columns = [...new Set(rows.flatMap((row) => Object.keys(row.recipient.fields))), ...CHASER_FIELDS];
    checkPlaceholders(template, columns, folder.chaser.file);
    const overdue = rows.filter(
      ({ letter }) => letter.state === "sent" && letter.dueOn !== null && day > letter.dueOn,
    );
    const chased = await existingChasers(
      tx,
      overdue.map(({ letter }) => letter.id),
    );
    const titles = await requestTitles(tx, campaign);
    const frame: LetterFrame = {
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
    const chasers: { recipient: string; chases: string }[] = [];
    for (const { letter, recipient } of overdue) {
      if (chased.has(letter.id)) continue;
      const outstanding = await outstandingItems(tx, letter.id, titles);
      const fields = new Map(Object.entries(recipient.fields));
      fields.set("originaldate", printedDate(calendarDate(letter.sentOn ?? day)));
      fields.set("duedate", printedDate(calendarDate(letter.dueOn ?? day)));
      fields.set("outstandingitems", outstanding);
      const content = letterContent(composeLetter(frame, { id: recipient.key, row: 0, fields }));
      const [chaser] = await tx
        .insert(letters)
        .values({
          campaignId: campaign,
          recipientId: recipient.id,
          kind: "chaser",
          parentLetterId: letter.id,
        })
        .returning({ id: letters.id });
      const hash = contentHash(content);
      await tx
        .insert(letterVersions)
        .values({ letterId: chaser?.id ?? 0, number: 1, contentHash: hash, content });
      await appendAudit(tx, {
        actor,
        action: "chaser.created",
        entity: "letter",
        entityId: `${campaign}/${recipient.key}/chaser-${chaser?.id}`,
        after: { state: "draft", chases: letter.id, contentHash: hash, asOf: day },
      });
      chasers.push({ recipient: recipient.key, chases: letter.sentOn ?? "" });
    }
    return { campaign, asOf: day, chasers };
  });
}

async function existingChasers(tx: Tx, letterIds: number[]): Promise<Set<number>> {
  if (letterIds.length === 0) return new Set();
  const rows = await tx
    .select({ parent: letters.parentLetterId })
    .from(letters)
    .where(and(eq(letters.kind, "chaser"), inArray(letters.parentLetterId, letterIds)));
  return new Set(rows.map((row) => row.parent ?? 0));
}

async function requestTitles(tx: Tx, campaign: string): Promise<Map<string, string>> {
  const rows = await tx.select().from(campaignRequests).where(eq(campaignRequests.campaignId, campaign));
  return new Map(rows.sort((a, b) => a.position - b.position).map((row) => [row.id, row.title]));
}

/** "A, B and C": the titles of the items still requested, in the campaign's order. */
async function outstandingItems(tx: Tx, letterId: number, titles: Map<string, string>): Promise<string> {
  const rows = await tx
    .select({ id: letterItems.itemId })
    .from(letterItems)
    .where(and(eq(letterItems.letterId, letterId), eq(letterItems.state, "requested")));
  const waiting = new Set(rows.map((row) => row.id));
  const names = [...titles].filter(([id]) => waiting.has(id)).map(([, title]) => title);
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
