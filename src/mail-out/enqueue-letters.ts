import { randomBytes } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import {
  findCampaign,
  findLettersForUpdate,
  letterEntityId,
  newestPerRecipient,
} from "../campaigns/records/find-letters.ts";
import { PostbagError } from "../errors.ts";
import { appendAudit } from "../store/audit.ts";
import type { Database } from "../store/database.ts";
import { whyNotSendChaser } from "../campaigns/chasers/chaser-rules.ts";
import type { LetterKind } from "../campaigns/queries/find-letter.ts";
import { letters, letterVersions, outboundMessages, recipients } from "../store/schema.ts";
import type { SendQueue } from "./send-queue.ts";
import { inTransaction } from "../store/transaction.ts";

export const SEND_VIAS = ["email", "notify", "post"] as const;
export type SendVia = (typeof SEND_VIAS)[number];

export interface EnqueueOptions {
  campaign: string;
  recipient?: string | undefined;
  via: string;
  dryRun: boolean;
  actor: string;
  /** First letters (the default), or chasers: a recipient's newest, threaded to the letter it chases. */
  kind?: LetterKind | undefined;
  /** These recipients' letters only (selected on the board): each as if named, so a returned one goes again. */
  recipients?: string[] | undefined;
}

export interface EnqueueDeps {
  database(): Promise<Database>;
  /** Opened only when something is really queued (not for a dry run). */
  queue(): Promise<SendQueue>;
  replyDomain: string;
}

export interface QueuedLetter {
  recipient: string;
  to: string;
  messageId: string;
}

export interface EnqueueResult {
  campaign: string;
  via: SendVia;
  dryRun: boolean;
  /** Queued now, or with --dry-run what would be. */
  queued: QueuedLetter[];
  /** Approved letters that were not queued, and why (no email address, already on its way). */
  skipped: { recipient: string; reason: string }[];
}

/** Letters that may be sent: approved, or returned and sent again (to a corrected address, or another way). */
export const SENDABLE_STATES: readonly string[] = ["approved", "returned"];

/** Only the active (non-final) states of an outbound row: such a letter is already on its way. */
const ON_ITS_WAY = ["queued", "sending"];

/**
 * Queues approved letters (and a returned one, named, sent again) to go by
 * email or GOV.UK Notify. One transaction per letter: the outbound row (its Message-ID and reply token fixed now, so
 * every retry and every resend after a crash carries the same ones), the
 * audit entry and the pg-boss job commit together or not at all. A letter
 * with no email address is reported, not queued: the others still go.
 */
