import { and, asc, eq } from "drizzle-orm";
import type { Finding } from "../../documents/document.ts";
import type { RedactionSpec } from "../../documents/redaction/redact-document.ts";
import { PostbagError } from "../../errors.ts";
import { appendAudit } from "../../store/audit.ts";
import type { Tx } from "../../store/database.ts";
import {
  documentFindings,
  documents,
  files,
  letters,
  publications,
  redactions,
  replies,
} from "../../store/schema.ts";
import { reindexCampaign } from "../reindex-campaign.ts";
import { loadCheckContext } from "./check-context.ts";
import type { ReviewDeps } from "./review-deps.ts";
import { inTransaction } from "../../store/transaction.ts";
import { storedBytes } from "../../files/file-store.ts";
import { storedScan } from "../../replies/store-file-texts.ts";

// A document's public copy is always made afresh from its original: the checks
// strip metadata, then every redaction is applied in order. The findings are
// those of the original; one is "current" while it is still found in the
// public copy (a redaction can remove a phone number, never a hidden sheet's
// existence). A person's resolution of a finding is kept across re-checks.

/** Findings in metadata that the public copy is made without: re-checked there, they are gone. */
const CUT_FROM_PUBLIC_COPY = new Set(["image-gps", "image-people"]);

export interface NewRedaction {
  spec: RedactionSpec;
  reason: string;
  actor: string;
}

export async function refreshDocument(
  documentId: number,
  deps: ReviewDeps,
  adding?: NewRedaction,
): Promise<{ matches: number[] }> {
  const { db } = await deps.database();
  const [row] = await db
    .select({ document: documents, campaignId: letters.campaignId })
    .from(documents)
    .innerJoin(replies, eq(replies.id, documents.replyId))
    .innerJoin(letters, eq(letters.id, replies.letterId))
    .where(eq(documents.id, documentId));
  if (!row) throw new PostbagError("not_found", `there is no document ${documentId}`, { field: "document" });
  const { document, campaignId } = row;
  const earlier = await db
    .select()
    .from(redactions)
    .where(eq(redactions.documentId, documentId))
    .orderBy(asc(redactions.id));
  const specs = [
    ...earlier.map((redaction) => redaction.spec as unknown as RedactionSpec),
    ...(adding ? [adding.spec] : []),
  ];
  const bytes = await storedBytes(deps.fileStore, document.originalHash, `the original of ${document.name}`);
  // A scan is checked and redacted by the words OCR read on it, read once per file and kept.
  const scan = await storedScan(
    { hash: document.originalHash, name: document.name, bytes: async () => bytes },
    deps,
  );
  const original = { name: document.name, mediaType: document.mediaType, bytes, ...(scan ? { scan } : {}) };
  const context = await loadCheckContext(db, campaignId);
  const checked = await deps.checkDocument(original, context);
  let publicBytes = checked.publicCopy;
  let current = checked.findings;
  let matches: number[] = [];
  if (specs.length > 0) {
    const redacted = await deps.redactDocument({ ...original, bytes: checked.publicCopy }, specs);
    publicBytes = redacted.bytes;
    matches = redacted.matches;
    if (adding && matches[matches.length - 1] === 0) {
      throw new PostbagError(
        "bad_input",
        `the redaction matched nothing in ${document.name}: nothing was changed`,
        { field: "text" },
      );
    }
  }
  // What the public copy no longer holds (a redaction, a picture's GPS cut with its metadata) is no longer current.
  if (specs.length > 0 || current.some((finding) => CUT_FROM_PUBLIC_COPY.has(finding.code))) {
    current = (await deps.checkDocument({ ...original, bytes: publicBytes }, context)).findings;
  }
  // The public copy's text for search: a scanned page's words as OCR read them on the original
  // (a redacted page carries its remaining words as invisible text, and that is read instead).
  const { text } = await deps.extractText({ ...original, bytes: publicBytes });
  const stored = await deps.fileStore.put(publicBytes);
  await inTransaction(db, async (tx) => {
    const [locked] = await tx.select().from(documents).where(eq(documents.id, documentId)).for("update");
    const now = await tx
      .select({ id: redactions.id })
      .from(redactions)
      .where(eq(redactions.documentId, documentId));
    if (now.length !== earlier.length || !locked) {
      throw new PostbagError(
        "conflict",
        `${document.name} was redacted by someone else meanwhile: look again and retry`,
      );
    }
    await tx
      .insert(files)
      .values({ hash: stored.hash, size: stored.size, mediaType: document.mediaType })
      .onConflictDoNothing();
    await tx
      .update(documents)
      .set({
        publicHash: stored.hash,
        publicText: text,
        metadataRemoved: checked.metadataRemoved,
        checkedAt: new Date(),
      })
      .where(eq(documents.id, documentId));
    await saveFindings(tx, documentId, checked.findings, current);
    if (adding) await recordRedaction(tx, document, campaignId, adding, matches[matches.length - 1] ?? 0);
    const [published] = await tx
      .select()
      .from(publications)
      .where(and(eq(publications.entity, "document"), eq(publications.entityId, String(documentId))));
    if (published) await reindexCampaign(tx, campaignId);
  });
  return { matches };
}

const keyOf = (finding: Pick<Finding, "code" | "location" | "message">) =>
  `${finding.code}\u0000${finding.location}\u0000${finding.message}`;

async function saveFindings(tx: Tx, documentId: number, found: Finding[], current: Finding[]) {
  const stillThere = new Set(current.map(keyOf));
  const existing = await tx
    .select()
    .from(documentFindings)
    .where(eq(documentFindings.documentId, documentId));
  const known = new Map(existing.map((finding) => [keyOf(finding), finding]));
  const all = [
    ...found,
    ...current.filter((finding) => !found.some((other) => keyOf(other) === keyOf(finding))),
  ];
  for (const finding of all) {
    const isCurrent = stillThere.has(keyOf(finding));
    const before = known.get(keyOf(finding));
    known.delete(keyOf(finding));
    if (before) {
      if (before.current !== isCurrent)
        await tx
          .update(documentFindings)
          .set({ current: isCurrent })
          .where(eq(documentFindings.id, before.id));
    } else {
      await tx.insert(documentFindings).values({ documentId, ...pick(finding), current: isCurrent });
    }
  }
  // Found before but not now (the checks improved): kept for the record, no longer current.
  for (const gone of known.values()) {
    if (gone.current)
      await tx.update(documentFindings).set({ current: false }).where(eq(documentFindings.id, gone.id));
  }
}

function pick(finding: Finding) {
  return {
    code: finding.code,
    severity: finding.severity,
    message: finding.message,
    location: finding.location,
  };
}

async function recordRedaction(
  tx: Tx,
  document: { id: number; name: string },
  campaignId: string,
  adding: NewRedaction,
  matched: number,
) {
  const [inserted] = await tx
    .insert(redactions)
    .values({
      documentId: document.id,
      kind: adding.spec.kind,
      spec: adding.spec,
      reason: adding.reason,
      createdBy: adding.actor,
    })
    .returning({ id: redactions.id });
  await appendAudit(tx, {
    actor: adding.actor,
    action: "document.redacted",
    entity: "document",
    entityId: `${campaignId}/${document.id}`,
    after: { redaction: inserted?.id, kind: adding.spec.kind, reason: adding.reason, places: matched },
  });
}
