import { eq, sql } from "drizzle-orm";
import { PostbagError } from "../errors.ts";
import type { Db } from "../store/database.ts";
import { rateLimits } from "../store/schema.ts";

// Counted attempts in a fixed window, in the database: every process and
// server that shares it counts the same attempts, and a restart forgets
// nothing. The database's clock decides the window, so servers agree.

export interface Limit {
  max: number;
  windowSeconds: number;
}

/** Refuses (rate_limited) when the key's window already holds `max` attempts; counts nothing. */
export async function refuseIfSpent(db: Db, key: string, limit: Limit, refusal: string): Promise<void> {
  const [row] = await db
    .select({ hits: rateLimits.hits })
    .from(rateLimits)
    .where(
      sql`${rateLimits.key} = ${key} and ${rateLimits.windowStartedAt} > now() - make_interval(secs => ${limit.windowSeconds})`,
    );
  if (row && row.hits >= limit.max) throw tooMany(refusal, limit);
}

/** Counts one attempt under the key and says how many its window holds now. */
export async function hit(db: Db, key: string, windowSeconds: number): Promise<number> {
  const fresh = sql`${rateLimits.windowStartedAt} <= now() - make_interval(secs => ${windowSeconds})`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStartedAt: sql`now()`, hits: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        hits: sql`case when ${fresh} then 1 else ${rateLimits.hits} + 1 end`,
        windowStartedAt: sql`case when ${fresh} then now() else ${rateLimits.windowStartedAt} end`,
      },
    })
    .returning({ hits: rateLimits.hits });
  return row?.hits ?? 1;
}

export async function forget(db: Db, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}

function tooMany(refusal: string, limit: Limit): PostbagError {
  const wait = limit.windowSeconds >= 120 ? `${Math.round(limit.windowSeconds / 60)} minutes` : "a minute";
  return new PostbagError("rate_limited", `${refusal}: wait ${wait} and try again`);
}
