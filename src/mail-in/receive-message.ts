import { eq } from "drizzle-orm";
import { today } from "../campaigns/deadlines/iso-date.ts";
import type { RecordReplyOptions } from "../campaigns/records/record-reply.ts";
import type { FileStore } from "../files/file-store.ts";
import type { Database } from "../store/database.ts";
import { files, inboundMessages } from "../store/schema.ts";
import { appendAudit } from "../store/audit.ts";
import { inTransaction } from "../store/transaction.ts";
import { classifyMessage } from "./classify-message.ts";
import { matchByDomain, matchByOutbound, tokensIn, type LetterMatch } from "./match-letter.ts";
import { markReturned } from "./mark-returned.ts";
import { parseMessage, type ParsedMessage } from "./parse-message.ts";

// One message in (from IMAP or a saved .eml): kept whole by the hash of its
// bytes (so reading it again changes nothing), classified, matched to the
// letter it answers and recorded as that letter's reply, or held for a
// person. Bad mail is stored with its problems; this never throws for what a
// sender did, only when the store itself fails.

export type InboundSource = "imap" | "eml";

export interface ReceiveMessageOptions {
  raw: Buffer;
  source: InboundSource;
}

export interface ReceiveDeps {
  database(): Promise<Database>;
  fileStore: FileStore;
  replyDomain: string;
  recordReply(
    options: RecordReplyOptions,
  ): Promise<{ reply: number; files: { name: string; hash: string }[] }>;
  /** The audit log's name for intake. */
  actor?: string;
}

export interface ReceivedMessage {
  id: number;
  /** True when these bytes had been received before: nothing was changed. */
  duplicate: boolean;
  kind: string;
  state: string;
  matchedBy: string | null;
  letterId: number | null;
  replyId: number | null;
  from: string;
  subject: string;
  problems: string[];
}

export const INTAKE_ACTOR = "postbag:mail-in";

export async function receiveMessage(
  options: ReceiveMessageOptions,
  deps: ReceiveDeps,
): Promise<ReceivedMessage> {
  const { raw } = options;
  const stored = await deps.fileStore.put(raw);
  const { db } = await deps.database();
  await db
    .insert(files)
    .values({ hash: stored.hash, size: stored.size, mediaType: "message/rfc822" })
    .onConflictDoNothing();
  const existing = await findByHash(deps, stored.hash);
  if (existing) return existing;

  const message = await parseMessage(raw);
  const { kind, bounce } = classifyMessage(message, raw, deps.replyDomain);
  const problems = [...message.problems];
  const match =
    kind === "bounce" && bounce
      ? await matchByOutbound(db, { tokens: bounce.tokens, messageIds: bounce.messageIds })
      : await matchReply(db, message, deps.replyDomain, kind === "reply");

  // The row first, held: a crash before the reply is recorded leaves it for a
  // person, never a reply recorded twice (the hash is unique, so a second
  // reader of the same message finds this row and stops).
  const initial = kind === "reply" ? "held" : match ? "matched" : "ignored";
  if (kind === "bounce" && !match) problems.push("the bounce names none of our letters");
  const [row] = await db
    .insert(inboundMessages)
    .values({
      source: options.source,
      rawHash: stored.hash,
      messageId: message.messageId,
      inReplyTo: message.inReplyTo,
      references: message.references.join(" ") || null,
      fromAddress: message.from.text || message.from.address,
      toAddresses: message.to.join(", "),
      subject: message.subject,
      sentAt: message.date,
      kind,
      state: initial,
      letterId: kind === "reply" ? null : (match?.letterId ?? null),
      matchedBy: kind === "reply" ? null : (match?.matchedBy ?? null),
      problems,
    })
    .onConflictDoNothing()
    .returning({ id: inboundMessages.id });
  if (!row) return (await findByHash(deps, stored.hash))!;

  if (kind === "bounce" && bounce && match) {
    if (bounce.permanent) {
      const problem = await markReturned(
        {
          outboundIds: match.outboundIds,
          letterId: match.letterId,
          reason: bounce.reason,
          actor: deps.actor ?? INTAKE_ACTOR,
        },
        deps,
      );
      if (problem) problems.push(problem);
    } else {
      problems.push(`delivery was delayed (${bounce.reason}): the letter is not returned`);
      // On the letter too: its history says the server is still trying, and why.
      await inTransaction(db, (tx) =>
        appendAudit(tx, {
          actor: deps.actor ?? INTAKE_ACTOR,
          action: "letter.delivery-delayed",
          entity: "letter",
          entityId: `${match.campaign}/${match.recipient}`,
          after: { reason: bounce.reason, status: bounce.status, message: row.id },
        }),
      );
    }
    await db.update(inboundMessages).set({ problems }).where(eq(inboundMessages.id, row.id));
  }
  if (kind === "reply" && match) {
    await recordAsReply(row.id, message, match, problems, deps);
  }
  return { ...(await findByHash(deps, stored.hash))!, duplicate: false };
}

