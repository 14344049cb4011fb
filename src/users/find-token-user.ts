import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "../store/database.ts";
import { apiTokens, users } from "../store/schema.ts";
import type { Role } from "./add-user.ts";
import { API_TOKEN_PREFIX } from "./create-api-token.ts";
import type { SignedInUser } from "./signed-in-user.ts";
import { hashToken } from "./tokens.ts";

/**
 * The user an API request's bearer token belongs to, or null when the token
 * is unknown or revoked. Records when it was last used, so people can see
 * which tokens are idle and revoke them.
 */
export async function findTokenUser(
  { token }: { token: string },
  deps: { database(): Promise<Database> },
): Promise<SignedInUser | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const { db } = await deps.database();
  const [used] = await db
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)))
    .returning({ userId: apiTokens.userId });
  if (!used) return null;
  const [user] = await db
    .select({ id: users.id, email: users.email, role: users.role })
    .from(users)
    .where(and(eq(users.id, used.userId), isNull(users.disabledAt)));
  return user ? { id: user.id, email: user.email, role: user.role as Role } : null;
}
