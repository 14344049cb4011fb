import { and, eq } from "drizzle-orm";
import { PostbagError } from "../../errors.ts";
import { appendAudit } from "../../store/audit.ts";
import type { Database } from "../../store/database.ts";
import { documentFindings, documents, letters, publications, replies } from "../../store/schema.ts";
import { reindexCampaign } from "../reindex-campaign.ts";
import { inTransaction } from "../../store/transaction.ts";

// A person looked at what a check found and decided it may go public (a
// hidden sheet that holds nothing personal, a name that is an office-holder's
// after all): the finding is resolved with their reason, audited.

export interface ResolveFindingOptions {
  campaign: string;
  document: number;
  finding: number;
  reason: string;
  actor: string;
}

export async function resolveFinding(
  options: ResolveFindingOptions,
  deps: { database(): Promise<Database> },
): Promise<{ finding: number; resolved: true }> {
  const reason = options.reason.trim();
  if (!reason) {
    throw new PostbagError("bad_input", "say why this may be published: the reason is recorded", {
      field: "reason",
    });
  }
  const { db } = await deps.database();
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .select({ finding: documentFindings })
      .from(documentFindings)
      .innerJoin(documents, eq(documents.id, documentFindings.documentId))
      .innerJoin(replies, eq(replies.id, documents.replyId))
      .innerJoin(letters, eq(letters.id, replies.letterId))
      .where(
        and(
          eq(documentFindings.id, options.finding),
          eq(documents.id, options.document),
          eq(letters.campaignId, options.campaign),
        ),
      )
      .for("update");
    if (!row) {
      throw new PostbagError("not_found", `document ${options.document} has no finding ${options.finding}`, {
        field: "finding",
      });
    }
    if (row.finding.resolvedAt) {
      throw new PostbagError("invalid_transition", `finding ${options.finding} is already resolved`);
    }
    await tx
      .update(documentFindings)
      .set({ resolvedAt: new Date(), resolvedBy: options.actor, resolution: reason })
      .where(eq(documentFindings.id, options.finding));
    await appendAudit(tx, {
      actor: options.actor,
      action: "finding.resolved",
      entity: "document",
      entityId: `${options.campaign}/${options.document}`,
      before: { finding: options.finding, code: row.finding.code, resolved: false },
      after: { finding: options.finding, resolved: true, reason },
    });
    const [published] = await tx
      .select()
      .from(publications)
      .where(and(eq(publications.entity, "document"), eq(publications.entityId, String(options.document))));
    if (published) await reindexCampaign(tx, options.campaign);
    return { finding: options.finding, resolved: true as const };
  });
}
