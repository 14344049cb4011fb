import { PUBLIC } from "../auth/access.ts";
import type { FastifyInstance } from "fastify";
import type { PublicSearchHit } from "../../publishing/search-public.ts";
import { publicUrls } from "../../publishing/public-urls.ts";
import type { PublicSite } from "./public-site.ts";
import {
  kindText,
  PAGE_SIZE,
  pagination,
  searchForm,
  STATE_OPTIONS,
  type SearchForm,
} from "./public-view.ts";

/** Full-text search over everything published, with filters; the same as JSON at /search.json. */
export function searchPage(app: FastifyInstance, site: PublicSite): void {
  app.get<{ Querystring: Record<string, unknown> }>(publicUrls.search(), PUBLIC, (request, reply) =>
    site.serve(request, reply, async () => {
      const { form, facets, result } = await search(site, request.query);
      const campaigns = await site.campaigns();
      const titles = new Map(campaigns.map((campaign) => [campaign.id, campaign.title]));
      const searched = Boolean(form.q || form.campaign || form.body || form.state);
      return site.page(
        "search.njk",
        {
          pageTitle: form.q && !form.error ? `Search results for ‘${form.q}’` : "Search",
          form,
          searched: searched && !form.error,
          errors: form.error
            ? { list: [{ text: form.error.message, href: `#${form.error.field}` }], q: form.error.message }
            : null,
          campaignOptions: [
            { value: "", text: "All campaigns" },
            ...facets.campaigns.map((id) => ({
              value: id,
              text: titles.get(id) ?? id,
              selected: id === form.campaign,
            })),
          ],
          bodyOptions: [
            { value: "", text: "All bodies" },
            ...facets.bodies.map((body) => ({ value: body, text: body, selected: body === form.body })),
          ],
          stateOptions: [
            { value: "", text: "Any state" },
            ...STATE_OPTIONS.map((option) => ({ ...option, selected: option.value === form.state })),
          ],
          total: result.total,
          first: (form.page - 1) * PAGE_SIZE + 1,
          last: Math.min(result.total, form.page * PAGE_SIZE),
          hits: result.hits.map((hit) => ({
            ...hit,
            kindText: kindText(hit.kind),
            campaignTitle: titles.get(hit.campaign) ?? hit.campaign,
          })),
          pagination: pagination(form, result.total),
        },
        form.error ? 400 : 200,
      );
    }),
  );

  app.get<{ Querystring: Record<string, unknown> }>(publicUrls.searchJson(), PUBLIC, (request, reply) =>
    site.serve(request, reply, async () => {
      const { form, result } = await search(site, request.query);
      if (form.error) return site.json({ error: "bad_input", field: "q", message: form.error.message }, 400);
      return site.json({
        query: { q: form.q, campaign: form.campaign, body: form.body, state: form.state, page: form.page },
        total: result.total,
        pageSize: PAGE_SIZE,
        hits: result.hits,
      });
    }),
  );
}

async function search(site: PublicSite, query: Record<string, unknown>) {
  const facets = await site.services.searchFacets();
  const form: SearchForm = searchForm(query, facets);
  const empty: { total: number; hits: PublicSearchHit[] } = { total: 0, hits: [] };
  const result = form.error
    ? empty
    : await site.services.searchPublic({
        q: form.q,
        campaign: form.campaign || undefined,
        body: form.body || undefined,
        state: form.state || undefined,
        limit: PAGE_SIZE,
        offset: (form.page - 1) * PAGE_SIZE,
      });
  return { form, facets, result };
}
