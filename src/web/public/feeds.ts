import { PUBLIC } from "../auth/access.ts";
import type { FastifyInstance } from "fastify";
import { atomFeed } from "../../publishing/atom-feed.ts";
import { publicUrls } from "../../publishing/public-urls.ts";
import type { CampaignParams } from "./campaign-page.ts";
import type { PublicSite } from "./public-site.ts";

const ATOM = "application/atom+xml; charset=utf-8";

/** Atom feeds of published letters and replies: the whole site's, and each campaign's. */
export function feeds(app: FastifyInstance, site: PublicSite): void {
  app.get(publicUrls.feed(), PUBLIC, (request, reply) =>
    site.serve(request, reply, async () => {
      const office = await site.office();
      const body = atomFeed({
        title: `${office.name}: letters and replies`,
        author: office.name,
        campaigns: await site.campaigns(),
        baseUrl: office.publicUrl,
        selfPath: publicUrls.feed(),
        pagePath: publicUrls.home(),
      });
      return { status: 200, type: ATOM, body };
    }),
  );

  app.get<{ Params: CampaignParams }>("/campaigns/:campaign/feed.atom", PUBLIC, (request, reply) =>
    site.serve(request, reply, async () => {
      const campaign = await site.services.publicCampaign({ campaign: request.params.campaign });
      if (!campaign) return site.notFound();
      const office = await site.office();
      const body = atomFeed({
        title: `${campaign.title}: letters and replies`,
        author: office.name,
        campaigns: [campaign],
        baseUrl: office.publicUrl,
        selfPath: publicUrls.campaignFeed(campaign.id),
        pagePath: publicUrls.campaign(campaign.id),
      });
      return { status: 200, type: ATOM, body };
    }),
  );
}
