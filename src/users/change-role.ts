import { asc, eq } from "drizzle-orm";
import { PostbagError } from "../errors.ts";
import { appendAudit } from "../store/audit.ts";
import type { Database } from "../store/database.ts";
import { users } from "../store/schema.ts";
import type { Role } from "./add-user.ts";
import { findUserForUpdate } from "./find-user.ts";
import { parseEmail, parseRole } from "./inputs.ts";
import { inTransaction } from "../store/transaction.ts";

/** Gives a user another role; refuses to leave Postbag without an admin. */
export async function changeRole(
  { email, role, actor }: { email: string; role: string; actor: string },
  deps: { database(): Promise<Database> },
): Promise<{ email: string; role: Role }> {
  const address = parseEmail(email);
  const newRole = parseRole(role);
  const { db } = await deps.database();
  return inTransaction(db, async (tx) => {
    // Lock every admin first (in id order, as every call does): two admins
    // demoting each other at once then take turns, and the second sees
    // that only one admin is left.
    const admins = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.role, "admin"))
      .orderBy(asc(users.id))
      .for("update");
    const user = await findUserForUpdate(tx, address);
    if (user.role === newRole) return { email: address, role: newRole };
    if (user.role === "admin" && admins.length <= 1) {
      throw new PostbagError("bad_input", `${address} is the only admin: make someone else admin first`, {
        field: "role",
      });
    }
    await tx.update(users).set({ role: newRole }).where(eq(users.id, user.id));
    await appendAudit(tx, {
      actor,
      action: "user.role_changed",
      entity: "user",
      entityId: address,
      before: { role: user.role },
      after: { role: newRole },
    });
    return { email: address, role: newRole };
  });
}
