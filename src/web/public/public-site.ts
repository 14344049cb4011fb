import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { PublicCampaign } from "../../publishing/public-model.ts";
import { matchesEtag, PageCache, type PublicResponse } from "./page-cache.ts";
import { officeName } from "./public-view.ts";
import { publicationVersion } from "./publication-version.ts";
import type { PublishingSlice } from "../../publishing/publishing-slice.ts";
import type { Runtime } from "../../services.ts";

// What every public handler shares: the page cache, the office, rendering
// a page to a string and sending a response with its validators. Public
// responses are the same for everyone: no session, no cookie.

export const PUBLIC_CACHE_CONTROL = "public, no-cache";
const HTML = "text/html; charset=utf-8";

export interface PublicSite {
  services: PublishingSlice & Runtime;
  cache: PageCache;
  /** Every published campaign, read at most once per publication version and cache lifetime. */
  campaigns(): Promise<PublicCampaign[]>;
  office(): Promise<{ name: string; publicUrl: string }>;
  page(template: string, context: Record<string, unknown>, status?: number): Promise<PublicResponse>;
  notFound(): Promise<PublicResponse>;
  json(value: unknown, status?: number): PublicResponse;
  /** Answers from the cache, or makes the response, keeps it and answers. */
  serve(
    request: FastifyRequest,
    reply: FastifyReply,
    make: () => Promise<PublicResponse>,
  ): Promise<FastifyReply>;
}

export function publicSite(app: FastifyInstance, services: PublishingSlice & Runtime): PublicSite {
  const cache = new PageCache();
  const making = new Map<string, Promise<PublicResponse>>();
  const current = publicationVersion(
    () => services.publicVersion(),
    async () => (await services.database()).kind === "pglite",
  );
  const version = async () => (await current()).version;
  const site: PublicSite = {
    services,
    cache,
    campaigns: async () => cache.memo(`campaigns|${await version()}`, () => services.publicCampaigns()),
    async office() {
      const configured = services.config.office.name;
      const name = configured ?? officeName(null, await site.campaigns());
      return { name, publicUrl: services.config.office.publicUrl };
    },
    async page(template, context, status = 200) {
      const office = await site.office();
      const body = await app.view(`public/${template}`, { office, ...context });
      return { status, type: HTML, body };
    },
    notFound: () => site.page("not-found.njk", { pageTitle: "Page not found" }, 404),
    json: (value, status = 200) => ({
      status,
      type: "application/json; charset=utf-8",
      body: JSON.stringify(value, null, 2),
    }),
    async serve(request, reply, make) {
      const { version: now, busy } = await current();
      const key = `${now}|${request.url}`;
      let entry = cache.get(key, { expired: busy });
      if (!entry) {
        // One request makes a page; others asking for it meanwhile wait for the same one.
        let pending = making.get(key);
        if (!pending) {
          pending = make().finally(() => making.delete(key));
          making.set(key, pending);
        }
        const response = await pending;
        entry = cache.get(key) ?? cache.set(key, response);
      }
      const { response, etag } = entry;
      reply.code(response.status).header("cache-control", PUBLIC_CACHE_CONTROL).header("etag", etag);
      for (const [name, value] of Object.entries(response.headers ?? {})) reply.header(name, value);
      if (response.status === 200 && matchesEtag(request.headers["if-none-match"], etag)) {
        return reply.code(304).send();
      }
      reply.type(response.type);
      if (response.stored) {
        const stream = await services.storedFile(response.stored);
        return stream ? reply.send(stream) : reply.code(404).type("text/plain").send("Not found");
      }
      return reply.send(response.body ?? "");
    },
  };
  return site;
}
