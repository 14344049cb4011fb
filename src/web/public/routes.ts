import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Services } from "../../services.ts";
import { isPublicPath } from "../auth/authenticate.ts";
import { campaignPage } from "./campaign-page.ts";
import { feeds } from "./feeds.ts";
import { homePage } from "./home-page.ts";
import { jsonRoutes } from "./json-routes.ts";
import { letterFiles } from "./letter-files.ts";
import { letterPage } from "./letter-page.ts";
import { publicSite, PUBLIC_CACHE_CONTROL } from "./public-site.ts";
import { searchPage } from "./search-page.ts";

/**
 * The public site at /: no sign-in, the same for everyone, cached. The paths
 * are those of publishing/public-urls.ts, which the static export writes.
 */
export function publicRoutes(app: FastifyInstance, services: Services): void {
  const site = publicSite(app, services);
  homePage(app, site);
  campaignPage(app, site);
  letterPage(app, site);
  letterFiles(app, site);
  searchPage(app, site);
  feeds(app, site);
  jsonRoutes(app, site);

  // Pages are folders: the address without its slash moves there for good.
  for (const path of ["/search", "/campaigns/:campaign", "/campaigns/:campaign/letters/:recipient"]) {
    app.get(path, addSlash);
  }
  // Anything else outside the staff app and the API: the public "not found"
  // page, which looks the same for a thing unpublished and one never there.
  app.get("/*", (request, reply) => {
    if (!isPublicPath(request.url)) return reply.callNotFound();
    return site.serve(request, reply, () => site.notFound());
  });
}

function addSlash(request: FastifyRequest, reply: FastifyReply) {
  const [path = "/", query] = request.url.split(/\?(.*)/s);
  return reply
    .header("cache-control", PUBLIC_CACHE_CONTROL)
    .redirect(`${path}/${query ? `?${query}` : ""}`, 301);
}
