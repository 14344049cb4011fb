import { and, eq } from "drizzle-orm";
import { PostbagError } from "../../errors.ts";
import { composeLetter } from "../../letters/compose-letter.ts";
import { checkPlaceholders } from "../../letters/template/expand-template.ts";
import { parseTemplate } from "../../letters/template/parse-template.ts";
import { appendAudit } from "../../store/audit.ts";
import type { Database, Db, Tx } from "../../store/database.ts";
import { campaignRequests, letterItems, letters, letterVersions } from "../../store/schema.ts";
import { parseIsoDate } from "../deadlines/iso-date.ts";
import { parseNation } from "../deadlines/nation.ts";
import { addWorkingDays } from "../deadlines/working-days.ts";
import { findCampaign, findLettersForUpdate, letterEntityId } from "../records/find-letters.ts";
import { contentHash, letterContent } from "../records/letter-content.ts";
import { chasedLetter, chaseRefusal, chasersOf, chaserWait } from "./chaser-rules.ts";
import { CHASER_FIELDS, chaserFields, chaserFrame } from "./chaser-template.ts";
import { inTransaction } from "../../store/transaction.ts";
import { loadCampaignFolder } from "../sources/campaign-source-store.ts";

export interface ChaseOptions {
  campaign: string;
  asOf: string;
  actor: string;
}

export interface ChaseResult {
  campaign: string;
  asOf: string;
  chasers: { recipient: string; chases: string }[];
  /** Overdue letters that got no chaser, and why (one waiting, or chased within the interval). */
  waiting: { recipient: string; reason: string }[];
}

/**
 * For every letter past its due date with items still outstanding, a draft
 * chaser from the campaign's chaser.md, linked to the letter it chases. A
 * letter gets no chaser while one waits to be sent, nor until the last one
 * sent is itself past due (the campaign's chase_every interval).
 */
export async function chaseLetters(
  { campaign, asOf, actor }: ChaseOptions,
  deps: { database(): Promise<Database> },
): Promise<ChaseResult> {
  const day = parseIsoDate(asOf, "as-of");
  const { db } = await deps.database();
  return inTransaction(db, async (tx) => {
    const rows = await findLettersForUpdate(tx, campaign);
    const { chaseEveryDays } = await findCampaign(tx, campaign);
    const folder = await loadCampaignFolder(tx, campaign);
    if (!folder.chaser) {
      throw new PostbagError(
        "not_found",
        `the campaign folder has no chaser letter: write one in ${folder.config.chaser}`,
        { file: folder.config.chaser },
      );
    }
    const template = parseTemplate(folder.chaser.source, folder.chaser.file);
    const columns = [...new Set(rows.flatMap((row) => Object.keys(row.recipient.fields))), ...CHASER_FIELDS];
    checkPlaceholders(template, columns, folder.chaser.file);
    const overdue = rows.filter(({ letter }) => letter.dueOn !== null && day > letter.dueOn);
    const earlier = await chasersOf(
      tx,
      overdue.map(({ letter }) => letter.id),
    );
    const titles = await requestTitles(tx, campaign);
    const frame = chaserFrame(folder, template, day);
    const result: ChaseResult = { campaign, asOf: day, chasers: [], waiting: [] };
    for (const { letter, recipient } of overdue) {
      const standing = await chasedLetter(tx, letter.id);
      if (!standing || chaseRefusal(standing)) continue;
      const wait = chaserWait(earlier.get(letter.id) ?? [], day);
      if (wait) {
        result.waiting.push({ recipient: recipient.key, reason: wait });
        continue;
      }
      const nation = parseNation(recipient.nation) ?? "england";
      const dates = {
        originalDate: letter.sentOn ?? day,
        dueDate: letter.dueOn ?? day,
        replyBy: addWorkingDays({ from: day, workingDays: chaseEveryDays, nation }).due,
      };
      const outstanding = await outstandingItems(tx, letter.id, titles);
      const fields = chaserFields(new Map(Object.entries(recipient.fields)), dates, outstanding);
      const content = letterContent(composeLetter(frame, { id: recipient.key, row: 0, fields }));
      const [chaser] = await tx
        .insert(letters)
        .values({
          campaignId: campaign,
          recipientId: recipient.id,
          kind: "chaser",
          parentLetterId: letter.id,
          // The date it asks for; sent later, it is due no earlier than that (record-sent.ts).
          dueOn: dates.replyBy,
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
        entityId: letterEntityId(campaign, recipient.key, { kind: "chaser", id: chaser?.id ?? 0 }),
        after: { state: "draft", chases: letter.id, contentHash: hash, asOf: day, replyBy: dates.replyBy },
      });
      result.chasers.push({ recipient: recipient.key, chases: letter.sentOn ?? "" });
    }
    return result;
  });
}

export async function requestTitles(tx: Db | Tx, campaign: string): Promise<Map<string, string>> {
  const rows = await tx.select().from(campaignRequests).where(eq(campaignRequests.campaignId, campaign));
  return new Map(rows.sort((a, b) => a.position - b.position).map((row) => [row.id, row.title]));
}

/** The titles of the items still requested, in the campaign's order. */
export async function outstandingItems(
  tx: Db | Tx,
  letterId: number,
  titles: Map<string, string>,
): Promise<string[]> {
  const rows = await tx
    .select({ id: letterItems.itemId })
    .from(letterItems)
    .where(and(eq(letterItems.letterId, letterId), eq(letterItems.state, "requested")));
  const waiting = new Set(rows.map((row) => row.id));
  return [...titles].filter(([id]) => waiting.has(id)).map(([, title]) => title);
}
