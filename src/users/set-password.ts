import { eq } from "drizzle-orm";
import { appendAudit } from "../store/audit.ts";
import type { Database } from "../store/database.ts";
import { users } from "../store/schema.ts";
import { signOutEverywhere } from "./sign-out-everywhere.ts";
import { findUserForUpdate } from "./find-user.ts";
import { parseEmail } from "./inputs.ts";
import { checkNewPassword } from "./password-policy.ts";
import { hashPassword } from "./password.ts";
import { inTransaction } from "../store/transaction.ts";

/**
 * Sets a user's password (an admin's reset, or the command line) and signs
 * them out everywhere, API tokens included: whoever knew the old one (the
 * reason it is often changed) must not keep a session or token made with it.
 */
export async function setPassword(
  { email, password, actor }: { email: string; password: string; actor: string },
  deps: { database(): Promise<Database> },
): Promise<{ email: string }> {
  const address = parseEmail(email);
  await checkNewPassword(password, address);
  // Hashed before the transaction: scrypt takes a while and must not hold the row lock.
  const passwordHash = await hashPassword(password);
  const { db } = await deps.database();
  return inTransaction(db, async (tx) => {
    const user = await findUserForUpdate(tx, address);
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    const ended = await signOutEverywhere(tx, user.id);
    await appendAudit(tx, {
      actor,
      action: "user.password_set",
      entity: "user",
      entityId: address,
      before: { password: user.passwordHash ? "set" : "none" },
      after: { password: "set", sessionsEnded: ended.sessions, tokensRevoked: ended.tokens },
    });
    return { email: address };
  });
}
