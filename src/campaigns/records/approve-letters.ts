import { and, eq } from "drizzle-orm";
import { PostbagError } from "../../errors.ts";
import { appendAudit } from "../../store/audit.ts";
import type { Database } from "../../store/database.ts";
import { letterVersions, users } from "../../store/schema.ts";
import { checkLetterTransition } from "../states.ts";
import { findLettersForUpdate, updateLetter } from "./find-letters.ts";

export interface ApproveLettersOptions {
  campaign: string;
  recipient?: string | undefined;
  /** The approver's email: a user with the approver or admin role. */
  by: string;
}

const APPROVERS = ["approver", "admin"];

/** Freezes draft letters: their current version, with its content hash, is the one to send. */
export async function approveLetters(
  { campaign, recipient, by }: ApproveLettersOptions,
  deps: { database(): Promise<Database> },
): Promise<{ campaign: string; approved: string[] }> {
  const { db } = await deps.database();
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.email, by));
    if (!user || !APPROVERS.includes(user.role)) {
      throw new PostbagError(
        "forbidden",
        `${by} may not approve letters: only users with the approver or admin role can`,
        {
          field: "by",
        },
      );
    }
    const rows = await findLettersForUpdate(tx, campaign, recipient);
    const approved: string[] = [];
    for (const { letter, recipient: to } of rows) {
      // Approving every letter of a campaign skips those past draft; naming one does not.
      if (recipient === undefined && letter.state !== "draft") continue;
      checkLetterTransition(`the letter to ${to.key}`, letter.state, "approved");
      const now = new Date();
      await updateLetter(tx, letter, { state: "approved" });
      const [version] = await tx
        .update(letterVersions)
        .set({ approvedBy: by, approvedAt: now })
        .where(and(eq(letterVersions.letterId, letter.id), eq(letterVersions.number, letter.currentVersion)))
        .returning({ contentHash: letterVersions.contentHash });
      await appendAudit(tx, {
        actor: by,
        action: "letter.approved",
        entity: "letter",
        entityId: `${campaign}/${to.key}`,
        before: { state: letter.state },
        after: { state: "approved", version: letter.currentVersion, contentHash: version?.contentHash },
      });
      approved.push(to.key);
    }
    return { campaign, approved };
  });
}
