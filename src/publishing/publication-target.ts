import { and, eq } from "drizzle-orm";
import { PostbagError } from "../errors.ts";
import { findLetter } from "../campaigns/queries/find-letter.ts";
import { findCampaign } from "../campaigns/records/find-letters.ts";
import type { Tx } from "../store/database.ts";
import { documents, letters, replies } from "../store/schema.ts";

// What a person asks to publish or unpublish, resolved to a row: the
// campaign it belongs to, and why it cannot be published when it cannot.

export type PublicationTarget =
  | { entity: "campaign"; campaign: string }
  | { entity: "letter"; campaign: string; recipient: string }
  | { entity: "reply"; campaign: string; reply: number }
  | { entity: "document"; campaign: string; document: number }
  /** The campaign's digest of what every body said: its own decision, not part of publishing the campaign. */
  | { entity: "digest"; campaign: string };

export interface ResolvedTarget {
  entity: PublicationTarget["entity"];
  entityId: string;
  campaignId: string;
  /** For the audit log and messages: "the letter to sussex". */
  label: string;
  letterId: number | null;
}

export async function resolveTarget(tx: Tx, target: PublicationTarget): Promise<ResolvedTarget> {
  await findCampaign(tx, target.campaign);
  const base = { entity: target.entity, campaignId: target.campaign, letterId: null };
  switch (target.entity) {
    case "campaign":
      return { ...base, entityId: target.campaign, label: `campaign ${target.campaign}` };
    case "digest":
      return { ...base, entityId: target.campaign, label: `the digest of campaign ${target.campaign}` };
    case "letter": {
      const { letter } = await findLetter(tx, target);
      return {
        ...base,
        entityId: String(letter.id),
        label: `the letter to ${target.recipient}`,
        letterId: letter.id,
      };
    }
    case "reply": {
      const [row] = await tx
        .select({ letterId: replies.letterId })
        .from(replies)
        .innerJoin(letters, eq(letters.id, replies.letterId))
        .where(and(eq(replies.id, target.reply), eq(letters.campaignId, target.campaign)));
      if (!row) throw notFound(`campaign "${target.campaign}" has no reply ${target.reply}`, "reply");
      return {
        ...base,
        entityId: String(target.reply),
        label: `reply ${target.reply}`,
        letterId: row.letterId,
      };
    }
    case "document": {
      const [row] = await tx
        .select({ letterId: replies.letterId, name: documents.name })
        .from(documents)
        .innerJoin(replies, eq(replies.id, documents.replyId))
        .innerJoin(letters, eq(letters.id, replies.letterId))
        .where(and(eq(documents.id, target.document), eq(letters.campaignId, target.campaign)));
      if (!row)
        throw notFound(`campaign "${target.campaign}" has no document ${target.document}`, "document");
      return {
        ...base,
        entityId: String(target.document),
        label: `document ${target.document} (${row.name})`,
        letterId: row.letterId,
      };
    }
  }
}

function notFound(message: string, field: string): PostbagError {
  return new PostbagError("not_found", message, { field });
}
