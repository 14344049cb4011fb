import { and, count, eq, gt, sql } from "drizzle-orm";
import { returnLetter } from "../campaigns/records/record-returned.ts";
import { markSent } from "../campaigns/records/record-sent.ts";
import { findCampaign, lockLetter } from "../campaigns/records/find-letters.ts";
import { whyNotSendChaser } from "../campaigns/chasers/chaser-rules.ts";
import { today } from "../campaigns/deadlines/iso-date.ts";
import type { LetterFile, LetterFileOptions } from "../campaigns/queries/letter-file.ts";
import type { PrecompiledLetter, SentLetter } from "../post/notify/notify-client.ts";
import { NotifyError } from "../post/notify/notify-client.ts";
import type { Database, Tx } from "../store/database.ts";
import { campaigns, letters, letterVersions, outboundMessages, recipients } from "../store/schema.ts";
import { pendingOutbound, SENDABLE_STATES } from "./enqueue-letters.ts";
import type { Letter } from "../letters/model.ts";
import { subjectLine } from "../letters/subject-line.ts";
import { threadOf } from "./chaser-thread.ts";
import { MailError, type Mailer } from "./mailer.ts";
import type { SendJob, SendQueue } from "./send-queue.ts";
import { inTransaction } from "../store/transaction.ts";

export interface SendWorkerDeps {
  database(): Promise<Database>;
  queue: SendQueue;
  letterFile(options: LetterFileOptions): Promise<LetterFile>;
  /** Undefined when SMTP is not configured: email jobs wait (and are retried) until it is. */
  mailer: Mailer | undefined;
  sendPrecompiledLetter(letter: PrecompiledLetter): Promise<SentLetter>;
  from: string;
  replyDomain: string;
  perMinute: number;
  /** One line per letter sent, returned or retried (the command prints them on stderr). */
  progress?(line: string): void;
  /** A fault of the mail set-up this run already met: its other email letters fail at once with it. */
  setupFault?: () => string | undefined;
}

export type JobOutcome = "sent" | "returned" | "retry" | "failed" | "skipped";

export type SendTally = Record<JobOutcome, number> & {
  /** A fault of the mail set-up that stopped the command (see mailer.ts): nothing more was tried. */
  setupFault?: string;
};

const ACTOR = "postbag:sender";
const IDLE_MS = 300;

/**
 * Works the send queue until `until()` says stop (the command: when the
 * campaign has no letter still on its way; `serve`: never, until stopped).
 * One job at a time: PGlite runs one transaction at a time anyway, and the
 * rate limit, not concurrency, bounds how fast mail leaves.
 */
export async function runSendWorker(
  deps: SendWorkerDeps,
  until: { campaign?: string; signal?: AbortSignal } = {},
): Promise<SendTally> {
  const tally: SendTally = { sent: 0, returned: 0, retry: 0, failed: 0, skipped: 0 };
  // The command stops at a fault of the set-up: its other letters fail at
  // once with the same reason rather than each connecting again. `serve`
  // tries each letter (a server that was down may be back).
  const faults = until.campaign !== undefined && deps.mailer ? faultRecorder(deps.mailer) : undefined;
  if (faults) deps = { ...deps, mailer: faults.mailer, setupFault: faults.fault };
  const recovered = await deps.queue.recoverOrphans();
  if (recovered > 0)
    deps.progress?.(`${recovered} letter(s) were being sent when Postbag last stopped: trying again`);
  const { db } = await deps.database();
  while (!until.signal?.aborted) {
    const [job] = await deps.queue.fetch(1);
    if (!job) {
      if (until.campaign !== undefined && (await pendingOutbound(db, until.campaign)) === 0) break;
      await sleep(IDLE_MS, until.signal);
      continue;
    }
    try {
      tally[await processJob(job, deps)] += 1;
      if (faults?.fault()) tally.setupFault = faults.fault();
    } catch (error) {
      // A bug or the database, not the mail server: leave the job to pg-boss's retry.
      const message = error instanceof Error ? error.message : String(error);
      deps.progress?.(`job ${job.id}: ${message}`);
      await deps.queue.fail(job, message).catch(() => undefined);
      tally.retry += 1;
    }
  }
  return tally;
}

