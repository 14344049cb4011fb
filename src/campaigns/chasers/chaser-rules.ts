import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "../../store/database.ts";
import { letterItems, letters } from "../../store/schema.ts";

// When a letter may be chased, and when not: never a body that has replied or
// whose every item is settled, nor one whose letter was withdrawn; never a
// second chaser while one waits to be sent, nor within the campaign's interval
// of the last one sent.

export interface ChasedLetter {
  state: string;
  /** Items asked for, and how many are still "requested". */
  items: number;
  outstanding: number;
}

/**
 * Why this letter must not be chased now; null when it may be. Only a letter
 * still unanswered is chased: once a body has replied, a person reads the
 * reply before anyone writes again, whatever its items say.
 */
export function chaseRefusal(letter: ChasedLetter): string | null {
  if (letter.state === "withdrawn") return "the letter was withdrawn";
  if (letter.state === "replied") return "the body has replied";
  if (letter.state !== "sent") return `the letter is ${letter.state}`;
  if (letter.items > 0 && letter.outstanding === 0) return "every item the letter asked for is settled";
  return null;
}

export interface EarlierChaser {
  state: string;
  sentOn: string | null;
  dueOn: string | null;
}

/** Why no new chaser may be drafted on `day` given the letter's chasers (oldest first); null when one may. */
export function chaserWait(chasers: EarlierChaser[], day: string): string | null {
  if (chasers.some((chaser) => chaser.state === "draft" || chaser.state === "approved")) {
    return "a chaser is already waiting to be sent";
  }
  // A chaser that came back undelivered did not reach anyone, nor did one withdrawn before it went: neither counts.
  const last = chasers.filter((chaser) => chaser.sentOn !== null && chaser.state !== "returned").at(-1);
  if (last?.dueOn && day <= last.dueOn) {
    return `chased on ${last.sentOn}: the next chaser may be drafted after ${last.dueOn}`;
  }
  return null;
}

/** Why this letter must not go now (a chaser whose body answered, or whose letter was withdrawn); null when it may. */
export async function whyNotSendChaser(
  tx: Db | Tx,
  letter: { kind: string; parentLetterId: number | null },
): Promise<string | null> {
  if (letter.kind !== "chaser") return null;
  const parent = letter.parentLetterId === null ? null : await chasedLetter(tx, letter.parentLetterId);
  return parent ? chaseRefusal(parent) : "it chases no letter";
}

/** The letter's state and its items' counts, read in the caller's transaction. */
export async function chasedLetter(tx: Db | Tx, letterId: number): Promise<ChasedLetter | null> {
  const [letter] = await tx.select({ state: letters.state }).from(letters).where(eq(letters.id, letterId));
  if (!letter) return null;
  const items = await tx
    .select({ state: letterItems.state })
    .from(letterItems)
    .where(eq(letterItems.letterId, letterId));
  return {
    state: letter.state,
    items: items.length,
    outstanding: items.filter((item) => item.state === "requested").length,
  };
}

/** Every chaser of these letters, oldest first, by the letter each chases. */
export async function chasersOf(tx: Db | Tx, parentIds: number[]): Promise<Map<number, EarlierChaser[]>> {
  const byParent = new Map<number, EarlierChaser[]>();
  if (parentIds.length === 0) return byParent;
  const rows = await tx
    .select({
      parent: letters.parentLetterId,
      state: letters.state,
      sentOn: letters.sentOn,
      dueOn: letters.dueOn,
    })
    .from(letters)
    .where(and(eq(letters.kind, "chaser"), inArray(letters.parentLetterId, parentIds)))
    .orderBy(asc(letters.id));
  for (const { parent, ...chaser } of rows) {
    if (parent === null) continue;
    byParent.set(parent, [...(byParent.get(parent) ?? []), chaser]);
  }
  return byParent;
}
