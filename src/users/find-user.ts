import { eq } from "drizzle-orm";
import { PostbagError } from "../errors.ts";
import type { Tx } from "../store/database.ts";
import { users } from "../store/schema.ts";

/** The user with that (already normalised) email, locked until the transaction ends. */
export async function findUserForUpdate(tx: Tx, email: string) {
  const [user] = await tx.select().from(users).where(eq(users.email, email)).for("update");
  if (!user) throw new PostbagError("not_found", `there is no user ${email}`, { field: "email" });
  return user;
}
