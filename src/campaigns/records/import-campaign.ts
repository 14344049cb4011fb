import { createHash } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { PostbagError } from "../../errors.ts";
import type { CampaignFolder } from "../../files/read-campaign-folder.ts";
import { reindexCampaign } from "../../publishing/reindex-campaign.ts";
import { appendAuditEntries, type AuditEntry } from "../../store/audit.ts";
import type { Database, Tx } from "../../store/database.ts";
import { campaignRequests, campaigns, publications } from "../../store/schema.ts";
import { saveLetters } from "./import/save-letters.ts";
import { saveRecipients } from "./import/save-recipients.ts";
import { dropRequests } from "./import/drop-requests.ts";
import { removeDepartedRecipients, type Departed } from "./import/remove-departed.ts";
import { DEFAULT_CHASE_EVERY, parseReplyWindow } from "../deadlines/working-days.ts";
import { prepareCampaignInSteps, type Progress } from "../prepare-letters.ts";
import { hashLetters } from "./import/hash-letters.ts";
import { contentHash } from "./letter-content.ts";
import { inTransaction } from "../../store/transaction.ts";
import { saveCampaignSources } from "../sources/campaign-source-store.ts";

export interface ImportCampaignOptions {
  dir: string;
  actor: string;
  /**
   * Whether the actor may change what a published campaign shows the public
   * (its title, purpose and requests): a publication decision, so approvers'
   * and admins' (and the command line's, run by whoever holds the data). Default: no.
   */
  mayChangePublicText?: boolean;
  /** Told how far it got, before the one transaction that writes everything. */
  onProgress?: Progress;
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
  /** Recipients no longer in the file: removed with their unsent letters, or kept because something was sent. */
  departed: Departed;
}

/**
 * Creates or updates a campaign from its folder, in one transaction.
 * Importing the same folder twice changes nothing; a changed template or row
 * makes a new draft version, and a letter already sent is never rewritten.
 */
export async function importCampaign(
  { dir, actor, mayChangePublicText = false, onProgress = () => {} }: ImportCampaignOptions,
  deps: ImportCampaignDeps,
): Promise<ImportSummary> {
  const folder = await deps.readCampaignFolder(dir);
  const { list, letters: composed } = await prepareCampaignInSteps(folder, onProgress);
  // Hashed before the transaction, which holds the database (PGlite's only connection) while it runs.
  const hashed = await hashLetters(composed, onProgress);
  await onProgress(`Saving ${composed.length} recipients and their letters`, 0, composed.length);
  const { db } = await deps.database();
  return inTransaction(db, async (tx) => {
    const publicText = await guardPublicText(tx, folder, { actor, mayChangePublicText });
    const { created, templateVersion, audit: campaignAudit } = await saveCampaign(tx, folder, actor);
    const summary: ImportSummary = {
      campaign: folder.id,
      created,
      templateVersion,
      letters: { created: 0, revised: 0, unchanged: 0, alreadySent: [] },
      departed: { removed: [], kept: [] },
    };
    const requestIds = folder.config.requests.map((request) => request.id);
    const saved = await saveRecipients(tx, { campaignId: folder.id, list: list.recipients, actor });
    const { outcomes, audit } = await saveLetters(tx, {
      campaignId: folder.id,
      letters: hashed.map((letter, index) => ({ ...letter, recipientId: saved.ids[index]! })),
      requestIds,
      actor,
    });
    const departed = await removeDepartedRecipients(tx, {
      campaignId: folder.id,
      inFile: new Set(list.recipients.map((recipient) => recipient.id)),
      actor,
    });
    summary.departed = { removed: departed.removed, kept: departed.kept };
    outcomes.forEach((outcome, index) => {
      if (outcome === "already-sent") summary.letters.alreadySent.push(list.recipients[index]!.id);
      else summary.letters[outcome] += 1;
    });
    // The audit head is locked last, as every other use case does: no two lock it in another order.
    const entries = [...campaignAudit, ...publicText, ...saved.audit, ...departed.audit, ...audit];
    await appendAuditEntries(tx, entries);
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
): Promise<AuditEntry[]> {
  const [published] = await tx
    .select({ id: publications.entityId })
    .from(publications)
    .where(and(eq(publications.entity, "campaign"), eq(publications.entityId, folder.id)));
  if (!published) return [];
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
  if (contentHash(before) === contentHash(after)) return [];
  if (!mayChangePublicText) {
    throw new PostbagError(
      "forbidden",
      `campaign ${folder.id} is published: its title, purpose and requests are on the public site, so only an approver or an admin may change them. Nothing was changed.`,
      { file: "campaign.yaml" },
    );
  }
  return [
    { actor, action: "publication.text-changed", entity: "campaign", entityId: folder.id, before, after },
  ];
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
    chaseEveryDays: config.chase_every
      ? parseReplyWindow(config.chase_every, "chase_every")
      : DEFAULT_CHASE_EVERY,
    templateHash,
    letterSource: folder.letter.source,
    folder: folder.dir,
    purpose: config.purpose || null,
    questions: config.questions.map(({ id, question, kind }) => ({ id, question, kind })),
  };
  const [existing] = await tx.select().from(campaigns).where(eq(campaigns.id, folder.id)).for("update");
  let templateVersion = existing?.templateVersion ?? 1;
  const audit: AuditEntry[] = [];
  if (!existing) {
    await tx.insert(campaigns).values({ id: folder.id, ...values });
    audit.push({ actor, action: "campaign.created", entity: "campaign", entityId: folder.id, after: values });
  } else {
    const before = pick(existing, Object.keys(values) as (keyof typeof values)[]);
    if (contentHash(before) !== contentHash(values)) {
      if (existing.templateHash !== templateHash) templateVersion += 1;
      await tx
        .update(campaigns)
        .set({ ...values, templateVersion })
        .where(eq(campaigns.id, folder.id));
      audit.push({
        actor,
        action: "campaign.updated",
        entity: "campaign",
        entityId: folder.id,
        before,
        after: values,
      });
    }
  }
  await saveCampaignSources(tx, folder.id, folder.sources);
  await dropRequests(
    tx,
    folder.id,
    config.requests.map((request) => request.id),
  );
  for (const [position, request] of config.requests.entries()) {
    await tx
      .insert(campaignRequests)
      .values({ campaignId: folder.id, id: request.id, title: request.title, position })
      .onConflictDoUpdate({
        target: [campaignRequests.campaignId, campaignRequests.id],
        set: { title: request.title, position },
      });
  }
  return { created: !existing, templateVersion, audit };
}

function pick<T extends object, K extends keyof T>(object: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, object[key]])) as Pick<T, K>;
}
