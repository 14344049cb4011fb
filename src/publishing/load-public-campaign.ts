import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import { storedLetter } from "../campaigns/queries/stored-letter.ts";
import type { Db, Tx } from "../store/database.ts";
import {
  campaignRequests,
  campaigns,
  documents,
  files,
  letterItems,
  letterVersionFiles,
  letterVersions,
  letters,
  organisations,
  publications,
  recipients,
  replies,
} from "../store/schema.ts";
import { documentReadiness } from "./document-readiness.ts";
import { publicDigest } from "./public-digest.ts";
import type { PublicCampaign, PublicDocument, PublicLetter, PublicReply } from "./public-model.ts";

// The one gate between the records and the public: a thing is public only
// when a person published it and everything above it (document → reply →
// letter → campaign), a letter only once sent, a document only with a public
// copy and no unresolved finding; the digest only with the campaign, and
// only answers quoting what those public documents say. Every public output
// reads through here.

type Reader = Db | Tx;
type Published = Map<string, Date>;

export async function loadPublicCampaign(db: Reader, campaignId: string): Promise<PublicCampaign | null> {
  const published = await publishedIn(db, campaignId);
  const campaignPublishedAt = published.get(`campaign:${campaignId}`);
  if (!campaignPublishedAt) return null;
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  if (!campaign) return null;
  const requests = await db
    .select({ id: campaignRequests.id, title: campaignRequests.title })
    .from(campaignRequests)
    .where(eq(campaignRequests.campaignId, campaignId))
    .orderBy(asc(campaignRequests.position));
  const sender = campaign.sender as { name?: string; role?: string };
  const publicLettersOf = await publicLetters(db, campaignId, published, requests);
  const digestPublishedAt = published.get(`digest:${campaignId}`);
  return {
    id: campaign.id,
    title: campaign.title,
    purpose: campaign.purpose ?? "",
    date: campaign.date,
    sender: { name: sender.name ?? "", role: sender.role ?? "" },
    requests,
    publishedAt: campaignPublishedAt,
    letters: publicLettersOf,
    digest: digestPublishedAt
      ? await publicDigest(db, {
          campaignId,
          publishedAt: digestPublishedAt,
          requests,
          questions: campaign.questions as Parameters<typeof publicDigest>[1]["questions"],
          letters: publicLettersOf,
        })
      : null,
  };
}

/** Ids of published campaigns, newest publication first. */
export async function publishedCampaignIds(db: Reader): Promise<string[]> {
  const rows = await db
    .select({ id: publications.entityId, at: publications.publishedAt })
    .from(publications)
    .where(eq(publications.entity, "campaign"));
  return rows.sort((a, b) => b.at.getTime() - a.at.getTime()).map((row) => row.id);
}

async function publishedIn(db: Reader, campaignId: string): Promise<Published> {
  const rows = await db.select().from(publications).where(eq(publications.campaignId, campaignId));
  return new Map(rows.map((row) => [`${row.entity}:${row.entityId}`, row.publishedAt]));
}

function idsOf(published: Published, entity: string): number[] {
  const prefix = `${entity}:`;
  return [...published.keys()]
    .filter((key) => key.startsWith(prefix))
    .map((key) => Number(key.slice(prefix.length)));
}

async function publicLetters(
  db: Reader,
  campaignId: string,
  published: Published,
  requests: { id: string; title: string }[],
): Promise<PublicLetter[]> {
  const letterIds = idsOf(published, "letter");
  if (letterIds.length === 0) return [];
  const rows = await db
    .select({ letter: letters, recipient: recipients, organisation: organisations.name })
    .from(letters)
    .innerJoin(recipients, eq(recipients.id, letters.recipientId))
    .leftJoin(organisations, eq(organisations.id, recipients.organisationId))
    .where(
      and(
        eq(letters.campaignId, campaignId),
        eq(letters.kind, "letter"),
        inArray(letters.id, letterIds),
        isNotNull(letters.sentOn),
      ),
    )
    .orderBy(asc(recipients.key));
  const ids = rows.map((row) => row.letter.id);
  if (ids.length === 0) return [];
  const versions = await sentVersions(db, ids);
  const items = await itemsOf(db, ids, requests);
  const repliesByLetter = await publicReplies(db, ids, published);
  return rows.flatMap(({ letter, recipient, organisation }) => {
    const version = versions.get(letter.id);
    if (!version) return [];
    const letterReplies = repliesByLetter.get(letter.id) ?? [];
    return [
      {
        id: letter.id,
        recipient: recipient.key,
        name: recipient.fields["name"] ?? "",
        title: recipient.fields["title"] ?? "",
        organisation: organisation ?? recipient.fields["title"] ?? "",
        sentOn: letter.sentOn,
        state: letter.state,
        publishedAt: published.get(`letter:${letter.id}`)!,
        pdfHash: version.pdfHash,
        content: storedLetter(version.content, campaignId, recipient),
        items: items.get(letter.id) ?? [],
        repliedOn: letterReplies[0]?.receivedOn ?? null,
        replies: letterReplies,
      },
    ];
  });
}

