import { eq } from "drizzle-orm";
import { PostbagError } from "../errors.ts";
import { appendAudit } from "../store/audit.ts";
import type { Database } from "../store/database.ts";
import { users } from "../store/schema.ts";
import { findUserForUpdate } from "./find-user.ts";
import { parseEmail } from "./inputs.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { checkNewPassword } from "./password-policy.ts";
import { signOutEverywhere } from "./sign-out-everywhere.ts";
import { inTransaction } from "../store/transaction.ts";

export interface ChangePasswordOptions {
  email: string;
  currentPassword: string;
  newPassword: string;
  /** The session making the change: it stays signed in; every other session and every API token ends. */
  session: string;
}

/** A person changes their own password: the current one first, then a strong new one. */
export async function changePassword(
  { email, currentPassword, newPassword, session }: ChangePasswordOptions,
  deps: { database(): Promise<Database> },
): Promise<{ email: string; sessionsEnded: number; tokensRevoked: number }> {
  const address = parseEmail(email);
  if (currentPassword === "") {
    throw new PostbagError("bad_input", "enter your current password", { field: "currentPassword" });
  }
  await checkNewPassword(newPassword, address);
  const { db } = await deps.database();
  const [stored] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.email, address));
  if (!stored?.hash || !(await verifyPassword(currentPassword, stored.hash))) {
    throw new PostbagError("bad_input", "your current password is not right", { field: "currentPassword" });
  }
  // Hashed before the transaction: scrypt takes a while and must not hold the row lock.
  const passwordHash = await hashPassword(newPassword);
  return inTransaction(db, async (tx) => {
    const user = await findUserForUpdate(tx, address);
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    const ended = await signOutEverywhere(tx, user.id, session);
    await appendAudit(tx, {
      actor: address,
      action: "user.password_changed",
      entity: "user",
      entityId: address,
      after: { sessionsEnded: ended.sessions, tokensRevoked: ended.tokens },
    });
    return { email: address, sessionsEnded: ended.sessions, tokensRevoked: ended.tokens };
  });
}
