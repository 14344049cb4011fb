import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Database } from "../store/database.ts";
import { letterItems, searchEntries } from "../store/schema.ts";

// Full-text search over what is public (the search index holds nothing
// else), with English stemming: "publishing assessments" finds "published
// assessment". websearch_to_tsquery takes what people type ("quoted
// phrases", -not, or) and never fails on odd input.

export interface PublicSearchOptions {
  q: string;
  campaign?: string | undefined;
  /** The body written to, as the public pages name it. */
  body?: string | undefined;
  /** Letters with at least one requested item in this state. */
  state?: string | undefined;
  limit?: number;
  offset?: number;
}

export interface PublicSearchHit {
  kind: string;
  url: string;
  title: string;
  campaign: string;
  organisation: string;
  on: string | null;
  /** Plain text around the words found; the page marks nothing up from it. */
  snippet: string;
}

export async function searchPublic(
  options: PublicSearchOptions,
  deps: { database(): Promise<Database> },
): Promise<{ total: number; hits: PublicSearchHit[] }> {
  const q = options.q.trim().slice(0, 200);
  const { db } = await deps.database();
  const query = sql`websearch_to_tsquery('english', ${q})`;
  const filters: SQL[] = [];
  if (q) filters.push(sql`${searchEntries.tsv} @@ ${query}`);
  if (options.campaign) filters.push(eq(searchEntries.campaignId, options.campaign));
  if (options.body) filters.push(eq(searchEntries.organisation, options.body));
  if (options.state) {
    filters.push(
      sql`exists (select 1 from ${letterItems} where ${letterItems.letterId} = ${searchEntries.letterId} and ${letterItems.state} = ${options.state})`,
    );
  }
  if (filters.length === 0) return { total: 0, hits: [] };
  const where = and(...filters);
  // Without words there is nothing to rank by: newest first.
  const order = q
    ? [desc(sql`ts_rank(${searchEntries.tsv}, ${query})`), desc(searchEntries.on), searchEntries.id]
    : [desc(searchEntries.on), searchEntries.id];
  const snippet = q
    ? sql<string>`ts_headline('english', ${searchEntries.body}, ${query}, 'StartSel="",StopSel="",MaxWords=35,MinWords=15')`
    : sql<string>`left(${searchEntries.body}, 240)`;
  const [count] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(searchEntries)
    .where(where);
  const rows = await db
    .select({
      kind: searchEntries.kind,
      url: searchEntries.url,
      title: searchEntries.title,
      campaign: searchEntries.campaignId,
      organisation: searchEntries.organisation,
      on: searchEntries.on,
      snippet,
    })
    .from(searchEntries)
    .where(where)
    .orderBy(...order)
    .limit(Math.min(options.limit ?? 20, 100))
    .offset(options.offset ?? 0);
  return { total: count?.total ?? 0, hits: rows };
}

/** The choices for the search form's filters: published campaigns and bodies. */
export async function searchFacets(deps: { database(): Promise<Database> }) {
  const { db } = await deps.database();
  const rows = await db
    .selectDistinct({ campaign: searchEntries.campaignId, organisation: searchEntries.organisation })
    .from(searchEntries);
  const campaigns = [...new Set(rows.map((row) => row.campaign))].sort();
  const bodies = [...new Set(rows.map((row) => row.organisation).filter(Boolean))].sort();
  return { campaigns, bodies };
}
