import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { PostbagError } from "../errors.ts";
import { findLettersForUpdate } from "../campaigns/records/find-letters.ts";
import {
  SUGGESTION_THRESHOLD,
  suggestItems,
  type ItemSuggestion,
  type RequestedItem,
} from "../replies/suggest-items.ts";
import { appendAudit } from "../store/audit.ts";
import {
  campaignRequests,
  campaigns,
  fileTexts,
  inboundMessages,
  letters,
  recipients,
  replies,
  replyFiles,
} from "../store/schema.ts";
import { parseMessage } from "./parse-message.ts";
import { recordAsReply, type ReceiveDeps } from "./receive-message.ts";
import { inTransaction } from "../store/transaction.ts";
import { storedBytes } from "../files/file-store.ts";

// The holding pen: messages nobody could match to a letter wait here until a
// person files each to a campaign's recipient (it becomes that letter's
// reply) or ignores it. And what a matched reply seems to answer, worked out
// when it is shown, from the reply's text and its files' text.

export interface HeldMessage {
  id: number;
  from: string;
  subject: string;
  sentAt: Date | null;
  receivedAt: Date;
  problems: string[];
}

export interface MatchedReply {
  id: number;
  from: string;
  subject: string;
  receivedAt: Date;
  matchedBy: string | null;
  campaign: string;
  recipient: string;
  suggestions: (ItemSuggestion & { title: string })[];
}

type Deps = Pick<ReceiveDeps, "database">;

export async function heldMessages(deps: Deps): Promise<HeldMessage[]> {
  const { db } = await deps.database();
  const rows = await db
    .select()
    .from(inboundMessages)
    .where(eq(inboundMessages.state, "held"))
    .orderBy(asc(inboundMessages.receivedAt), asc(inboundMessages.id));
  return rows.map((row) => ({
    id: row.id,
    from: row.fromAddress,
    subject: row.subject,
    sentAt: row.sentAt,
    receivedAt: row.receivedAt,
    problems: row.problems,
  }));
}

/** The latest replies that came in by email, with the items each seems to answer. */
export async function recentReplies(options: { limit?: number }, deps: Deps): Promise<MatchedReply[]> {
  const { db } = await deps.database();
  const rows = await db
    .select({ inbound: inboundMessages, campaign: letters.campaignId, recipient: recipients.key })
    .from(inboundMessages)
    .innerJoin(letters, eq(letters.id, inboundMessages.letterId))
    .innerJoin(recipients, eq(recipients.id, letters.recipientId))
    .where(and(inArray(inboundMessages.state, ["matched", "filed"]), eq(inboundMessages.kind, "reply")))
    .orderBy(desc(inboundMessages.receivedAt), desc(inboundMessages.id))
    .limit(options.limit ?? 20);
  const result: MatchedReply[] = [];
  for (const { inbound, campaign, recipient } of rows) {
    result.push({
      id: inbound.id,
      from: inbound.fromAddress,
      subject: inbound.subject,
      receivedAt: inbound.receivedAt,
      matchedBy: inbound.matchedBy,
      campaign,
      recipient,
      suggestions: inbound.replyId
        ? await replySuggestions({ reply: inbound.replyId, subject: inbound.subject }, deps)
        : [],
    });
  }
  return result;
}

/**
 * Which requested items a reply seems to answer: from its text, its subject,
 * its files' names and their text in file_texts. Computed on display, never
 * stored: a person confirms by recording the items.
 */
