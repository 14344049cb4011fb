import type { Services } from "../../src/services.ts";
import { ROLE_EMAILS } from "./web-app.ts";

// A campaign on its way to the public, made through the real use cases:
// letters approved and sent, replies recorded with their files. What is
// published is left to each test, which is the point of most of them.

export interface ReplyToRecord {
  recipient: string;
  text?: string;
  files?: { name: string; bytes: Buffer }[];
  items?: { itemId: string; state: "received" | "declined" | "not-held" }[];
  on?: string;
}

/** Approves and records as sent every letter of the campaign (or the listed recipients'). */
export async function sendLetters(
  services: Services,
  campaign: string,
  recipients?: string[],
): Promise<void> {
  for (const recipient of recipients ?? [undefined]) {
    await services.approveLetters({ campaign, recipient, by: ROLE_EMAILS.approver });
    await services.recordSent({
      campaign,
      recipient,
      on: "2020-10-13",
      via: "email",
      actor: ROLE_EMAILS.editor,
    });
  }
}

/** Records a reply; returns its id. */
export async function recordReplyTo(
  services: Services,
  campaign: string,
  reply: ReplyToRecord,
): Promise<number> {
  const result = await services.recordReply({
    campaign,
    recipient: reply.recipient,
    on: reply.on ?? "2020-11-02",
    channel: "email",
    sender: `foi@${reply.recipient}.police.example`,
    text: reply.text,
    files: reply.files ?? [],
    items: (reply.items ?? []).map((item) => ({ ...item, publicUrl: null })),
    actor: ROLE_EMAILS.editor,
  });
  return result.reply;
}

/** Ids of the documents of a letter's replies, checked, by name. */
export async function documentsOf(services: Services, campaign: string, recipient: string) {
  await services.checkLetterDocuments({ campaign, recipient });
  const publication = await services.letterPublication({ campaign, recipient });
  return new Map(
    publication.replies.flatMap((reply) => reply.documents.map((doc) => [doc.name, doc] as const)),
  );
}
