import { and, eq, lte } from "drizzle-orm";
import { PostbagError } from "../errors.ts";
import type { Database } from "../store/database.ts";
import { sessions, users } from "../store/schema.ts";
import type { Role } from "./add-user.ts";
import { forget, hit, refuseIfSpent, type Limit } from "./attempt-limits.ts";
import { verifyPassword } from "./password.ts";
import type { SignedInUser } from "./signed-in-user.ts";
import { hashToken, newToken } from "./tokens.ts";
import { inTransaction } from "../store/transaction.ts";

export const SESSION_HOURS = 12;

// A hash of a random password nobody knows, made with the same cost as real
// ones: an unknown email still costs one scrypt, so the time taken does not
// tell whether the email has an account.
const DUMMY_HASH = "scrypt$16384$8$1$nzjxTI/McAL9t0x54UmMBQ==$IAA3CSd4GGZwN5pLW09yN85MgucH9GCZiVkmowoOuFc=";

/** Wrong passwords from one network address: enough for typos, too few for guessing. */
export const WRONG_TRIES_FROM_AN_ADDRESS: Limit = { max: 10, windowSeconds: 60 };
/** Wrong passwords for one account, from anywhere: guessing spread over many addresses stops too. */
export const WRONG_TRIES_FOR_AN_ACCOUNT: Limit = { max: 10, windowSeconds: 15 * 60 };

export async function signIn(
  { email, password, from = "" }: { email: string; password: string; from?: string },
  deps: { database(): Promise<Database> },
): Promise<{ token: string; user: SignedInUser; expiresAt: Date }> {
  if (email.trim() === "")
    throw new PostbagError("bad_input", "enter your email address", { field: "email" });
  if (password === "") throw new PostbagError("bad_input", "enter your password", { field: "password" });
  const { db } = await deps.database();
  const address = email.trim().toLowerCase();
  // Counted for any email, known or not, so the limit does not tell who has an account.
  const account = `sign-in:account:${address}`;
  const place = from ? `sign-in:from:${from}` : null;
  if (place)
    await refuseIfSpent(db, place, WRONG_TRIES_FROM_AN_ADDRESS, "too many wrong passwords from here");
  await refuseIfSpent(db, account, WRONG_TRIES_FOR_AN_ACCOUNT, "too many wrong passwords for this account");
  const [found] = await db.select().from(users).where(eq(users.email, address));
  const matches = await verifyPassword(password, found?.passwordHash ?? DUMMY_HASH);
  // One answer for every failure, so the form does not reveal who has an account.
  if (!found?.passwordHash || !matches) {
    await hit(db, account, WRONG_TRIES_FOR_AN_ACCOUNT.windowSeconds);
    if (place) await hit(db, place, WRONG_TRIES_FROM_AN_ADDRESS.windowSeconds);
    throw new PostbagError("forbidden", "the email address or password is wrong", { field: "email" });
  }
  await forget(db, account);
  // Said only to someone who knows the password.
  if (found.disabledAt)
    throw new PostbagError("forbidden", "this account has been disabled: ask an admin", { field: "email" });

  const token = newToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  await inTransaction(db, async (tx) => {
    // Sessions that ran out are useless; clearing them here keeps the table small without a timer.
    await tx.delete(sessions).where(and(eq(sessions.userId, found.id), lte(sessions.expiresAt, now)));
    await tx.insert(sessions).values({ tokenHash: hashToken(token), userId: found.id, expiresAt });
  });
  return { token, user: { id: found.id, email: found.email, role: found.role as Role }, expiresAt };
}
