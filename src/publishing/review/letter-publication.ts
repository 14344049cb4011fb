import { asc, eq, inArray } from "drizzle-orm";
import { findLetter } from "../../campaigns/queries/find-letter.ts";
import type { Database } from "../../store/database.ts";
import { documentFindings, documents, publications, redactions, replies } from "../../store/schema.ts";
import { documentReadiness, type Readiness } from "../document-readiness.ts";

// What staff see of a letter's way to the public: what is published, each
// reply's documents with their findings, redactions and whether they may go out.

export interface DocumentReview {
  id: number;
  replyId: number;
  source: string;
  name: string;
  mediaType: string;
  published: boolean;
  readiness: Readiness;
  metadataRemoved: string[];
  publicHash: string | null;
  findings: (typeof documentFindings.$inferSelect)[];
  redactions: {
    id: number;
    kind: string;
    spec: Record<string, unknown>;
    reason: string;
    createdBy: string;
    createdAt: Date;
  }[];
}

export interface LetterPublication {
  campaignPublished: boolean;
  letterPublished: boolean;
  letterSent: boolean;
  replies: { id: number; receivedOn: string; published: boolean; documents: DocumentReview[] }[];
}

export async function letterPublication(
  options: { campaign: string; recipient: string },
  deps: { database(): Promise<Database> },
): Promise<LetterPublication> {
  const { db } = await deps.database();
  const { letter } = await findLetter(db, options);
  const rows = await db.select().from(publications).where(eq(publications.campaignId, options.campaign));
  const isPublished = (entity: string, id: string | number) =>
    rows.some((row) => row.entity === entity && row.entityId === String(id));
  const replyRows = await db
    .select({ id: replies.id, receivedOn: replies.receivedOn })
    .from(replies)
    .where(eq(replies.letterId, letter.id))
    .orderBy(asc(replies.receivedOn), asc(replies.id));
  const docs =
    replyRows.length === 0
      ? []
      : await db
          .select()
          .from(documents)
          .where(
            inArray(
              documents.replyId,
              replyRows.map((reply) => reply.id),
            ),
          )
          .orderBy(asc(documents.id));
  const ids = docs.map((doc) => doc.id);
  const readiness = await documentReadiness(db, ids);
  const findings =
    ids.length === 0
      ? []
      : await db
          .select()
          .from(documentFindings)
          .where(inArray(documentFindings.documentId, ids))
          .orderBy(asc(documentFindings.id));
  const redacted =
    ids.length === 0
      ? []
      : await db
          .select()
          .from(redactions)
          .where(inArray(redactions.documentId, ids))
          .orderBy(asc(redactions.id));
  return {
    campaignPublished: isPublished("campaign", options.campaign),
    letterPublished: isPublished("letter", letter.id),
    letterSent: letter.sentOn !== null,
    replies: replyRows.map((reply) => ({
      ...reply,
      published: isPublished("reply", reply.id),
      documents: docs
        .filter((doc) => doc.replyId === reply.id)
        .map((doc) => ({
          id: doc.id,
          replyId: doc.replyId,
          source: doc.source,
          name: doc.name,
          mediaType: doc.mediaType,
          published: isPublished("document", doc.id),
          readiness: readiness.get(doc.id) ?? { ready: false, reason: "not checked yet" },
          metadataRemoved: doc.metadataRemoved,
          publicHash: doc.publicHash,
          findings: findings.filter((finding) => finding.documentId === doc.id),
          redactions: redacted.filter((redaction) => redaction.documentId === doc.id),
        })),
    })),
  };
}

/** Whether the campaign page is published (for the board's publish button). */
export async function campaignPublished(
  options: { campaign: string },
  deps: { database(): Promise<Database> },
) {
  const { db } = await deps.database();
  const rows = await db.select().from(publications).where(eq(publications.campaignId, options.campaign));
  return {
    published: rows.some((row) => row.entity === "campaign"),
    letters: rows.filter((row) => row.entity === "letter").length,
    documents: rows.filter((row) => row.entity === "document").length,
  };
}
