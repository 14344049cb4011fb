import { createHash, randomBytes } from "node:crypto";

// Session and API tokens are 32 random bytes; the database keeps only their
// SHA-256, so a copy of the database (or a backup) signs nobody in. A plain
// hash is enough here, unlike passwords: the tokens have 256 bits of entropy.

export function newToken(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
