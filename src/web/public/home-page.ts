import { PUBLIC } from "../auth/access.ts";
import type { FastifyInstance } from "fastify";
import { publicUrls } from "../../publishing/public-urls.ts";
import type { PublicSite } from "./public-site.ts";
import { homeView, STATE_OPTIONS } from "./public-view.ts";

/** The home page: every published campaign with its counts, a search form and the site's feed. */
export function homePage(app: FastifyInstance, site: PublicSite): void {
  app.get(publicUrls.home(), PUBLIC, (request, reply) =>
    site.serve(request, reply, async () => {
      const campaigns = await site.campaigns();
      const office = await site.office();
      return site.page("home.njk", {
        pageTitle: office.name,
        ...homeView(campaigns),
        states: STATE_OPTIONS,
        feed: { url: publicUrls.feed(), title: `${office.name}: letters and replies` },
        json: publicUrls.homeJson(),
      });
    }),
  );
}
