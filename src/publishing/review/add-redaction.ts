import { and, eq } from "drizzle-orm";
import { parseRedactionSpec, type RedactionInput } from "../../documents/redaction/redact-document.ts";
import { PostbagError } from "../../errors.ts";
import { documents, letters, replies } from "../../store/schema.ts";
import { refreshDocument } from "./refresh-document.ts";
import type { ReviewDeps } from "./review-deps.ts";

// A redaction is applied to the stored public copy (the original is kept,
// never served), with its reason recorded and audited. One that matches
// nothing is refused, so a typo never passes for a redaction.

export interface AddRedactionOptions {
  campaign: string;
  document: number;
  redaction: RedactionInput;
  reason: string;
  actor: string;
}

export async function addRedaction(
  options: AddRedactionOptions,
  deps: ReviewDeps,
): Promise<{ document: number; places: number }> {
  const spec = parseRedactionSpec(options.redaction);
  const reason = options.reason.trim();
  if (!reason)
    throw new PostbagError("bad_input", "give the reason for this redaction: it is recorded", {
      field: "reason",
    });
  const { db } = await deps.database();
  const [row] = await db
    .select({ id: documents.id })
    .from(documents)
    .innerJoin(replies, eq(replies.id, documents.replyId))
    .innerJoin(letters, eq(letters.id, replies.letterId))
    .where(and(eq(documents.id, options.document), eq(letters.campaignId, options.campaign)));
  if (!row) {
    throw new PostbagError(
      "not_found",
      `campaign "${options.campaign}" has no document ${options.document}`,
      {
        field: "document",
      },
    );
  }
  const { matches } = await refreshDocument(options.document, deps, { spec, reason, actor: options.actor });
  return { document: options.document, places: matches[matches.length - 1] ?? 0 };
}