export async function enqueueLetters(options: EnqueueOptions, deps: EnqueueDeps): Promise<EnqueueResult> {
  const via = parseVia(options.via);
  if (via === "post") {
    throw new PostbagError(
      "bad_input",
      "letters by post go in a print pack: use --via post with --out <dir>",
      {
        field: "via",
      },
    );
  }
  const { campaign, recipient, dryRun, actor, kind = "letter", recipients: selected } = options;
  const { db } = await deps.database();
  await findCampaign(db, campaign);
  const conditions = [eq(letters.campaignId, campaign), eq(letters.kind, kind)];
  if (recipient !== undefined) conditions.push(eq(recipients.key, recipient));
  if (selected !== undefined) conditions.push(inArray(recipients.key, selected.length ? selected : [""]));
  const candidates = await db
    .select({ id: letters.id, state: letters.state, key: recipients.key, fields: recipients.fields })
    .from(letters)
    .innerJoin(recipients, eq(recipients.id, letters.recipientId))
    .where(and(...conditions))
    .orderBy(asc(letters.id));
  if (recipient !== undefined && candidates.length === 0) {
    const what = kind === "chaser" ? "no chaser to" : "no recipient";
    throw new PostbagError("not_found", `campaign "${campaign}" has ${what} "${recipient}"`, {
      field: "recipient",
    });
  }
  const result: EnqueueResult = { campaign, via, dryRun, queued: [], skipped: [] };
  const queue = dryRun ? undefined : await deps.queue();
  // A whole campaign sends its approved letters; a returned letter is sent again when named (or selected).
  const named = recipient !== undefined || selected !== undefined;
  const sendable = (state: string) => (named ? SENDABLE_STATES.includes(state) : state === "approved");
  for (const candidate of newestPerRecipient(candidates)) {
    if (!sendable(candidate.state)) {
      // Asked for by name, say why not; a whole campaign simply takes its approved letters.
      if (named) {
        result.skipped.push({
          recipient: candidate.key,
          reason: `the ${kind} is ${candidate.state}, not approved or returned`,
        });
      }
      continue;
    }
    const to = via === "email" ? (candidate.fields.email ?? "").trim() : "";
    if (via === "email" && !isEmailAddress(to)) {
      const reason = to === "" ? "no email address" : `"${to}" is not an email address`;
      result.skipped.push({ recipient: candidate.key, reason });
      continue;
    }
    const outcome = await inTransaction(db, async (tx) => {
      // Locks the letter: two people pressing "send" at once queue it once.
      const rows = await findLettersForUpdate(tx, campaign, candidate.key, kind);
      const row = rows.find(({ letter }) => letter.id === candidate.id);
      if (!row || !sendable(row.letter.state))
        return { skipped: `the ${kind} changed: it is now ${row?.letter.state ?? "gone"}` };
      const { letter } = row;
      const refusal = await whyNotSendChaser(tx, letter);
      if (refusal) return { skipped: `the chaser is not to be sent: ${refusal}` };
      const [version] = await tx
        .select({ id: letterVersions.id, number: letterVersions.number })
        .from(letterVersions)
        .where(and(eq(letterVersions.letterId, letter.id), eq(letterVersions.number, letter.currentVersion)));
      if (!version) return { skipped: "the letter has no current version" };
      const earlier = await tx
        .select({ state: outboundMessages.state })
        .from(outboundMessages)
        .where(and(eq(outboundMessages.letterId, letter.id), eq(outboundMessages.versionId, version.id)));
      if (earlier.some((message) => ON_ITS_WAY.includes(message.state))) {
        return { skipped: "already queued" };
      }
      const messageId = letterMessageId({
        letterId: letter.id,
        version: version.number,
        campaign,
        attempt: earlier.length + 1,
        domain: deps.replyDomain,
      });
      const queued = { recipient: candidate.key, to, messageId };
      if (dryRun || !queue) return { queued };
      const [inserted] = await tx
        .insert(outboundMessages)
        .values({
          letterId: letter.id,
          versionId: version.id,
          channel: via,
          messageId,
          replyToken: randomBytes(32).toString("base64url"),
          toAddress: to,
        })
        .returning({ id: outboundMessages.id });
      await appendAudit(tx, {
        actor,
        action: `${kind}.queued`,
        entity: "letter",
        entityId: letterEntityId(campaign, candidate.key, letter),
        before: { state: letter.state },
        after: { via, to, messageId },
      });
      await queue.add(tx, { outboundId: inserted?.id ?? 0, campaign });
      return { queued };
    });
    if ("queued" in outcome && outcome.queued) result.queued.push(outcome.queued);
    else if ("skipped" in outcome && outcome.skipped) {
      result.skipped.push({ recipient: candidate.key, reason: outcome.skipped });
    }
  }
  return result;
}

export function parseVia(value: string): SendVia {
  if (!(SEND_VIAS as readonly string[]).includes(value)) {
    throw new PostbagError("bad_input", `--via must be one of ${SEND_VIAS.join(", ")}`, { field: "via" });
  }
  return value as SendVia;
}

/**
 * Made from the letter, never random: a resend of the same letter (after a
 * crash, or a retry) carries the same Message-ID, so it is recognisable as
 * the same message; `attempt` counts deliberate re-sends of one version
 * (after a bounce), which are new messages.
 */
export function letterMessageId(parts: {
  letterId: number;
  version: number;
  campaign: string;
  attempt: number;
  domain: string;
}): string {
  const again = parts.attempt > 1 ? `.r${parts.attempt}` : "";
  return `<letter-${parts.letterId}-v${parts.version}${again}.${parts.campaign}@${parts.domain}>`;
}

/** Deliberately loose: one @, something either side, no spaces or angle brackets. The server decides the rest. */
function isEmailAddress(value: string): boolean {
  return /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/.test(value);
}

/** The outbound rows of a campaign that are not yet final (the command waits for them). */
export async function pendingOutbound(db: Database["db"], campaign: string): Promise<number> {
  const rows = await db
    .select({ id: outboundMessages.id })
    .from(outboundMessages)
    .innerJoin(letters, eq(letters.id, outboundMessages.letterId))
    .where(and(eq(letters.campaignId, campaign), inArray(outboundMessages.state, ON_ITS_WAY)));
  return rows.length;
}
