import { and, eq, inArray } from "drizzle-orm";
import { PostbagError } from "../../errors.ts";
import { appendAudit } from "../../store/audit.ts";
import type { Database, Tx } from "../../store/database.ts";
import { letters } from "../../store/schema.ts";
import { inTransaction } from "../../store/transaction.ts";
import type { LetterKind } from "../queries/find-letter.ts";
import { checkLetterTransition } from "../states.ts";
import { findLettersForUpdate, letterEntityId, updateLetter } from "./find-letters.ts";

export interface WithdrawOptions {
  campaign: string;
  recipient: string;
  /** The first letter (the default), or the recipient's newest chaser. */
  kind?: LetterKind | undefined;
  reason: string;
  actor: string;
}

/** Long enough for a sentence or two; the audit log is no place for a document. */
const MAX_REASON = 500;

/**
 * Withdraws a letter (draft, approved, sent or returned) with the reason a
 * person gave: it is no longer sent, chased or waited for, and the history is
 * kept. Withdrawing a first letter withdraws its chasers not yet sent too.
 */
export async function withdrawLetter(
  { campaign, recipient, kind = "letter", reason, actor }: WithdrawOptions,
  deps: { database(): Promise<Database> },
): Promise<{ campaign: string; recipient: string; withdrawn: number }> {
  const why = reason.trim();
  if (why === "")
    throw new PostbagError("bad_input", `Say why the ${kind} is withdrawn`, { field: "reason" });
  if (why.length > MAX_REASON) {
    throw new PostbagError("bad_input", `Keep the reason within ${MAX_REASON} characters`, {
      field: "reason",
    });
  }
  const { db } = await deps.database();
  return inTransaction(db, async (tx) => {
    const rows = await findLettersForUpdate(tx, campaign, recipient, kind);
    const row = rows.at(-1);
    if (!row) throw new PostbagError("not_found", `campaign "${campaign}" has no ${kind} to "${recipient}"`);
    await withdrawOne(tx, row.letter, { campaign, recipient, reason: why, actor });
    let withdrawn = 1;
    if (kind === "letter") {
      const pending = await tx
        .select()
        .from(letters)
        .where(and(eq(letters.parentLetterId, row.letter.id), inArray(letters.state, ["draft", "approved"])))
        .for("update");
      for (const chaser of pending) {
        await withdrawOne(tx, chaser, {
          campaign,
          recipient,
          reason: `its letter was withdrawn: ${why}`,
          actor,
        });
        withdrawn += 1;
      }
    }
    return { campaign, recipient, withdrawn };
  });
}

async function withdrawOne(
  tx: Tx,
  letter: typeof letters.$inferSelect,
  {
    campaign,
    recipient,
    reason,
    actor,
  }: { campaign: string; recipient: string; reason: string; actor: string },
): Promise<void> {
  const chaser = letter.kind === "chaser";
  checkLetterTransition(`the ${letter.kind} to ${recipient}`, letter.state, "withdrawn");
  const values = { state: "withdrawn", dueOn: null, veryDueOn: null, withdrawnReason: reason };
  await updateLetter(tx, letter, values);
  await appendAudit(tx, {
    actor,
    action: chaser ? "chaser.withdrawn" : "letter.withdrawn",
    entity: "letter",
    entityId: letterEntityId(campaign, recipient, letter),
    before: { state: letter.state, dueOn: letter.dueOn },
    after: { state: "withdrawn", reason },
  });
}
