import { asc, sql } from "drizzle-orm";
import type { Database } from "../store/database.ts";
import { users } from "../store/schema.ts";
import type { Role } from "./add-user.ts";

export interface UserSummary {
  email: string;
  role: Role;
  /** Whether the user can sign in with a password; the hash itself never leaves the store. */
  hasPassword: boolean;
  createdAt: Date;
  /** When an admin disabled the account; null while it may sign in. */
  disabledAt: Date | null;
}

export async function listUsers(deps: { database(): Promise<Database> }): Promise<UserSummary[]> {
  const { db } = await deps.database();
  const rows = await db
    .select({
      email: users.email,
      role: users.role,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      createdAt: users.createdAt,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .orderBy(asc(users.email));
  return rows.map((row) => ({ ...row, role: row.role as Role }));
}
