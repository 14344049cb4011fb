import { PUBLIC } from "../auth/access.ts";
import type { FastifyInstance } from "fastify";
import { publicUrls } from "../../publishing/public-urls.ts";
import type { PublicSite } from "./public-site.ts";
import { campaignView } from "./public-view.ts";

export type CampaignParams = { campaign: string };

/** A campaign: its purpose, what it asked for, and every published letter with where it stands. */
export function campaignPage(app: FastifyInstance, site: PublicSite): void {
  app.get<{ Params: CampaignParams }>("/campaigns/:campaign/", PUBLIC, (request, reply) =>
    site.serve(request, reply, async () => {
      const campaign = await site.services.publicCampaign({ campaign: request.params.campaign });
      if (!campaign) return site.notFound();
      const view = campaignView(campaign);
      return site.page("campaign.njk", {
        pageTitle: campaign.title,
        campaign: view,
        feed: { url: view.feed, title: `${campaign.title}: letters and replies` },
        json: publicUrls.campaignJson(campaign.id),
      });
    }),
  );
}
