import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { PostbagError } from "../../errors.ts";
import {
  readCampaignFolder,
  readCampaignSources,
  type CampaignFolder,
  type SourceFile,
} from "../../files/read-campaign-folder.ts";
import type { Db, Tx } from "../../store/database.ts";
import { campaignSources, campaigns } from "../../store/schema.ts";

// A campaign's source files live in the database (campaign_sources), written
// by the import that read them: every server reads and edits a campaign from
// there, never from a path on one machine's disk.

/** Keeps the files an import read as the campaign's sources (rewritten only when they changed). */
export async function saveCampaignSources(tx: Tx, campaign: string, sources: SourceFile[]): Promise<void> {
  const rows = sources.map((source) => ({
    campaignId: campaign,
    name: source.name,
    sha256: createHash("sha256").update(source.bytes).digest("hex"),
    bytes: source.bytes,
  }));
  const kept = await tx
    .select({ name: campaignSources.name, sha256: campaignSources.sha256 })
    .from(campaignSources)
    .where(eq(campaignSources.campaignId, campaign));
  const same = (list: { name: string; sha256: string }[]) =>
    list
      .map((row) => `${row.name}\0${row.sha256}`)
      .sort()
      .join("\n");
  if (same(kept) === same(rows)) return;
  await tx.delete(campaignSources).where(eq(campaignSources.campaignId, campaign));
  if (rows.length > 0) await tx.insert(campaignSources).values(rows);
}

/**
 * The campaign as last imported, read from its sources in the database. A
 * campaign imported before sources were kept is read from its folder once
 * more (its next import keeps them).
 */
export async function loadCampaignFolder(db: Db | Tx, campaign: string): Promise<CampaignFolder> {
  const [row] = await db
    .select({ folder: campaigns.folder })
    .from(campaigns)
    .where(eq(campaigns.id, campaign));
  if (!row) throw new PostbagError("not_found", `there is no campaign "${campaign}"`, { field: "campaign" });
  const sources = await db
    .select({ name: campaignSources.name, bytes: campaignSources.bytes })
    .from(campaignSources)
    .where(eq(campaignSources.campaignId, campaign));
  if (sources.length === 0) return readCampaignFolder(row.folder);
  return readCampaignSources(sources, { dir: row.folder, id: campaign });
}
