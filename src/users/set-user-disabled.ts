import { and, asc, eq, isNull } from "drizzle-orm";
import { PostbagError } from "../errors.ts";
import { appendAudit } from "../store/audit.ts";
import type { Database } from "../store/database.ts";
import { users } from "../store/schema.ts";
import { findUserForUpdate } from "./find-user.ts";
import { parseEmail } from "./inputs.ts";
import { signOutEverywhere } from "./sign-out-everywhere.ts";
import { inTransaction } from "../store/transaction.ts";

/**
 * An admin disables an account (someone left, a password leaked): it cannot
 * sign in, and its sessions and API tokens end at once. Enabling it again
 * lets it sign in; its old tokens stay revoked. Nobody disables their own
 * account, and Postbag always keeps one admin who can sign in.
 */
export async function setUserDisabled(
  { email, disabled, actor }: { email: string; disabled: boolean; actor: string },
  deps: { database(): Promise<Database> },
): Promise<{ email: string; disabled: boolean }> {
  const address = parseEmail(email);
  if (disabled && address === actor.trim().toLowerCase()) {
    throw new PostbagError("bad_input", "you cannot disable your own account", { field: "email" });
  }
  const { db } = await deps.database();
  return inTransaction(db, async (tx) => {
    // Every enabled admin locked in id order, as changeRole does, so two admins cannot disable each other at once.
    const admins = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, "admin"), isNull(users.disabledAt)))
      .orderBy(asc(users.id))
      .for("update");
    const user = await findUserForUpdate(tx, address);
    if ((user.disabledAt !== null) === disabled) return { email: address, disabled };
    if (disabled && user.role === "admin" && admins.length <= 1) {
      throw new PostbagError("bad_input", `${address} is the only admin who can sign in`, { field: "email" });
    }
    await tx
      .update(users)
      .set({ disabledAt: disabled ? new Date() : null })
      .where(eq(users.id, user.id));
    const ended = disabled ? await signOutEverywhere(tx, user.id) : { sessions: 0, tokens: 0 };
    await appendAudit(tx, {
      actor,
      action: disabled ? "user.disabled" : "user.enabled",
      entity: "user",
      entityId: address,
      before: { disabled: !disabled },
      after: { disabled, sessionsEnded: ended.sessions, tokensRevoked: ended.tokens },
    });
    return { email: address, disabled };
  });
}
