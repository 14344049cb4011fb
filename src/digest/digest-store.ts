import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../store/database.ts";
import { digestBuilds, digestCells } from "../store/schema.ts";
import { inTransaction } from "../store/transaction.ts";
import type { BuiltCell } from "./rank-digest.ts";
import type { ProposedValue } from "./propose-value.ts";
import type { RankedPassage } from "./rank-passages.ts";
import type { Theme } from "./themes.ts";

// A built digest in the database: one row for the build (its stamp, when,
// its themes) and one a cell, so that a page of bodies reads only its own
// cells. A new build replaces the old whole, in one transaction.

type Deps = { database(): Promise<Database> };

export interface StoredBuild {
  stamp: string;
  builtAt: Date;
  themes: Theme[];
}

/** Rows a statement inserts at most (PostgreSQL's limit on parameters). */
const BATCH = 1000;

export async function saveDigestBuild(
  {
    campaign,
    stamp,
    cells,
    themes,
  }: { campaign: string; stamp: string; cells: BuiltCell[]; themes: Theme[] },
  deps: Deps,
): Promise<Date> {
  const { db } = await deps.database();
  return inTransaction(db, async (tx) => {
    await tx.delete(digestCells).where(eq(digestCells.campaignId, campaign));
    for (let start = 0; start < cells.length; start += BATCH) {
      await tx.insert(digestCells).values(
        cells.slice(start, start + BATCH).map((cell) => ({
          campaignId: campaign,
          recipientKey: cell.recipient,
          questionId: cell.question,
          passages: cell.passages,
          proposed: cell.proposed,
        })),
      );
    }
    const build = { stamp, themes, builtAt: sql`now()` };
    const [row] = await tx
      .insert(digestBuilds)
      .values({ campaignId: campaign, ...build })
      .onConflictDoUpdate({ target: digestBuilds.campaignId, set: build })
      .returning({ builtAt: digestBuilds.builtAt });
    return row!.builtAt;
  });
}

export async function readDigestBuild(campaign: string, deps: Deps): Promise<StoredBuild | null> {
  const { db } = await deps.database();
  const [row] = await db.select().from(digestBuilds).where(eq(digestBuilds.campaignId, campaign));
  return row ? { stamp: row.stamp, builtAt: row.builtAt, themes: row.themes as Theme[] } : null;
}

export interface StoredCell {
  recipient: string;
  question: string;
  passages: RankedPassage[];
  proposed: ProposedValue | null;
}

/** The built cells of some bodies (all when not given), of one question or all. */
export async function readDigestCells(
  { campaign, recipients, question }: { campaign: string; recipients?: string[]; question?: string },
  deps: Deps,
): Promise<StoredCell[]> {
  const { db } = await deps.database();
  if (recipients?.length === 0) return [];
  const rows = await db
    .select()
    .from(digestCells)
    .where(
      and(
        eq(digestCells.campaignId, campaign),
        recipients ? inArray(digestCells.recipientKey, recipients) : undefined,
        question === undefined ? undefined : eq(digestCells.questionId, question),
      ),
    );
  return rows.map((row) => ({
    recipient: row.recipientKey,
    question: row.questionId,
    passages: row.passages as RankedPassage[],
    proposed: row.proposed as ProposedValue | null,
  }));
}
