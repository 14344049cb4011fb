import { and, eq } from "drizzle-orm";
import type { Letter } from "../../../letters/model.ts";
import type { AuditEntry } from "../../../store/audit.ts";
import type { Tx } from "../../../store/database.ts";
import { inBatches } from "../../../store/in-batches.ts";
import { letterItems, letters, letterVersions } from "../../../store/schema.ts";
import { checkLetterTransition } from "../../states.ts";
import type { HashedLetter } from "./hash-letters.ts";

// Each recipient's first letter as composed from the folder: a new letter is
// created at version 1; a changed one gets a new draft version (an approved
// one goes back to draft); one already sent is never rewritten. New letters,
// their versions and their requested items are inserted a batch at a time.

export type LetterOutcome = "created" | "revised" | "unchanged" | "already-sent";

export interface SaveLettersOptions {
  campaignId: string;
  /** Each composed letter, its content and hash, with its recipient's row id, in the file's order. */
  letters: (HashedLetter & { recipientId: number })[];
  requestIds: string[];
  actor: string;
}

export async function saveLetters(
  tx: Tx,
  { campaignId, letters: wanted, requestIds, actor }: SaveLettersOptions,
): Promise<{ outcomes: LetterOutcome[]; audit: AuditEntry[] }> {
  const existing = await currentLetters(tx, campaignId);
  const audit: AuditEntry[] = [];
  const fresh: { recipientId: number; content: unknown; hash: string; id: string }[] = [];
  const outcomes: LetterOutcome[] = [];
  const itemsOf: number[] = [];
  for (const { letter, content, hash, recipientId } of wanted) {
    const row = existing.get(recipientId);
    if (!row) {
      fresh.push({ recipientId, content, hash, id: letter.id });
      outcomes.push("created");
      continue;
    }
    itemsOf.push(row.id);
    outcomes.push(await reviseLetter(tx, { row, letter, content, hash, actor, campaignId, audit }));
  }
  const created = await inBatches(fresh, (batch) =>
    tx
      .insert(letters)
      .values(batch.map(({ recipientId }) => ({ campaignId, recipientId })))
      .returning({ id: letters.id, recipientId: letters.recipientId }),
  );
  const idOf = new Map(created.map((row) => [row.recipientId, row.id]));
  // Letters are large (their whole text as JSON): fewer to a statement.
  await inBatches(
    fresh,
    (batch) =>
      tx
        .insert(letterVersions)
        .values(
          batch.map(({ recipientId, hash, content }) => ({
            letterId: idOf.get(recipientId)!,
            number: 1,
            contentHash: hash,
            content,
          })),
        )
        .returning({ id: letterVersions.id }),
    100,
  );
  for (const { recipientId, hash, id } of fresh) {
    itemsOf.push(idOf.get(recipientId)!);
    audit.push({
      actor,
      action: "letter.created",
      entity: "letter",
      entityId: `${campaignId}/${id}`,
      after: { state: "draft", version: 1, contentHash: hash },
    });
  }
  await addItems(tx, itemsOf, requestIds);
  return { outcomes, audit };
}

type LetterRow = typeof letters.$inferSelect & { currentHash: string | null };

/** The campaign's first letters by recipient, locked, each with its current version's hash. */
async function currentLetters(tx: Tx, campaignId: string): Promise<Map<number, LetterRow>> {
  const rows = await tx
    .select({ letter: letters, currentHash: letterVersions.contentHash })
    .from(letters)
    .leftJoin(
      letterVersions,
      and(eq(letterVersions.letterId, letters.id), eq(letterVersions.number, letters.currentVersion)),
    )
    .where(and(eq(letters.campaignId, campaignId), eq(letters.kind, "letter")))
    .for("update", { of: letters });
  return new Map(rows.map(({ letter, currentHash }) => [letter.recipientId, { ...letter, currentHash }]));
}

interface Revision {
  row: LetterRow;
  letter: Letter;
  content: unknown;
  hash: string;
  actor: string;
  campaignId: string;
  audit: AuditEntry[];
}

async function reviseLetter(tx: Tx, { row, letter, content, hash, actor, campaignId, audit }: Revision) {
  if (row.currentHash === hash) return "unchanged" as const;
  if (row.state !== "draft" && row.state !== "approved") return "already-sent" as const;
  if (row.state === "approved") checkLetterTransition(`the letter to ${letter.id}`, row.state, "draft");
  const number = row.currentVersion + 1;
  await tx.insert(letterVersions).values({ letterId: row.id, number, contentHash: hash, content });
  await tx
    .update(letters)
    .set({ currentVersion: number, state: "draft", lockVersion: row.lockVersion + 1 })
    .where(eq(letters.id, row.id));
  audit.push({
    actor,
    action: "letter.revised",
    entity: "letter",
    entityId: `${campaignId}/${letter.id}`,
    before: { state: row.state, version: row.currentVersion, contentHash: row.currentHash },
    after: { state: "draft", version: number, contentHash: hash },
  });
  return "revised" as const;
}

/** Every requested item on every letter; those already there are left as they are. */
async function addItems(tx: Tx, letterIds: number[], requestIds: string[]): Promise<void> {
  const rows = letterIds.flatMap((letterId) => requestIds.map((itemId) => ({ letterId, itemId })));
  await inBatches(rows, (batch) =>
    tx.insert(letterItems).values(batch).onConflictDoNothing().returning({ letterId: letterItems.letterId }),
  );
}
