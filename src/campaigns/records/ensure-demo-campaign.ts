import { eq } from "drizzle-orm";
import type { CampaignFolder } from "../../files/read-campaign-folder.ts";
import type { Database } from "../../store/database.ts";
import { campaigns } from "../../store/schema.ts";
import type { ImportSummary } from "./import-campaign.ts";

/**
 * Imports the demo campaign on first start only. Importing it on every start
 * would undo what staff changed in the web app (whose edits live in the
 * campaign's own copy, not in the example folder).
 */
export async function ensureDemoCampaign(
  { dir, actor }: { dir: string; actor: string },
  deps: {
    database(): Promise<Database>;
    readCampaignFolder(dir: string): Promise<CampaignFolder>;
    importCampaign(options: { dir: string; actor: string }): Promise<ImportSummary>;
  },
): Promise<{ campaign: string; imported: boolean }> {
  const { id } = await deps.readCampaignFolder(dir);
  const { db } = await deps.database();
  const [existing] = await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, id));
  if (existing) return { campaign: id, imported: false };
  await deps.importCampaign({ dir, actor });
  return { campaign: id, imported: true };
}
