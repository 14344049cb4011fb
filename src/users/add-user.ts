import { eq } from "drizzle-orm";
import { PostbagError } from "../errors.ts";
import { appendAudit } from "../store/audit.ts";
import type { Database } from "../store/database.ts";
import { users } from "../store/schema.ts";
import { parseEmail, parseRole } from "./inputs.ts";
import { hashPassword } from "./password.ts";
import { checkNewPassword } from "./password-policy.ts";
import { inTransaction } from "../store/transaction.ts";

export const ROLES = ["admin", "editor", "approver", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export async function addUser(
  {
    email,
    role,
    password,
    actor,
  }: { email: string; role: string; password?: string | undefined; actor: string },
  deps: { database(): Promise<Database> },
): Promise<{ email: string; role: Role }> {
  const address = parseEmail(email);
  parseRole(role);
  if (password !== undefined) await checkNewPassword(password, address);
  const passwordHash = password === undefined ? null : await hashPassword(password);
  const { db } = await deps.database();
  return inTransaction(db, async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, address));
    if (existing) throw new PostbagError("bad_input", `a user ${address} already exists`, { field: "email" });
    await tx.insert(users).values({ email: address, role, passwordHash });
    await appendAudit(tx, {
      actor,
      action: "user.added",
      entity: "user",
      entityId: address,
      after: { email: address, role, password: passwordHash ? "set" : "none" },
    });
    return { email: address, role: role as Role };
  });
}