/** One job: claim the row, send, and record the outcome with the job's completion. */
export async function processJob(job: SendJob, deps: SendWorkerDeps): Promise<JobOutcome> {
  const { db } = await deps.database();
  // 1. Claim: the row becomes "sending" (and its attempts go up) before any
  //    byte leaves, so after a crash a duplicate can be traced to a claim.
  const claim = await inTransaction(db, async (tx) => {
    const row = await loadForUpdate(tx, job.data.outboundId);
    if (!row || ["sent", "returned", "failed"].includes(row.outbound.state)) {
      await deps.queue.complete(tx, job);
      return undefined;
    }
    const reason = await notToSend(tx, row);
    if (reason) {
      await tx
        .update(outboundMessages)
        .set({ state: "failed", lastError: reason })
        .where(eq(outboundMessages.id, row.outbound.id));
      await deps.queue.complete(tx, job);
      return { cancelled: reason, row };
    }
    await tx
      .update(outboundMessages)
      .set({ state: "sending", attempts: row.outbound.attempts + 1 })
      .where(eq(outboundMessages.id, row.outbound.id));
    return { row };
  });
  if (!claim) return "skipped";
  const { row } = claim;
  const name = `${row.campaign}/${row.recipient}`;
  if ("cancelled" in claim) {
    deps.progress?.(`${name}: ${claim.cancelled}`);
    return "failed";
  }
  // Not rendered, not waited for: the set-up that refused the last letter would refuse this one.
  const fault = row.outbound.channel === "email" ? deps.setupFault?.() : undefined;
  if (fault !== undefined) return failed(job, row, `not tried: ${fault}`, deps);
  await waitForRate(db, deps.perMinute);
  // 2. Send.
  let providerId: string | null = null;
  try {
    providerId = await deliver(row, deps);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // SMTP 5xx to RCPT TO or DATA: the recipient's server refused it, the letter is returned.
    if (error instanceof MailError && error.failure === "refused") return returned(job, row, reason, deps);
    // Our own mail set-up: no retry helps, nothing was sent, the letter stays as it was.
    if (error instanceof MailError && error.failure === "setup") return failed(job, row, reason, deps);
    // Notify refused the letter itself (a bad PDF, a bad key): no retry helps, the letter stays approved.
    if (error instanceof NotifyError && !error.retryable) return failed(job, row, reason, deps);
    // 4xx, connection trouble, Notify's 429/5xx, anything else: later, with backoff.
    return retry(job, row, reason, deps);
  }
  // 3. Record: row sent, letter sent (with its due date), job complete: one transaction.
  await inTransaction(db, async (tx) => {
    await tx
      .update(outboundMessages)
      .set({ state: "sent", sentAt: new Date(), providerId, lastError: null })
      .where(eq(outboundMessages.id, row.outbound.id));
    await recordSentIn(tx, row);
    await deps.queue.complete(tx, job);
  });
  deps.progress?.(`${name}: sent by ${row.outbound.channel} to ${row.outbound.toAddress || "Notify"}`);
  return "sent";
}

type Row = NonNullable<Awaited<ReturnType<typeof loadForUpdate>>>;

/** Why a queued row must not go after all: its letter changed, or (a chaser) the body answered or the letter was withdrawn. */
async function notToSend(tx: Tx, row: Row): Promise<string | null> {
  const { letter } = row;
  if (!SENDABLE_STATES.includes(letter.state) || letter.currentVersion !== row.version) {
    return `not sent: the ${letter.kind} became ${letter.state} (version ${letter.currentVersion}) after it was queued`;
  }
  const refusal = await whyNotSendChaser(tx, letter);
  return refusal ? `not sent: ${refusal}` : null;
}

async function loadForUpdate(tx: Tx, outboundId: number) {
  const [row] = await tx
    .select({
      outbound: outboundMessages,
      letter: letters,
      version: letterVersions.number,
      content: letterVersions.content,
      campaign: letters.campaignId,
      recipient: recipients.key,
      title: campaigns.title,
    })
    .from(outboundMessages)
    .innerJoin(letters, eq(letters.id, outboundMessages.letterId))
    .innerJoin(letterVersions, eq(letterVersions.id, outboundMessages.versionId))
    .innerJoin(recipients, eq(recipients.id, letters.recipientId))
    .innerJoin(campaigns, eq(campaigns.id, letters.campaignId))
    .where(eq(outboundMessages.id, outboundId))
    .for("update", { of: outboundMessages });
  return row;
}

/** Sends the letter; returns the provider's id (the SMTP server's answer, Notify's id). */
async function deliver(row: Row, deps: SendWorkerDeps): Promise<string> {
  const kind = row.letter.kind === "chaser" ? "chaser" : "letter";
  const lookup = { campaign: row.campaign, recipient: row.recipient, kind } as const;
  // The PDF is the one stored at approval (letterFile never re-renders an approved PDF).
  const pdf = await deps.letterFile({ ...lookup, format: "pdf" });
  if (row.outbound.channel === "notify") {
    const sent = await deps.sendPrecompiledLetter({ reference: `letter-${row.letter.id}`, pdf: pdf.bytes });
    return sent.id;
  }
  if (!deps.mailer) throw new MailError("email is not configured (POSTBAG_SMTP_HOST is not set)", "setup");
  const [html, text] = await Promise.all([
    deps.letterFile({ ...lookup, format: "html" }),
    deps.letterFile({ ...lookup, format: "txt" }),
  ]);
  const { db } = await deps.database();
  const thread =
    kind === "chaser" && row.letter.parentLetterId ? await threadOf(db, row.letter.parentLetterId) : null;
  // The letter's own subject line when it has one (its first heading), else the campaign's title.
  const ownSubject = subjectLine(row.content as Letter);
  const { response } = await deps.mailer.send({
    from: deps.from,
    to: row.outbound.toAddress,
    replyTo: `replies+${thread?.replyToken ?? row.outbound.replyToken}@${deps.replyDomain}`,
    messageId: row.outbound.messageId,
    subject: thread ? (ownSubject ?? `Re: ${thread.subject ?? row.title}`) : (ownSubject ?? row.title),
    ...(thread ? { inReplyTo: thread.messageId, references: thread.messageId } : {}),
    headers: { "X-Postbag-Letter": `${row.campaign}/${row.recipient}` },
    html: Buffer.from(html.bytes).toString("utf8"),
    text: Buffer.from(text.bytes).toString("utf8"),
    attachments: [
      { filename: pdf.fileName, content: Buffer.from(pdf.bytes), contentType: "application/pdf" },
    ],
  });
  return response;
}

