import type { Database } from "../store/database.ts";
import { loadPublicCampaign, publishedCampaignIds } from "./load-public-campaign.ts";
import type { PublicCampaign, PublicLetter } from "./public-model.ts";

// What the public pages read. Everything comes through loadPublicCampaign,
// so nothing unpublished can reach a page, a feed or the JSON.

type Deps = { database(): Promise<Database> };

/** Every published campaign, newest publication first. */
export async function publicCampaigns(deps: Deps): Promise<PublicCampaign[]> {
  const { db } = await deps.database();
  const ids = await publishedCampaignIds(db);
  const loaded = await Promise.all(ids.map((id) => loadPublicCampaign(db, id)));
  return loaded.filter((campaign): campaign is PublicCampaign => campaign !== null);
}

export async function publicCampaign(
  options: { campaign: string },
  deps: Deps,
): Promise<PublicCampaign | null> {
  const { db } = await deps.database();
  return loadPublicCampaign(db, options.campaign);
}

export async function publicLetter(
  options: { campaign: string; recipient: string },
  deps: Deps,
): Promise<{ campaign: PublicCampaign; letter: PublicLetter } | null> {
  const campaign = await publicCampaign(options, deps);
  const letter = campaign?.letters.find((candidate) => candidate.recipient === options.recipient);
  return campaign && letter ? { campaign, letter } : null;
}
