import { PostbagError } from "../../errors.ts";
import { appendAudit } from "../../store/audit.ts";
import type { Database } from "../../store/database.ts";
import { parseIsoDate } from "../deadlines/iso-date.ts";
import { parseNation } from "../deadlines/nation.ts";
import { veryOverdueAfter } from "../deadlines/overdue.ts";
import { addWorkingDays } from "../deadlines/working-days.ts";
import { checkLetterTransition } from "../states.ts";
import { findCampaign, findLettersForUpdate, updateLetter } from "./find-letters.ts";
import { inTransaction } from "../../store/transaction.ts";

export const SEND_CHANNELS = ["post", "email", "hand"] as const;
export type SendChannel = (typeof SEND_CHANNELS)[number];

export interface RecordSentOptions {
  campaign: string;
  recipient?: string | undefined;
  on: string;
  via: string;
  actor: string;
}

/** Records approved letters as sent outside Postbag, and sets their due dates. */
export async function recordSent(
  { campaign, recipient, on, via, actor }: RecordSentOptions,
  deps: { database(): Promise<Database> },
): Promise<{ campaign: string; sent: { recipient: string; due: string | null }[] }> {
  const sentOn = parseIsoDate(on, "on");
  if (!(SEND_CHANNELS as readonly string[]).includes(via)) {
    throw new PostbagError("bad_input", `--via must be one of ${SEND_CHANNELS.join(", ")}`, { field: "via" });
  }
  const { db } = await deps.database();
  return inTransaction(db, async (tx) => {
    const { replyWithinDays } = await findCampaign(tx, campaign);
    const rows = await findLettersForUpdate(tx, campaign, recipient);
    const sent: { recipient: string; due: string | null }[] = [];
    for (const { letter, recipient: to } of rows) {
      if (recipient === undefined && letter.state !== "approved") continue;
      checkLetterTransition(`the letter to ${to.key}`, letter.state, "sent");
      const deadline = replyWithinDays
        ? addWorkingDays({
            from: sentOn,
            workingDays: replyWithinDays,
            nation: parseNation(to.nation) ?? "england",
          })
        : null;
      const values = {
        state: "sent",
        sentOn,
        sentVia: via,
        dueOn: deadline?.due ?? null,
        veryDueOn: deadline ? veryOverdueAfter(deadline) : null,
      };
      await updateLetter(tx, letter, values);
      await appendAudit(tx, {
        actor,
        action: "letter.sent",
        entity: "letter",
        entityId: `${campaign}/${to.key}`,
        before: { state: letter.state },
        after: values,
      });
      sent.push({ recipient: to.key, due: values.dueOn });
    }
    return { campaign, sent };
  });
}
