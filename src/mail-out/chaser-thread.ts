import { and, desc, eq } from "drizzle-orm";
import type { Letter } from "../letters/model.ts";
import { subjectLine } from "../letters/subject-line.ts";
import type { Db } from "../store/database.ts";
import { letterVersions, outboundMessages } from "../store/schema.ts";

// A chaser by email continues the conversation its letter started: it answers
// the letter's message (In-Reply-To, References), carries the letter's reply
// address (the same token, so a reply to either matches the letter) and says
// "Re:" its subject. A letter that went by post or by hand has no thread.

export interface Thread {
  /** The letter's Message-ID, angle brackets and all. */
  messageId: string;
  replyToken: string;
  /** The letter's own subject line, if it had one. */
  subject: string | null;
}

export async function threadOf(db: Db, letterId: number): Promise<Thread | null> {
  const [sent] = await db
    .select({
      messageId: outboundMessages.messageId,
      replyToken: outboundMessages.replyToken,
      content: letterVersions.content,
    })
    .from(outboundMessages)
    .innerJoin(letterVersions, eq(letterVersions.id, outboundMessages.versionId))
    .where(
      and(
        eq(outboundMessages.letterId, letterId),
        eq(outboundMessages.channel, "email"),
        eq(outboundMessages.state, "sent"),
      ),
    )
    .orderBy(desc(outboundMessages.id))
    .limit(1);
  if (!sent) return null;
  return {
    messageId: sent.messageId,
    replyToken: sent.replyToken,
    subject: subjectLine(sent.content as Letter),
  };
}