async function sentVersions(db: Reader, letterIds: number[]) {
  const rows = await db
    .select({
      letterId: letterVersions.letterId,
      content: letterVersions.content,
      pdfHash: letterVersionFiles.fileHash,
    })
    .from(letterVersions)
    .innerJoin(
      letters,
      and(eq(letters.id, letterVersions.letterId), eq(letters.currentVersion, letterVersions.number)),
    )
    .leftJoin(
      letterVersionFiles,
      and(eq(letterVersionFiles.versionId, letterVersions.id), eq(letterVersionFiles.format, "pdf")),
    )
    .where(inArray(letterVersions.letterId, letterIds));
  return new Map(rows.map((row) => [row.letterId, row]));
}

async function itemsOf(db: Reader, letterIds: number[], requests: { id: string; title: string }[]) {
  const rows = await db.select().from(letterItems).where(inArray(letterItems.letterId, letterIds));
  const order = new Map(requests.map((request, index) => [request.id, index]));
  const byLetter = new Map<number, PublicLetter["items"]>();
  for (const row of rows.sort((a, b) => (order.get(a.itemId) ?? 0) - (order.get(b.itemId) ?? 0))) {
    const title = requests.find((request) => request.id === row.itemId)?.title ?? row.itemId;
    const list = byLetter.get(row.letterId) ?? [];
    list.push({ id: row.itemId, title, state: row.state, publicUrl: row.publicUrl });
    byLetter.set(row.letterId, list);
  }
  return byLetter;
}

async function publicReplies(db: Reader, letterIds: number[], published: Published) {
  const replyIds = idsOf(published, "reply");
  const byLetter = new Map<number, PublicReply[]>();
  if (replyIds.length === 0) return byLetter;
  const rows = await db
    .select()
    .from(replies)
    .where(and(inArray(replies.letterId, letterIds), inArray(replies.id, replyIds)))
    .orderBy(asc(replies.receivedOn), asc(replies.id));
  const docs = await publicDocuments(
    db,
    rows.map((row) => row.id),
    published,
  );
  for (const row of rows) {
    const list = byLetter.get(row.letterId) ?? [];
    list.push({
      id: row.id,
      receivedOn: row.receivedOn,
      channel: row.channel,
      publishedAt: published.get(`reply:${row.id}`)!,
      documents: docs.get(row.id) ?? [],
    });
    byLetter.set(row.letterId, list);
  }
  return byLetter;
}

async function publicDocuments(db: Reader, replyIds: number[], published: Published) {
  const documentIds = idsOf(published, "document");
  const byReply = new Map<number, PublicDocument[]>();
  if (replyIds.length === 0 || documentIds.length === 0) return byReply;
  const rows = await db
    .select({ document: documents, size: files.size })
    .from(documents)
    .innerJoin(files, eq(files.hash, documents.publicHash))
    .where(and(inArray(documents.replyId, replyIds), inArray(documents.id, documentIds)))
    .orderBy(asc(documents.id));
  // A document with a current finding nobody has resolved is never public, whatever was decided before.
  const readiness = await documentReadiness(
    db,
    rows.map((row) => row.document.id),
  );
  for (const { document, size } of rows) {
    if (!document.publicHash || !readiness.get(document.id)?.ready) continue;
    const list = byReply.get(document.replyId) ?? [];
    list.push({
      id: document.id,
      source: document.source,
      name: document.name,
      mediaType: document.mediaType,
      hash: document.publicHash,
      size,
      text: document.publicText,
      publishedAt: published.get(`document:${document.id}`)!,
    });
    byReply.set(document.replyId, list);
  }
  return byReply;
}
