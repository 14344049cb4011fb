import { asc, eq, isNull } from "drizzle-orm";
import { PostbagError } from "../errors.ts";
import type { Database } from "../store/database.ts";
import { apiTokens, users } from "../store/schema.ts";
import { parseEmail } from "./inputs.ts";

export interface ApiTokenSummary {
  id: number;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** A user's API tokens, oldest first, revoked ones included (their history stays visible). */
export async function listApiTokens(
  { email }: { email: string },
  deps: { database(): Promise<Database> },
): Promise<ApiTokenSummary[]> {
  const address = parseEmail(email);
  const { db } = await deps.database();
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, address));
  if (!user) throw new PostbagError("not_found", `there is no user ${address}`, { field: "email" });
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, user.id))
    .orderBy(asc(apiTokens.id));
}

export interface UserApiToken extends ApiTokenSummary {
  email: string;
}

/** Every API token still in use, of every user, by user then age: what an admin may revoke. */
export async function listAllApiTokens(deps: { database(): Promise<Database> }): Promise<UserApiToken[]> {
  const { db } = await deps.database();
  return db
    .select({
      id: apiTokens.id,
      email: users.email,
      name: apiTokens.name,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(isNull(apiTokens.revokedAt))
    .orderBy(asc(users.email), asc(apiTokens.id));
}
