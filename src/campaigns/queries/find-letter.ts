import { and, desc, eq } from "drizzle-orm";
import { PostbagError } from "../../errors.ts";
import type { Db } from "../../store/database.ts";
import { letters, organisations, recipients } from "../../store/schema.ts";
import { findCampaign } from "../records/find-letters.ts";

export type LetterKind = "letter" | "chaser";

export interface LetterLookup {
  campaign: string;
  recipient: string;
  /** A recipient has one first letter; "chaser" takes its newest chaser. */
  kind?: LetterKind | undefined;
}

/**
 * One letter with its campaign, recipient and organisation, for the read-side
 * queries: two queries whatever the letter, and a not_found error that names
 * the input that matched nothing (campaign or recipient), so a page can say which.
 */
export async function findLetter(db: Db, { campaign, recipient, kind = "letter" }: LetterLookup) {
  const found = await findCampaign(db, campaign);
  const [row] = await db
    .select({
      letter: letters,
      recipient: recipients,
      organisation: organisations.name,
    })
    .from(letters)
    .innerJoin(recipients, eq(recipients.id, letters.recipientId))
    .leftJoin(organisations, eq(organisations.id, recipients.organisationId))
    .where(and(eq(letters.campaignId, campaign), eq(recipients.key, recipient), eq(letters.kind, kind)))
    .orderBy(desc(letters.id))
    .limit(1);
  if (!row) {
    const what = kind === "chaser" ? "no chaser to" : "no recipient";
    throw new PostbagError("not_found", `campaign "${campaign}" has ${what} "${recipient}"`, {
      field: "recipient",
    });
  }
  return { campaign: found, ...row };
}

export type FoundLetter = Awaited<ReturnType<typeof findLetter>>;