/** A 5xx refusal: the letter counts as sent and returned (approved → sent → returned), in one transaction. */
async function returned(job: SendJob, row: Row, reason: string, deps: SendWorkerDeps): Promise<JobOutcome> {
  const { db } = await deps.database();
  await inTransaction(db, async (tx) => {
    await tx
      .update(outboundMessages)
      .set({ state: "returned", lastError: reason })
      .where(eq(outboundMessages.id, row.outbound.id));
    // states.ts lets only a sent letter be returned: a refusal at the door is
    // the synchronous form of a bounce, so it is recorded as both, in order.
    await recordSentIn(tx, row);
    await returnLetter(tx, {
      campaign: row.campaign,
      recipient: row.recipient,
      reason,
      actor: ACTOR,
      letterId: row.letter.id,
    });
    await deps.queue.complete(tx, job);
  });
  deps.progress?.(`${row.campaign}/${row.recipient}: returned: ${reason}`);
  return "returned";
}

/**
 * Refused for good by Notify, or a fault of the mail set-up: the row is
 * failed with the reason (shown on the letter), the letter stays as it was
 * (approved, or returned) to be sent again or another way.
 */
async function failed(job: SendJob, row: Row, reason: string, deps: SendWorkerDeps): Promise<JobOutcome> {
  const { db } = await deps.database();
  await inTransaction(db, async (tx) => {
    await tx
      .update(outboundMessages)
      .set({ state: "failed", lastError: reason })
      .where(eq(outboundMessages.id, row.outbound.id));
    await deps.queue.complete(tx, job);
  });
  deps.progress?.(`${row.campaign}/${row.recipient}: not sent: ${reason}`);
  return "failed";
}

/** A 4xx or a lost connection: back to queued, pg-boss retries it with backoff; after the last try, failed. */
async function retry(job: SendJob, row: Row, reason: string, deps: SendWorkerDeps): Promise<JobOutcome> {
  const { db } = await deps.database();
  const last = job.retryCount >= job.retryLimit;
  await inTransaction(db, async (tx) => {
    await tx
      .update(outboundMessages)
      .set({ state: last ? "failed" : "queued", lastError: reason })
      .where(eq(outboundMessages.id, row.outbound.id));
    await deps.queue.fail(job, reason, tx);
  });
  const what = last ? "gave up after the last try" : "will try again";
  deps.progress?.(`${row.campaign}/${row.recipient}: ${what}: ${reason}`);
  return last ? "failed" : "retry";
}

/** The exact letter (or chaser) this row sent, recorded as sent today with its due date, in our transaction. */
async function recordSentIn(tx: Tx, row: Row): Promise<void> {
  const { letter, recipient } = await lockLetter(tx, row.letter.id);
  await markSent(tx, {
    campaign: row.campaign,
    letter,
    recipient,
    sentOn: today(),
    // Notify prints and posts the letter: to the recipient it came by post.
    via: row.outbound.channel === "notify" ? "post" : "email",
    actor: ACTOR,
    windows: await findCampaign(tx, row.campaign),
  });
}

/**
 * At most perMinute messages in any minute, counted in the database (rows
 * sent in the last 60 s), so the limit holds across restarts and processes.
 */
async function waitForRate(db: Database["db"], perMinute: number): Promise<void> {
  for (;;) {
    const [recent] = await db
      .select({ sent: count(), oldest: sql<string | null>`min(${outboundMessages.sentAt})` })
      .from(outboundMessages)
      .where(and(gt(outboundMessages.sentAt, sql`now() - interval '1 minute'`)));
    if (!recent || recent.sent < perMinute || !recent.oldest) return;
    const wait = new Date(recent.oldest).getTime() + 60_000 - Date.now();
    await sleep(Math.min(Math.max(wait, 50), 5_000));
  }
}

/** Passes letters to `mailer`, keeping the first fault of the set-up it meets. */
function faultRecorder(mailer: Mailer): { mailer: Mailer; fault: () => string | undefined } {
  let fault: MailError | undefined;
  return {
    fault: () => fault?.message,
    mailer: {
      async send(email) {
        try {
          return await mailer.send(email);
        } catch (error) {
          if (error instanceof MailError && error.failure === "setup") fault ??= error;
          throw error;
        }
      },
      close: () => mailer.close(),
    },
  };
}

/**
 * Waits `ms`, or until `signal` aborts. The listener goes when the wait ends:
 * `serve` sleeps between polls for days, and each left behind would be kept.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", stop);
      resolve();
    }, ms);
    signal?.addEventListener("abort", stop, { once: true });
  });
}
