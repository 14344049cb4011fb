import type { Database } from "../src/store/database.ts";
import { rawClient } from "./records-databases.ts";

// The query plans of a use case: its statements are captured from the
// driver while it runs once, then each is run again under EXPLAIN ANALYZE,
// so the plans shown are those of the SQL the app really sends.

export interface Plan {
  sql: string;
  lines: string[];
  /** Indexes the plan reads. */
  indexes: string[];
  /** Big tables read from end to end. */
  seqScans: string[];
}

export const BIG_TABLES = ["recipients", "letters", "letter_versions", "letter_items", "audit_log"];

interface Query {
  text: string;
  params: unknown[];
}

type QueryFunction = (...args: unknown[]) => Promise<unknown>;

async function captureQueries(database: Database, call: () => Promise<unknown>): Promise<Query[]> {
  const client = rawClient(database) as unknown as { query: QueryFunction };
  const original = client.query;
  const queries: Query[] = [];
  client.query = function (this: unknown, ...args: unknown[]) {
    const [query, params] = args;
    const text = typeof query === "string" ? query : (query as { text: string }).text;
    queries.push({ text, params: (params as unknown[] | undefined) ?? [] });
    return original.apply(this, args);
  };
  try {
    await call();
  } finally {
    delete (client as { query?: QueryFunction }).query; // back to the prototype's
    if (client.query !== original) client.query = original;
  }
  return queries;
}

export async function explainUseCase(database: Database, call: () => Promise<unknown>): Promise<Plan[]> {
  const plans: Plan[] = [];
  for (const query of await captureQueries(database, call)) {
    const { rows } = await rawClient(database).query<Record<string, string>>(
      `EXPLAIN (ANALYZE, BUFFERS) ${query.text}`,
      query.params,
    );
    const lines = rows.map((row) => Object.values(row)[0] ?? "");
    const matches = (pattern: RegExp) =>
      lines.flatMap((line) => [...line.matchAll(pattern)].map((m) => m[1] ?? ""));
    plans.push({
      sql: query.text,
      lines,
      indexes: [
        ...new Set(
          matches(/(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) "?(\w+)"?/g),
        ),
      ],
      seqScans: [...new Set(matches(/Seq Scan on "?(\w+)"?/g))].filter((table) => BIG_TABLES.includes(table)),
    });
  }
  return plans;
}

/**
 * Whether the plans read `index`, and none of `tables` from end to end: with
 * what they read, for the report.
 */
export function checkPlans(plans: Plan[], index: string, tables: string[]) {
  const indexes = [...new Set(plans.flatMap((plan) => plan.indexes))];
  const scans = [...new Set(plans.flatMap((plan) => plan.seqScans))];
  const reads = [...indexes, ...scans.map((table) => `seq scan on ${table}`)].join(", ");
  return { reads, pass: indexes.includes(index) && !scans.some((table) => tables.includes(table)) };
}
