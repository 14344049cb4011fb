import { eq } from "drizzle-orm";
import { PostbagError } from "../errors.ts";
import { appendAudit } from "../store/audit.ts";
import type { Database } from "../store/database.ts";
import { users } from "../store/schema.ts";
import { hashPassword } from "./password.ts";

export const ROLES = ["admin", "editor", "approver", "viewer"] as const;
export type Role = (typeof ROLES)[number];

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const MIN_PASSWORD = 12;

export async function addUser(
  {
    email,
    role,
    password,
    actor,
  }: { email: string; role: string; password?: string | undefined; actor: string },
  deps: { database(): Promise<Database> },
): Promise<{ email: string; role: Role }> {
  const address = email.trim().toLowerCase();
  if (!EMAIL.test(address))
    throw new PostbagError("bad_input", `"${email}" is not an email address`, { field: "email" });
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new PostbagError("bad_input", `the role must be one of ${ROLES.join(", ")}`, { field: "role" });
  }
  if (password !== undefined && password.length < MIN_PASSWORD) {
    throw new PostbagError("bad_input", `the password must have at least ${MIN_PASSWORD} characters`, {
      field: "password",
    });
  }
  const passwordHash = password === undefined ? null : await hashPassword(password);
  const { db } = await deps.database();
  return db.transaction(async (tx) => {
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
