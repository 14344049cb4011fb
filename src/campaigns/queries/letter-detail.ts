import type { Letter } from "../../letters/model.ts";
import type { Database } from "../../store/database.ts";
import { parseIsoDate } from "../deadlines/iso-date.ts";
import { findLetter, type LetterLookup } from "./find-letter.ts";
import { chasersOf, itemsOf } from "./letter-items.ts";
import {
  repliesOf,
  sendsOf,
  versionsOf,
  type ReplySummary,
  type SendSummary,
  type VersionSummary,
} from "./letter-history.ts";
import { storedLetter } from "./stored-letter.ts";
import { whyNotSendChaser } from "../chasers/chaser-rules.ts";

export interface LetterDetail {
  campaign: { id: string; title: string };
  recipient: { key: string; fields: Record<string, string>; nation: string; organisation: string | null };
  letter: {
    id: number;
    kind: string;
    /** For a chaser: the first letter it chases. */
    parentLetterId: number | null;
    state: string;
    sentOn: string | null;
    sentVia: string | null;
    dueOn: string | null;
    veryDueOn: string | null;
    overdue: boolean;
    veryOverdue: boolean;
    lockVersion: number;
    currentVersion: number;
    /** Why a person withdrew it; null unless withdrawn. */
    withdrawnReason: string | null;
    /** A chaser only: why it must not be sent now (the body replied, the letter was withdrawn); else null. */
    notToSend: string | null;
  };
  versions: VersionSummary[];
  /** The current version as renderers take it (for previews); null if its row is missing. */
  content: Letter | null;
  items: { id: string; title: string; state: string; publicUrl: string | null }[];
  replies: ReplySummary[];
  /** Sends by email or Notify, oldest first. */
  sends: SendSummary[];
  chasers: { id: number; recipient: string; state: string; createdAt: Date }[];
}

/** Everything a letter's page shows, in seven queries whatever the letter. */
export async function letterDetail(
  options: LetterLookup & { asOf: string },
  deps: { database(): Promise<Database> },
): Promise<LetterDetail> {
  const day = parseIsoDate(options.asOf, "as-of");
  const { db } = await deps.database();
  const found = await findLetter(db, options);
  const { letter, recipient } = found;
  const { versions, content } = await versionsOf(db, letter.id, letter.currentVersion);
  // Only a sent letter still waiting for its reply can be overdue (as on the board).
  const waiting = letter.state === "sent";
  return {
    campaign: { id: found.campaign.id, title: found.campaign.title },
    recipient: {
      key: recipient.key,
      fields: recipient.fields,
      nation: recipient.nation,
      organisation: found.organisation,
    },
    letter: {
      id: letter.id,
      kind: letter.kind,
      parentLetterId: letter.parentLetterId,
      state: letter.state,
      sentOn: letter.sentOn,
      sentVia: letter.sentVia,
      dueOn: letter.dueOn,
      veryDueOn: letter.veryDueOn,
      lockVersion: letter.lockVersion,
      currentVersion: letter.currentVersion,
      withdrawnReason: letter.withdrawnReason,
      notToSend: await whyNotSendChaser(db, letter),
      overdue: waiting && letter.dueOn !== null && day > letter.dueOn,
      veryOverdue: waiting && letter.veryDueOn !== null && day > letter.veryDueOn,
    },
    versions,
    content: content === null ? null : storedLetter(content, letter.campaignId, recipient),
    items: await itemsOf(db, letter),
    replies: await repliesOf(db, letter.id),
    sends: await sendsOf(db, letter.id),
    chasers: await chasersOf(db, letter.id),
  };
}
