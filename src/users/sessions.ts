import { and, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "../store/database.ts";
import { sessions, users } from "../store/schema.ts";
import type { Role } from "./add-user.ts";
import type { SignedInUser } from "./signed-in-user.ts";
import { hashToken } from "./tokens.ts";

// A browser's session, found by the token in its cookie. Only the token's
// hash is in the database, so the lookup hashes what the browser sent.

/** The user the session belongs to, or null when it is unknown or has expired. */
export async function findSessionUser(
  { token }: { token: string },
  deps: { database(): Promise<Database> },
): Promise<SignedInUser | null> {
  if (token === "") return null;
  const { db } = await deps.database();
  const [row] = await db
    .select({ id: users.id, email: users.email, role: users.role })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, hashToken(token)),
        gt(sessions.expiresAt, new Date()),
        // A disabled account's sessions are ended when it is disabled; this is the backstop.
        isNull(users.disabledAt),
      ),
    );
  return row ? { id: row.id, email: row.email, role: row.role as Role } : null;
}

/** Ends the session; signing out of one that is already gone is not an error. */
export async function signOut(
  { token }: { token: string },
  deps: { database(): Promise<Database> },
): Promise<void> {
  if (token === "") return;
  const { db } = await deps.database();
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}