async function matchReply(
  db: Awaited<ReturnType<ReceiveDeps["database"]>>["db"],
  message: ParsedMessage,
  replyDomain: string,
  byDomain: boolean,
): Promise<LetterMatch | null> {
  const byOutbound = await matchByOutbound(db, {
    tokens: tokensIn(message, replyDomain),
    messageIds: message.references,
  });
  if (byOutbound) return byOutbound;
  return byDomain ? matchByDomain(db, message.from.address) : null;
}

/**
 * A held message becomes its letter's reply through recordReply, with its
 * attachments (recordReply keeps their text in file_texts). If the letter cannot take a
 * reply (withdrawn, returned), the message stays held and says why.
 */
export async function recordAsReply(
  inboundId: number,
  message: ParsedMessage,
  match: Pick<LetterMatch, "letterId" | "campaign" | "recipient" | "matchedBy">,
  problems: string[],
  deps: ReceiveDeps & { actor?: string },
): Promise<{ ok: true; replyId: number } | { ok: false; problem: string }> {
  const { db } = await deps.database();
  const notes = message.refused.map(
    (file) => `[Postbag: the attachment "${file.name}" was larger than 100 MB and was not kept]`,
  );
  try {
    const result = await deps.recordReply({
      campaign: match.campaign,
      recipient: match.recipient,
      on: receivedOn(message.date),
      channel: "email",
      sender: message.from.text || message.from.address,
      text: [message.text, ...notes].filter((part) => part !== "").join("\n\n"),
      files: message.attachments.map(({ name, bytes }) => ({ name, bytes })),
      items: [],
      actor: deps.actor ?? INTAKE_ACTOR,
    });
    await db
      .update(inboundMessages)
      .set({
        state: match.matchedBy === "person" ? "filed" : "matched",
        letterId: match.letterId,
        matchedBy: match.matchedBy,
        replyId: result.reply,
        problems,
      })
      .where(eq(inboundMessages.id, inboundId));
    return { ok: true, replyId: result.reply };
  } catch (error) {
    const problem = `it seems to answer the letter to ${match.recipient} (${match.campaign}), but was not recorded: ${(error as Error).message}`;
    await db
      .update(inboundMessages)
      .set({ state: "held", letterId: match.letterId, problems: [...problems, problem] })
      .where(eq(inboundMessages.id, inboundId));
    return { ok: false, problem };
  }
}

/** The day it was sent (a saved .eml may be old), never a day still to come. */
function receivedOn(date: Date | null): string {
  const now = today();
  if (!date) return now;
  const day = date.toISOString().slice(0, 10);
  return day > now ? now : day;
}

async function findByHash(deps: ReceiveDeps, hash: string): Promise<ReceivedMessage | null> {
  const { db } = await deps.database();
  const [row] = await db.select().from(inboundMessages).where(eq(inboundMessages.rawHash, hash));
  return row ? { ...toReceived(row), duplicate: true } : null;
}

export function toReceived(row: typeof inboundMessages.$inferSelect): ReceivedMessage {
  return {
    id: row.id,
    duplicate: false,
    kind: row.kind,
    state: row.state,
    matchedBy: row.matchedBy,
    letterId: row.letterId,
    replyId: row.replyId,
    from: row.fromAddress,
    subject: row.subject,
    problems: row.problems,
  };
}
