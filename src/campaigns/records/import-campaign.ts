import { createHash } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { PostbagError } from "../../errors.ts";
import type { CampaignFolder } from "../../files/read-campaign-folder.ts";
import type { Letter } from "../../letters/model.ts";
import { reindexCampaign } from "../../publishing/reindex-campaign.ts";
import { appendAudit } from "../../store/audit.ts";
import type { Database, Tx } from "../../store/database.ts";
import {
  campaignRequests,
  campaigns,
  letterItems,
  letters,
  letterVersions,
  publications,
  recipients,
} from "../../store/schema.ts";
import { saveOrganisation } from "./save-organisation.ts";
import { nationFor } from "../deadlines/nation.ts";
import { parseReplyWindow } from "../deadlines/working-days.ts";
import { prepareCampaign } from "../prepare-letters.ts";
import type { Recipient } from "../recipients.ts";
import { checkLetterTransition } from "../states.ts";
import { contentHash, letterContent } from "./letter-content.ts";

export interface ImportCampaignOptions {
  dir: string;
  actor: string;
  /**
   * Whether the actor may change what a published campaign shows the public
   * (its title, purpose and requests): a publication decision, so approvers'
   * and admins' (and the command line's, run by whoever holds the data). Default: no.
   */
  mayChangePublicText?: boolean;
}

export interface ImportCampaignDeps {
  readCampaignFolder(dir: string): Promise<CampaignFolder>;
  database(): Promise<Database>;
}

export interface ImportSummary {
  campaign: string;
  created: boolean;
  templateVersion: number;
  letters: { created: number; revised: number; unchanged: number; alreadySent: string[] };
}

/**
 * Creates or updates a campaign from its folder, in one transaction.
 * Importing the same folder twice changes nothing; a changed template or row
 * makes a new draft version, and a letter already sent is never rewritten.
 */
export async function importCampaign(
  { dir, actor, mayChangePublicText = false }: ImportCampaignOptions,
  deps: ImportCampaignDeps,
): Promise<ImportSummary> {
  const folder = await deps.readCampaignFolder(dir);
  const { list, letters: composed } = prepareCampaign(folder);
  const { db } = await deps.database();
  return db.transaction(async (tx) => {
    await guardPublicText(tx, folder, { actor, mayChangePublicText });
    const { created, templateVersion } = await saveCampaign(tx, folder, actor);
    const summary: ImportSummary = {
      campaign: folder.id,
      created,
      templateVersion,
      letters: { created: 0, revised: 0, unchanged: 0, alreadySent: [] },
    };
    const requestIds = folder.config.requests.map((request) => request.id);
    for (const [index, recipient] of list.recipients.entries()) {
      const letter = composed[index];
      if (!letter) continue;
      const recipientId = await saveRecipient(tx, folder.id, recipient, actor);
      const outcome = await saveLetter(tx, { campaignId: folder.id, recipientId, letter, requestIds, actor });
      if (outcome === "already-sent") summary.letters.alreadySent.push(recipient.id);
      else summary.letters[outcome] += 1;
    }
    // A published campaign's title, purpose or requests may have changed: its search entries follow.
    if (!created) await reindexCampaign(tx, folder.id);
    return summary;
  });
}

/**
 * A published campaign's title, purpose and requests are on the public site:
 * changing them is a publication decision. Refused (nothing changes) unless
 * the actor may publish; when allowed, audited as a publication change.
 */
async function guardPublicText(
  tx: Tx,
  folder: CampaignFolder,
  { actor, mayChangePublicText }: { actor: string; mayChangePublicText: boolean },
) {
  const [published] = await tx
    .select({ id: publications.entityId })
    .from(publications)
    .where(and(eq(publications.entity, "campaign"), eq(publications.entityId, folder.id)));
  if (!published) return;
  const [row] = await tx.select().from(campaigns).where(eq(campaigns.id, folder.id));
  const requests = await tx
    .select({ id: campaignRequests.id, title: campaignRequests.title })
    .from(campaignRequests)
    .where(eq(campaignRequests.campaignId, folder.id))
    .orderBy(asc(campaignRequests.position));
  const before = { title: row?.title, purpose: row?.purpose ?? null, requests };
  const { config } = folder;
  const after = {
    title: config.title,
    purpose: config.purpose || null,
    requests: config.requests.map((request) => ({ id: request.id, title: request.title })),
  };
  if (contentHash(before) === contentHash(after)) return;
  if (!mayChangePublicText) {
    throw new PostbagError(
      "forbidden",
      `campaign ${folder.id} is published: its title, purpose and requests are on the public site, so only an approver or an admin may change them. Nothing was changed.`,
      { file: "campaign.yaml" },
    );
  }
  await appendAudit(tx, {
    actor,
    action: "publication.text-changed",
    entity: "campaign",
    entityId: folder.id,
    before,
    after,
  });
}

