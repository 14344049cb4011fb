import { PUBLIC } from "../auth/access.ts";
import type { FastifyInstance } from "fastify";
import { campaignJson, homeJson, letterJson, searchIndexOf } from "../../publishing/public-json.ts";
import { publicUrls } from "../../publishing/public-urls.ts";
import type { CampaignParams } from "./campaign-page.ts";
import type { LetterParams } from "./letter-page.ts";
import type { PublicSite } from "./public-site.ts";

/** The pages' data as JSON, and the whole site's search index for searching in the browser. */
export function jsonRoutes(app: FastifyInstance, site: PublicSite): void {
  app.get(publicUrls.homeJson(), PUBLIC, (request, reply) =>
    site.serve(request, reply, async () => site.json(homeJson(await site.office(), await site.campaigns()))),
  );

  app.get<{ Params: CampaignParams }>("/campaigns/:campaign/index.json", PUBLIC, (request, reply) =>
    site.serve(request, reply, async () => {
      const campaign = await site.services.publicCampaign({ campaign: request.params.campaign });
      return campaign ? site.json(campaignJson(campaign)) : notFound(site);
    }),
  );

  app.get<{ Params: LetterParams }>(
    "/campaigns/:campaign/letters/:recipient/index.json",
    PUBLIC,
    (request, reply) =>
      site.serve(request, reply, async () => {
        const found = await site.services.publicLetter(request.params);
        return found ? site.json(letterJson(found.campaign, found.letter)) : notFound(site);
      }),
  );

  app.get(publicUrls.searchIndex(), PUBLIC, (request, reply) =>
    site.serve(request, reply, async () => {
      const index = searchIndexOf(await site.campaigns());
      return { status: 200, type: "application/json; charset=utf-8", body: JSON.stringify(index) };
    }),
  );
}

function notFound(site: PublicSite) {
  return site.json({ error: "not_found", message: "There is nothing published here." }, 404);
}
