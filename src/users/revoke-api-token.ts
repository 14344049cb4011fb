import { eq } from "drizzle-orm";
import { PostbagError } from "../errors.ts";
import { appendAudit } from "../store/audit.ts";
import type { Database } from "../store/database.ts";
import { apiTokens, users } from "../store/schema.ts";
import { inTransaction } from "../store/transaction.ts";

/**
 * Revokes an API token for good. Revoking one that is already revoked changes
 * nothing and writes no audit entry, so a repeated click is harmless. Who may
 * revoke whose token is for the edge to decide.
 */
export async function revokeApiToken(
  { id, actor }: { id: number; actor: string },
  deps: { database(): Promise<Database> },
): Promise<{ id: number; name: string; email: string; revokedAt: Date }> {
  if (!Number.isSafeInteger(id) || id < 1)
    throw new PostbagError("bad_input", `"${id}" is not an API token id`, { field: "id" });
  const { db } = await deps.database();
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .select({ token: apiTokens, email: users.email })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(eq(apiTokens.id, id))
      .for("update", { of: apiTokens });
    if (!row) throw new PostbagError("not_found", `there is no API token ${id}`, { field: "id" });
    const { token, email } = row;
    if (token.revokedAt) return { id, name: token.name, email, revokedAt: token.revokedAt };
    const revokedAt = new Date();
    await tx.update(apiTokens).set({ revokedAt }).where(eq(apiTokens.id, id));
    await appendAudit(tx, {
      actor,
      action: "api_token.revoked",
      entity: "api_token",
      entityId: String(id),
      before: { user: email, name: token.name, revoked: false },
      after: { user: email, name: token.name, revoked: true },
    });
    return { id, name: token.name, email, revokedAt };
  });
}
