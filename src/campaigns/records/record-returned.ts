import { PostbagError } from "../../errors.ts";
import { appendAudit } from "../../store/audit.ts";
import type { Database, Tx } from "../../store/database.ts";
import { checkLetterTransition } from "../states.ts";
import { findLettersForUpdate, letterEntityId, lockLetter, updateLetter } from "./find-letters.ts";
import { inTransaction } from "../../store/transaction.ts";

export interface RecordReturnedOptions {
  campaign: string;
  recipient: string;
  /** Why it came back: the SMTP server's answer, or what a bounce message said. */
  reason: string;
  actor: string;
  /** The exact letter or chaser that came back (the sending worker knows it); else the recipient's first letter. */
  letterId?: number | undefined;
}

/**
 * Records that a sent letter came back undelivered (a permanent SMTP refusal,
 * a bounce, a letter returned by the post). A returned letter waits for no
 * reply, so its due dates are cleared; it may be sent again (returned → sent).
 */
export async function recordReturned(
  options: RecordReturnedOptions,
  deps: { database(): Promise<Database> },
): Promise<{ campaign: string; recipient: string; reason: string }> {
  const { db } = await deps.database();
  return inTransaction(db, (tx) => returnLetter(tx, options));
}

/** The same, inside a transaction the caller holds (the sending worker's). */
export async function returnLetter(
  tx: Tx,
  { campaign, recipient, reason, actor, letterId }: RecordReturnedOptions,
): Promise<{ campaign: string; recipient: string; reason: string }> {
  const why = reason.trim();
  if (why === "") throw new PostbagError("bad_input", "say why the letter came back", { field: "reason" });
  const [row] =
    letterId === undefined
      ? await findLettersForUpdate(tx, campaign, recipient)
      : [await lockLetter(tx, letterId)];
  if (!row) throw new PostbagError("not_found", `campaign "${campaign}" has no recipient "${recipient}"`);
  const { letter } = row;
  const chaser = letter.kind === "chaser";
  checkLetterTransition(`the ${letter.kind} to ${recipient}`, letter.state, "returned");
  const values = { state: "returned", dueOn: null, veryDueOn: null };
  await updateLetter(tx, letter, values);
  await appendAudit(tx, {
    actor,
    action: chaser ? "chaser.returned" : "letter.returned",
    entity: "letter",
    entityId: letterEntityId(campaign, recipient, letter),
    before: { state: letter.state, dueOn: letter.dueOn },
    after: { ...values, reason: why },
  });
  return { campaign, recipient, reason: why };
}
