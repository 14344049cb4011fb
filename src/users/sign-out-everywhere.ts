import { and, eq, isNull, ne } from "drizzle-orm";
import type { Tx } from "../store/database.ts";
import { apiTokens, sessions } from "../store/schema.ts";
import { hashToken } from "./tokens.ts";

/**
 * Ends a user's sessions (all but `keep`, the session making the change) and
 * revokes every API token they hold: whoever knew the old password, or holds
 * a disabled account's token, keeps nothing made with it. Counts what it ended.
 */
export async function signOutEverywhere(
  tx: Tx,
  userId: number,
  keep?: string,
): Promise<{ sessions: number; tokens: number }> {
  const others = keep
    ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, hashToken(keep)))
    : eq(sessions.userId, userId);
  const ended = await tx.delete(sessions).where(others).returning({ hash: sessions.tokenHash });
  const revoked = await tx
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return { sessions: ended.length, tokens: revoked.length };
}
