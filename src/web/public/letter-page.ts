import { PUBLIC } from "../auth/access.ts";
import type { FastifyInstance } from "fastify";
import { letterArticleHtml } from "../../letters/render/html.ts";
import { publicUrls } from "../../publishing/public-urls.ts";
import type { PublicSite } from "./public-site.ts";
import { letterView } from "./public-view.ts";

export type LetterParams = { campaign: string; recipient: string };

/** A letter: the letter itself, what it asked for and where each item stands, and its published replies. */
export function letterPage(app: FastifyInstance, site: PublicSite): void {
  app.get<{ Params: LetterParams }>("/campaigns/:campaign/letters/:recipient/", PUBLIC, (request, reply) =>
    site.serve(request, reply, async () => {
      const found = await site.services.publicLetter(request.params);
      if (!found) return site.notFound();
      const { campaign, letter } = found;
      const view = letterView(campaign, letter);
      return site.page("letter.njk", {
        pageTitle: `Letter to ${view.label}`,
        letter: view,
        // The renderer escapes every value in it.
        letterHtml: letterArticleHtml(letter.content),
        lang: letter.content.lang,
        feed: {
          url: publicUrls.campaignFeed(campaign.id),
          title: `${campaign.title}: letters and replies`,
        },
        json: view.json,
      });
    }),
  );
}
