import { and, asc, eq } from "drizzle-orm";
import { PostbagError } from "../errors.ts";
import { findCampaign, newestPerRecipient } from "../campaigns/records/find-letters.ts";
import { whyNotSendChaser } from "../campaigns/chasers/chaser-rules.ts";
import type { LetterKind } from "../campaigns/queries/find-letter.ts";
import type { Db } from "../store/database.ts";
import { letters, letterVersionFiles, letterVersions, recipients } from "../store/schema.ts";

// Which letters go into a print pack, each with the hash of the PDF kept when
// it was approved: the bytes that were approved are the bytes posted, never a
// fresh rendering.

export interface PostalLetter {
  recipient: string;
  /** For the manifest: the recipient's name, or their title when the name is blank. */
  name: string;
  pdfHash: string;
}

type Row = { state: string; sentVia: string | null };

/**
 * Approved letters wait to be posted. A letter already sent by post (or
 * returned) may be printed again, but only when its recipient is named, so a
 * whole-campaign pack never puts a letter in the post twice by accident.
 */
const isPostable = (row: Row, named: boolean) =>
  row.state === "approved" || (named && ["sent", "returned"].includes(row.state) && row.sentVia === "post");

/**
 * The campaign's first letters to post (or its chasers: each recipient's
 * newest, unless its body has replied or its letter was withdrawn), in the
 * recipient table's order (import order).
 */
export async function postalLetters(
  db: Db,
  campaign: string,
  recipient?: string,
  kind: LetterKind = "letter",
): Promise<PostalLetter[]> {
  await findCampaign(db, campaign);
  const conditions = [eq(letters.campaignId, campaign), eq(letters.kind, kind)];
  if (recipient !== undefined) conditions.push(eq(recipients.key, recipient));
  const rows = await db
    .select({
      key: recipients.key,
      fields: recipients.fields,
      kind: letters.kind,
      parentLetterId: letters.parentLetterId,
      state: letters.state,
      sentVia: letters.sentVia,
      pdfHash: letterVersionFiles.fileHash,
    })
    .from(letters)
    .innerJoin(recipients, eq(recipients.id, letters.recipientId))
    // The current version is the approved one: any change sends a letter back to draft.
    .leftJoin(
      letterVersions,
      and(eq(letterVersions.letterId, letters.id), eq(letterVersions.number, letters.currentVersion)),
    )
    .leftJoin(
      letterVersionFiles,
      and(eq(letterVersionFiles.versionId, letterVersions.id), eq(letterVersionFiles.format, "pdf")),
    )
    .where(and(...conditions))
    .orderBy(asc(recipients.id), asc(letters.id));
  const newest = newestPerRecipient(rows);
  if (recipient !== undefined) checkNamedLetter(campaign, recipient, newest[0], kind);
  const postable = [];
  for (const row of newest) {
    if (isPostable(row, recipient !== undefined) && (await whyNotSendChaser(db, row)) === null)
      postable.push(row);
  }
  return postable.map(({ key, fields, pdfHash }) => {
    // Approval always stores the PDF; without it the store is damaged: say so rather than re-render.
    if (pdfHash === null) {
      throw new PostbagError(
        "not_found",
        `the letter to ${key} has no approved PDF in the file store: approve it again`,
        { field: "recipient" },
      );
    }
    return { recipient: key, name: fields.name?.trim() || fields.title?.trim() || "", pdfHash };
  });
}

/** A named recipient must exist and have a letter that can be posted: say which it is not. */
function checkNamedLetter(campaign: string, recipient: string, row: Row | undefined, kind: LetterKind): void {
  if (!row) {
    const what = kind === "chaser" ? "no chaser to" : "no recipient";
    throw new PostbagError("not_found", `campaign "${campaign}" has ${what} "${recipient}"`, {
      field: "recipient",
    });
  }
  if (isPostable(row, true)) return;
  const via = row.sentVia ? ` via ${row.sentVia}` : "";
  throw new PostbagError(
    "bad_input",
    `the ${kind} to ${recipient} is ${row.state}${via}: only approved letters, or letters already sent by post, go in a print pack`,
    { field: "recipient" },
  );
}
