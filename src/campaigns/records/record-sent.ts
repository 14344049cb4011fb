import { PostbagError } from "../../errors.ts";
import { appendAudit } from "../../store/audit.ts";
import type { Database, Tx } from "../../store/database.ts";
import type { letters, recipients } from "../../store/schema.ts";
import { whyNotSendChaser } from "../chasers/chaser-rules.ts";
import { parseIsoDate } from "../deadlines/iso-date.ts";
import { parseNation } from "../deadlines/nation.ts";
import { veryOverdueAfter } from "../deadlines/overdue.ts";
import { addWorkingDays } from "../deadlines/working-days.ts";
import type { LetterKind } from "../queries/find-letter.ts";
import { checkLetterTransition } from "../states.ts";
import { findCampaign, findLettersForUpdate, letterEntityId, updateLetter } from "./find-letters.ts";
import { inTransaction } from "../../store/transaction.ts";

export const SEND_CHANNELS = ["post", "email", "hand"] as const;
export type SendChannel = (typeof SEND_CHANNELS)[number];

export interface RecordSentOptions {
  campaign: string;
  recipient?: string | undefined;
  on: string;
  via: string;
  actor: string;
  /** A recipient's first letter (the default), or their newest chaser. */
  kind?: LetterKind | undefined;
}

type LetterRow = typeof letters.$inferSelect;
type RecipientRow = typeof recipients.$inferSelect;

/**
 * Records approved letters (or chasers) as sent outside Postbag, and sets
 * their due dates: a letter's from the campaign's reply window, a chaser's
 * from its chase interval. A chaser is refused when the body has answered
 * everything or the letter was withdrawn.
 */
export async function recordSent(
  { campaign, recipient, on, via, actor, kind = "letter" }: RecordSentOptions,
  deps: { database(): Promise<Database> },
): Promise<{ campaign: string; sent: { recipient: string; due: string | null }[] }> {
  const sentOn = parseIsoDate(on, "on");
  if (!(SEND_CHANNELS as readonly string[]).includes(via)) {
    throw new PostbagError("bad_input", `--via must be one of ${SEND_CHANNELS.join(", ")}`, { field: "via" });
  }
  const { db } = await deps.database();
  return inTransaction(db, async (tx) => {
    const rows = await findLettersForUpdate(tx, campaign, recipient, kind);
    const windows = await findCampaign(tx, campaign);
    // A recipient named has one letter to record: their first, or their newest chaser.
    const chosen = recipient !== undefined && kind === "chaser" ? rows.slice(-1) : rows;
    const sent: { recipient: string; due: string | null }[] = [];
    for (const { letter, recipient: to } of chosen) {
      if (recipient === undefined && letter.state !== "approved") continue;
      const refusal = await whyNotSendChaser(tx, letter);
      if (refusal) {
        throw new PostbagError("invalid_transition", `the chaser to ${to.key} is not to be sent: ${refusal}`);
      }
      const values = await markSent(tx, { campaign, letter, recipient: to, sentOn, via, actor, windows });
      sent.push({ recipient: to.key, due: values.dueOn });
    }
    return { campaign, sent };
  });
}

/** One letter (or chaser) sent on `sentOn`: its state, due dates and audit entry, in the caller's transaction. */
export async function markSent(
  tx: Tx,
  options: {
    campaign: string;
    letter: LetterRow;
    recipient: RecipientRow;
    sentOn: string;
    via: string;
    actor: string;
    /** The campaign's reply window and chase interval, read once by the caller. */
    windows: { replyWithinDays: number | null; chaseEveryDays: number };
  },
): Promise<{ dueOn: string | null }> {
  const { campaign, letter, recipient: to, sentOn, via, actor } = options;
  const chaser = letter.kind === "chaser";
  const what = chaser ? `the chaser to ${to.key}` : `the letter to ${to.key}`;
  checkLetterTransition(what, letter.state, "sent");
  const { replyWithinDays, chaseEveryDays } = options.windows;
  const workingDays = chaser ? chaseEveryDays : replyWithinDays;
  const deadline = workingDays
    ? addWorkingDays({ from: sentOn, workingDays, nation: parseNation(to.nation) ?? "england" })
    : null;
  // A chaser is due no earlier than the date it prints ("reply by"), however early it is sent.
  const printed = chaser ? letter.dueOn : null;
  const later = (a: string | null, b: string | null) => (a !== null && b !== null && b > a ? b : (a ?? b));
  const values = {
    state: "sent",
    sentOn,
    sentVia: via,
    dueOn: later(deadline?.due ?? null, printed),
    veryDueOn: later(deadline ? veryOverdueAfter(deadline) : null, printed),
  };
  await updateLetter(tx, letter, values);
  await appendAudit(tx, {
    actor,
    action: chaser ? "chaser.sent" : "letter.sent",
    entity: "letter",
    entityId: letterEntityId(campaign, to.key, letter),
    before: { state: letter.state },
    after: values,
  });
  return values;
}
