import { renderCampaign, type RenderCampaignOptions } from "./campaigns/render-campaign.ts";
import type { Config } from "./config.ts";
import { readCampaignFolder } from "./files/read-campaign-folder.ts";
import { stageOutput } from "./files/staged-output.ts";
import { prepareLetters } from "./campaigns/prepare-letters.ts";
import { RenderPool } from "./letters/pool/render-pool.ts";

// The composition root: the one place where use cases meet their adapters.
// The command line and the web app both build their services here.

export function createServices(config: Config) {
  const pool = new RenderPool({ workers: config.renderWorkers, recycleAfter: config.recycleAfter });
  return {
    config,
    renderCampaign: (options: RenderCampaignOptions) =>
      renderCampaign(options, {
        readCampaignFolder,
        stageOutput,
        renderBatch: (request) => pool.renderBatch(request),
      }),
    /** Every letter of a campaign folder, composed but not rendered (for previews). */
    previewLetters: async (campaignDir: string) => prepareLetters(await readCampaignFolder(campaignDir)),
  };
}

export type Services = ReturnType<typeof createServices>;
