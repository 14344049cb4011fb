import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { PostbagError } from "../errors.ts";
import { appendAudit } from "../store/audit.ts";
import type { Database, Tx } from "../store/database.ts";
import { documents, letters, publications, replies, withheldPublications } from "../store/schema.ts";
import { documentReadiness } from "./document-readiness.ts";
import { resolveTarget, type PublicationTarget, type ResolvedTarget } from "./publication-target.ts";
import { reindexCampaign } from "./reindex-campaign.ts";
import { inTransaction } from "../store/transaction.ts";

// Publishing is a person's decision, audited. Publishing a letter, reply or
// document also publishes what it sits in (a reply's letter and campaign
// page), since it cannot be seen otherwise; publishing a campaign publishes
// every sent letter, every reply and every document that passed its checks,
// and lists the documents still blocked (not the digest: people's answers
// are published on their own decision). Unpublishing takes the thing and
// everything under it off the site at once; a letter, reply or document
// unpublished on its own stays off ("withheld") when the whole campaign is
// published again, until someone publishes that very thing.

export interface SetPublicationOptions {
  target: PublicationTarget;
  published: boolean;
  actor: string;
}

export interface PublicationChange {
  campaign: string;
  published: { entity: string; id: string }[];
  unpublished: { entity: string; id: string }[];
  /** Documents a campaign-wide publish left out, and why. */
  blocked: { document: number; reason: string }[];
  /** What a campaign-wide publish left off because someone unpublished it on its own. */
  withheld: { entity: string; id: string }[];
}

type Row = { entity: string; entityId: string };

export async function setPublication(
  options: SetPublicationOptions,
  deps: { database(): Promise<Database> },
): Promise<PublicationChange> {
  const { db } = await deps.database();
  return inTransaction(db, async (tx) => {
    const target = await resolveTarget(tx, options.target);
    const change: PublicationChange = {
      campaign: target.campaignId,
      published: [],
      unpublished: [],
      blocked: [],
      withheld: [],
    };
    if (options.published) await publish(tx, target, change, options.actor);
    else await unpublish(tx, target, change, options.actor);
    const changed = options.published ? change.published : change.unpublished;
    if (changed.length > 0) {
      await appendAudit(tx, {
        actor: options.actor,
        action: options.published ? "publication.published" : "publication.unpublished",
        entity: target.entity,
        entityId: `${target.campaignId}/${target.entityId}`,
        after: {
          [options.published ? "published" : "unpublished"]: changed,
          blocked: change.blocked,
          withheld: change.withheld,
        },
      });
      await reindexCampaign(tx, target.campaignId);
    }
    return change;
  });
}

async function publish(tx: Tx, target: ResolvedTarget, change: PublicationChange, actor: string) {
  const wanted: Row[] = [{ entity: "campaign", entityId: target.campaignId }];
  if (target.entity === "campaign") {
    wanted.push(...(await everythingReady(tx, target.campaignId, change)));
  } else {
    if (target.letterId !== null) wanted.push(await sentLetter(tx, target));
    if (target.entity === "reply") wanted.push({ entity: "reply", entityId: target.entityId });
    if (target.entity === "document") wanted.push(...(await readyDocument(tx, target)));
    if (target.entity === "digest") wanted.push({ entity: "digest", entityId: target.entityId });
  }
  if (target.entity !== "campaign") {
    // Published on purpose: no longer withheld, nor is anything it sits in.
    for (const row of wanted) {
      await tx
        .delete(withheldPublications)
        .where(
          and(eq(withheldPublications.entity, row.entity), eq(withheldPublications.entityId, row.entityId)),
        );
    }
  }
  const existing = await existingRows(tx, target.campaignId);
  for (const row of wanted) {
    if (existing.has(`${row.entity}:${row.entityId}`)) continue;
    existing.add(`${row.entity}:${row.entityId}`);
    await tx.insert(publications).values({ ...row, campaignId: target.campaignId, publishedBy: actor });
    change.published.push({ entity: row.entity, id: row.entityId });
  }
}

async function unpublish(tx: Tx, target: ResolvedTarget, change: PublicationChange, actor: string) {
  if (target.entity !== "campaign") {
    await tx
      .insert(withheldPublications)
      .values({
        entity: target.entity,
        entityId: target.entityId,
        campaignId: target.campaignId,
        withheldBy: actor,
      })
      .onConflictDoNothing();
  }
  const rows = await tx.select().from(publications).where(eq(publications.campaignId, target.campaignId));
  const under = await rowsUnder(tx, target);
  for (const row of rows.filter((candidate) => under(candidate))) {
    await tx
      .delete(publications)
      .where(and(eq(publications.entity, row.entity), eq(publications.entityId, row.entityId)));
    change.unpublished.push({ entity: row.entity, id: row.entityId });
  }
}