async function saveCampaign(tx: Tx, folder: CampaignFolder, actor: string) {
  const { config } = folder;
  const templateHash = createHash("sha256").update(folder.letter.source).digest("hex");
  const values = {
    title: config.title,
    date: config.date,
    sender: config.sender,
    signatory: { name: config.signatory.name, role: config.signatory.role },
    replyWithinDays: config.reply_within ? parseReplyWindow(config.reply_within) : null,
    templateHash,
    letterSource: folder.letter.source,
    folder: folder.dir,
    purpose: config.purpose || null,
  };
  const [existing] = await tx.select().from(campaigns).where(eq(campaigns.id, folder.id)).for("update");
  let templateVersion = existing?.templateVersion ?? 1;
  if (!existing) {
    await tx.insert(campaigns).values({ id: folder.id, ...values });
    await appendAudit(tx, {
      actor,
      action: "campaign.created",
      entity: "campaign",
      entityId: folder.id,
      after: values,
    });
  } else {
    const before = pick(existing, Object.keys(values) as (keyof typeof values)[]);
    if (contentHash(before) !== contentHash(values)) {
      if (existing.templateHash !== templateHash) templateVersion += 1;
      await tx
        .update(campaigns)
        .set({ ...values, templateVersion })
        .where(eq(campaigns.id, folder.id));
      await appendAudit(tx, {
        actor,
        action: "campaign.updated",
        entity: "campaign",
        entityId: folder.id,
        before,
        after: values,
      });
    }
  }
  for (const [position, request] of config.requests.entries()) {
    await tx
      .insert(campaignRequests)
      .values({ campaignId: folder.id, id: request.id, title: request.title, position })
      .onConflictDoUpdate({
        target: [campaignRequests.campaignId, campaignRequests.id],
        set: { title: request.title, position },
      });
  }
  return { created: !existing, templateVersion };
}

async function saveRecipient(
  tx: Tx,
  campaignId: string,
  recipient: Recipient,
  actor: string,
): Promise<number> {
  const fields = Object.fromEntries(recipient.fields);
  const nation = nationFor({ nation: fields.nation, postcode: fields.postcode });
  const organisationId = await saveOrganisation(tx, fields, nation);
  const [existing] = await tx
    .select()
    .from(recipients)
    .where(and(eq(recipients.campaignId, campaignId), eq(recipients.key, recipient.id)));
  if (existing) {
    if (
      contentHash(existing.fields) !== contentHash(fields) ||
      existing.nation !== nation ||
      existing.organisationId !== organisationId
    ) {
      await tx
        .update(recipients)
        .set({ fields, nation, organisationId })
        .where(eq(recipients.id, existing.id));
      const entityId = `${campaignId}/${recipient.id}`;
      await appendAudit(tx, {
        actor,
        action: "recipient.updated",
        entity: "recipient",
        entityId,
        before: existing.fields,
        after: fields,
      });
    }
    return existing.id;
  }
  const [inserted] = await tx
    .insert(recipients)
    .values({ campaignId, key: recipient.id, fields, nation, organisationId })
    .returning({ id: recipients.id });
  const entityId = `${campaignId}/${recipient.id}`;
  await appendAudit(tx, { actor, action: "recipient.created", entity: "recipient", entityId, after: fields });
  return inserted?.id ?? 0;
}

interface SaveLetter {
  campaignId: string;
  recipientId: number;
  letter: Letter;
  requestIds: string[];
  actor: string;
}

async function saveLetter(tx: Tx, { campaignId, recipientId, letter, requestIds, actor }: SaveLetter) {
  const content = letterContent(letter);
  const hash = contentHash(content);
  const entityId = `${campaignId}/${letter.id}`;
  const [existing] = await tx
    .select()
    .from(letters)
    .where(and(eq(letters.recipientId, recipientId), eq(letters.kind, "letter")))
    .for("update");
  if (!existing) {
    const [inserted] = await tx
      .insert(letters)
      .values({ campaignId, recipientId })
      .returning({ id: letters.id });
    const letterId = inserted?.id ?? 0;
    await tx.insert(letterVersions).values({ letterId, number: 1, contentHash: hash, content });
    await addItems(tx, letterId, requestIds);
    await appendAudit(tx, {
      actor,
      action: "letter.created",
      entity: "letter",
      entityId,
      after: { state: "draft", version: 1, contentHash: hash },
    });
    return "created" as const;
  }
  await addItems(tx, existing.id, requestIds);
  const [current] = await tx
    .select({ contentHash: letterVersions.contentHash })
    .from(letterVersions)
    .where(and(eq(letterVersions.letterId, existing.id), eq(letterVersions.number, existing.currentVersion)));
  if (current?.contentHash === hash) return "unchanged" as const;
  if (existing.state !== "draft" && existing.state !== "approved") return "already-sent" as const;
  if (existing.state === "approved")
    checkLetterTransition(`the letter to ${letter.id}`, existing.state, "draft");
  const number = existing.currentVersion + 1;
  await tx.insert(letterVersions).values({ letterId: existing.id, number, contentHash: hash, content });
  await tx
    .update(letters)
    .set({ currentVersion: number, state: "draft", lockVersion: existing.lockVersion + 1 })
    .where(eq(letters.id, existing.id));
  await appendAudit(tx, {
    actor,
    action: "letter.revised",
    entity: "letter",
    entityId,
    before: { state: existing.state, version: existing.currentVersion, contentHash: current?.contentHash },
    after: { state: "draft", version: number, contentHash: hash },
  });
  return "revised" as const;
}

async function addItems(tx: Tx, letterId: number, requestIds: string[]): Promise<void> {
  if (requestIds.length === 0) return;
  await tx
    .insert(letterItems)
    .values(requestIds.map((itemId) => ({ letterId, itemId })))
    .onConflictDoNothing();
}

function pick<T extends object, K extends keyof T>(object: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, object[key]])) as Pick<T, K>;
}
