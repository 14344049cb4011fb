import { PUBLIC } from "../auth/access.ts";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Services } from "../../services.ts";
import { campaignPage } from "./campaign-page.ts";
import { digestPage } from "./digest-page.ts";
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
  digestPage(app, site);
  letterPage(app, site);
  letterFiles(app, site);
  searchPage(app, site);
  feeds(app, site);
  jsonRoutes(app, site);

  // Pages are folders: the address without its slash moves there for good.
  for (const path of [
    "/search",
    "/campaigns/:campaign",
    "/campaigns/:campaign/digest",
    "/campaigns/:campaign/letters/:recipient",
  ]) {
    app.get(path, PUBLIC, addSlash);
  }
  // Anything else outside the staff app and the API: the public "not found"
  // page, which looks the same for a thing unpublished and one never there.
  // (An address that looks like the staff app's gets the staff "not found";
  // either way it is only a "not found": this route declares "public".)
  app.get("/*", PUBLIC, (request, reply) => {
    if (/^\/(manage|api|sign-in|sign-out)(\/|\?|$)/.test(request.url)) return reply.callNotFound();
    return site.serve(request, reply, () => site.notFound());
  });
}

function addSlash(request: FastifyRequest, reply: FastifyReply) {
  const [path = "/", query] = request.url.split(/\?(.*)/s);
  return reply
    .header("cache-control", PUBLIC_CACHE_CONTROL)
    .redirect(`${path}/${query ? `?${query}` : ""}`, 301);
}