/** Which publication rows sit at or under the target (a letter's replies and their documents). */
async function rowsUnder(tx: Tx, target: ResolvedTarget) {
  if (target.entity === "campaign") return () => true;
  if (target.entity === "digest") return (row: Row) => row.entity === "digest";
  const replyIds = new Set<string>();
  const documentIds = new Set<string>();
  if (target.entity === "document") documentIds.add(target.entityId);
  else {
    const replyRows =
      target.entity === "reply"
        ? [{ id: Number(target.entityId) }]
        : await tx.select({ id: replies.id }).from(replies).where(eq(replies.letterId, target.letterId!));
    for (const reply of replyRows) replyIds.add(String(reply.id));
    const ids = replyRows.map((reply) => reply.id);
    if (ids.length > 0) {
      const docs = await tx
        .select({ id: documents.id })
        .from(documents)
        .where(inArray(documents.replyId, ids));
      for (const doc of docs) documentIds.add(String(doc.id));
    }
  }
  return (row: Row) =>
    (row.entity === target.entity && row.entityId === target.entityId) ||
    (row.entity === "reply" && replyIds.has(row.entityId)) ||
    (row.entity === "document" && documentIds.has(row.entityId));
}

async function withheldIn(tx: Tx, campaignId: string): Promise<Set<string>> {
  const rows = await tx
    .select()
    .from(withheldPublications)
    .where(eq(withheldPublications.campaignId, campaignId));
  return new Set(rows.map((row) => `${row.entity}:${row.entityId}`));
}

async function existingRows(tx: Tx, campaignId: string): Promise<Set<string>> {
  const rows = await tx.select().from(publications).where(eq(publications.campaignId, campaignId));
  return new Set(rows.map((row) => `${row.entity}:${row.entityId}`));
}

async function sentLetter(tx: Tx, target: ResolvedTarget): Promise<Row> {
  const [letter] = await tx.select().from(letters).where(eq(letters.id, target.letterId!));
  if (!letter?.sentOn) {
    throw new PostbagError(
      "invalid_transition",
      `${target.entity === "letter" ? target.label : "its letter"} has not been sent, so it cannot be published`,
    );
  }
  return { entity: "letter", entityId: String(letter.id) };
}

async function readyDocument(tx: Tx, target: ResolvedTarget): Promise<Row[]> {
  const id = Number(target.entityId);
  const readiness = (await documentReadiness(tx, [id])).get(id);
  if (!readiness?.ready) {
    throw new PostbagError(
      "invalid_transition",
      `${target.label} cannot be published: ${readiness?.reason ?? "not checked yet"}`,
    );
  }
  const [doc] = await tx.select({ replyId: documents.replyId }).from(documents).where(eq(documents.id, id));
  return [
    { entity: "reply", entityId: String(doc!.replyId) },
    { entity: "document", entityId: target.entityId },
  ];
}

async function everythingReady(tx: Tx, campaignId: string, change: PublicationChange): Promise<Row[]> {
  const held = await withheldIn(tx, campaignId);
  const keep = (entity: string, id: number) => {
    if (!held.has(`${entity}:${id}`)) return true;
    change.withheld.push({ entity, id: String(id) });
    return false;
  };
  const sent = await tx
    .select({ id: letters.id })
    .from(letters)
    .where(and(eq(letters.campaignId, campaignId), eq(letters.kind, "letter"), isNotNull(letters.sentOn)));
  // What is under something withheld stays off with it (a reply cannot show without its letter).
  const letterIds = sent.map((letter) => letter.id).filter((id) => keep("letter", id));
  if (letterIds.length === 0) return [];
  const replyRows = (
    await tx.select({ id: replies.id }).from(replies).where(inArray(replies.letterId, letterIds))
  ).filter((reply) => keep("reply", reply.id));
  const docs =
    replyRows.length === 0
      ? []
      : await tx
          .select({ id: documents.id })
          .from(documents)
          .where(
            inArray(
              documents.replyId,
              replyRows.map((reply) => reply.id),
            ),
          );
  const readiness = await documentReadiness(
    tx,
    docs.map((doc) => doc.id).filter((id) => keep("document", id)),
  );
  const rows: Row[] = [
    ...letterIds.map((id) => ({ entity: "letter", entityId: String(id) })),
    ...replyRows.map((reply) => ({ entity: "reply", entityId: String(reply.id) })),
  ];
  for (const [id, state] of readiness) {
    if (state.ready) rows.push({ entity: "document", entityId: String(id) });
    else change.blocked.push({ document: id, reason: state.reason });
  }
  return rows;
}