export async function replySuggestions(
  options: { reply: number; subject?: string },
  deps: Deps,
): Promise<(ItemSuggestion & { title: string })[]> {
  const { db } = await deps.database();
  const [reply] = await db
    .select({ text: replies.text, campaign: letters.campaignId })
    .from(replies)
    .innerJoin(letters, eq(letters.id, replies.letterId))
    .where(eq(replies.id, options.reply));
  if (!reply) return [];
  const requests: RequestedItem[] = await db
    .select({ id: campaignRequests.id, title: campaignRequests.title })
    .from(campaignRequests)
    .where(eq(campaignRequests.campaignId, reply.campaign))
    .orderBy(asc(campaignRequests.position));
  const attached = await db
    .select({ name: replyFiles.name, text: fileTexts.text })
    .from(replyFiles)
    .leftJoin(fileTexts, eq(fileTexts.fileHash, replyFiles.fileHash))
    .where(eq(replyFiles.replyId, options.reply));
  // The reply's own words, then each file's: the best sign per item wins.
  const runs = [
    suggestItems(requests, {
      ...(options.subject ? { subject: options.subject } : {}),
      text: reply.text,
      fileNames: attached.map((file) => file.name),
    }),
    ...attached.map((file) =>
      suggestItems(requests, { text: file.text ?? "", fileNames: [] }).map((suggestion) => ({
        ...suggestion,
        because: `${suggestion.because} (in "${file.name}")`,
      })),
    ),
  ];
  const best = new Map<string, ItemSuggestion>();
  for (const suggestion of runs.flat()) {
    const known = best.get(suggestion.itemId);
    if (!known || suggestion.score > known.score) best.set(suggestion.itemId, suggestion);
  }
  const titles = new Map(requests.map((item) => [item.id, item.title]));
  return [...best.values()]
    .filter((suggestion) => suggestion.score >= SUGGESTION_THRESHOLD)
    .sort((a, b) => b.score - a.score)
    .map((suggestion) => ({ ...suggestion, title: titles.get(suggestion.itemId) ?? suggestion.itemId }));
}

/** A person files a held message to a campaign's recipient: it becomes that letter's reply. */
export async function fileHeldMessage(
  options: { id: number; campaign: string; recipient: string; actor: string },
  deps: ReceiveDeps,
): Promise<{ reply: number }> {
  const { db } = await deps.database();
  // Checked first, so a wrong campaign or recipient is a clear error and the message stays held.
  const letterId = await inTransaction(db, async (tx) => {
    const [row] = await findLettersForUpdate(tx, options.campaign, options.recipient);
    return row!.letter.id;
  });
  const held = await claimHeld(options.id, "filed", deps);
  const bytes = await storedBytes(deps.fileStore, held.rawHash, "the held message");
  const message = await parseMessage(bytes);
  const result = await recordAsReply(
    held.id,
    message,
    { letterId, campaign: options.campaign, recipient: options.recipient, matchedBy: "person" },
    held.problems.filter((problem) => !problem.startsWith("it seems to answer")),
    { ...deps, actor: options.actor },
  );
  if (!result.ok) throw new PostbagError("invalid_transition", result.problem, { field: "recipient" });
  return { reply: result.replyId };
}

/** A person sets a held message aside: it is kept, and never counted as a reply. */
export async function ignoreHeldMessage(options: { id: number; actor: string }, deps: Deps): Promise<void> {
  const held = await claimHeld(options.id, "ignored", deps);
  const { db } = await deps.database();
  await inTransaction(db, (tx) =>
    appendAudit(tx, {
      actor: options.actor,
      action: "inbound.ignored",
      entity: "inbound_message",
      entityId: String(held.id),
      before: { state: "held" },
      after: { state: "ignored", subject: held.subject },
    }),
  );
}

/** Moves a held message on, once: two people filing the same message cannot both succeed. */
async function claimHeld(id: number, state: "filed" | "ignored", deps: Deps) {
  const { db } = await deps.database();
  const [claimed] = await db
    .update(inboundMessages)
    .set({ state })
    .where(and(eq(inboundMessages.id, id), eq(inboundMessages.state, "held")))
    .returning();
  if (!claimed) {
    const [row] = await db
      .select({ state: inboundMessages.state })
      .from(inboundMessages)
      .where(eq(inboundMessages.id, id));
    throw new PostbagError(
      row ? "conflict" : "not_found",
      row
        ? `that message is no longer held (it is ${row.state})`
        : `there is no message ${id} in the holding pen`,
    );
  }
  return claimed;
}

/** Campaigns and their recipients, for the form that files a held message. */
export async function fileTargets(
  deps: Deps,
): Promise<{ campaign: string; title: string; recipients: string[] }[]> {
  const { db } = await deps.database();
  const rows = await db
    .select({ campaign: campaigns.id, title: campaigns.title, recipient: recipients.key })
    .from(recipients)
    .innerJoin(campaigns, eq(campaigns.id, recipients.campaignId))
    .orderBy(asc(campaigns.id), asc(recipients.key));
  const byCampaign = new Map<string, { campaign: string; title: string; recipients: string[] }>();
  for (const row of rows) {
    const entry = byCampaign.get(row.campaign) ?? {
      campaign: row.campaign,
      title: row.title,
      recipients: [],
    };
    entry.recipients.push(row.recipient);
    byCampaign.set(row.campaign, entry);
  }
  return [...byCampaign.values()];
}
