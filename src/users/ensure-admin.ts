import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Database } from "../store/database.ts";
import { users } from "../store/schema.ts";
import { addUser } from "./add-user.ts";

/**
 * On first start there is no one to sign in as: make an admin. The password
 * is the configured one, or a new random one that is shown once. Returns the
 * admin made, or null when there already is one.
 */
export async function ensureAdmin(
  { email, password }: { email: string; password: string | undefined },
  deps: { database(): Promise<Database> },
): Promise<{ email: string; generatedPassword: string | null } | null> {
  const { db } = await deps.database();
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.role, "admin")).limit(1);
  if (admin) return null;
  const chosen = password ?? randomBytes(18).toString("base64url");
  const user = await addUser({ email, role: "admin", password: chosen, actor: "postbag:first-start" }, deps);
  return { email: user.email, generatedPassword: password === undefined ? chosen : null };
}
