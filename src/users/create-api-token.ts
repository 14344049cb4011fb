import { PostbagError } from "../errors.ts";
import { appendAudit } from "../store/audit.ts";
import type { Database } from "../store/database.ts";
import { apiTokens } from "../store/schema.ts";
import { findUserForUpdate } from "./find-user.ts";
import { parseEmail } from "./inputs.ts";
import { hashToken, newToken } from "./tokens.ts";
import { inTransaction } from "../store/transaction.ts";

// "pb_" makes a leaked token recognisable (secret scanners, logs) and lets
// findTokenUser turn away anything else without a query.
export const API_TOKEN_PREFIX = "pb_";
const MAX_NAME = 100;

/** A new API token for the user; the token is returned only now and never stored in clear. */
export async function createApiToken(
  { email, name, actor }: { email: string; name: string; actor: string },
  deps: { database(): Promise<Database> },
): Promise<{ id: number; name: string; token: string }> {
  const address = parseEmail(email);
  const label = name.trim();
  if (label === "")
    throw new PostbagError("bad_input", "give the token a name, e.g. where it is used", { field: "name" });
  if (label.length > MAX_NAME)
    throw new PostbagError("bad_input", `the name must have at most ${MAX_NAME} characters`, {
      field: "name",
    });
  const token = newToken(API_TOKEN_PREFIX);
  const { db } = await deps.database();
  return inTransaction(db, async (tx) => {
    const user = await findUserForUpdate(tx, address);
    const [row] = await tx
      .insert(apiTokens)
      .values({ userId: user.id, name: label, tokenHash: hashToken(token) })
      .returning({ id: apiTokens.id });
    if (!row) throw new PostbagError("internal", "the API token was not saved");
    await appendAudit(tx, {
      actor,
      action: "api_token.created",
      entity: "api_token",
      entityId: String(row.id),
      after: { user: address, name: label },
    });
    return { id: row.id, name: label, token };
  });
}
