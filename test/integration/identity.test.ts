import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { verifyAudit } from "../../src/store/audit.ts";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { apiTokens, auditLog, sessions, users } from "../../src/store/schema.ts";
import { addUser } from "../../src/users/add-user.ts";
import { changeRole } from "../../src/users/change-role.ts";
import { createApiToken } from "../../src/users/create-api-token.ts";
import { findTokenUser } from "../../src/users/find-token-user.ts";
import { listApiTokens } from "../../src/users/list-api-tokens.ts";
import { listUsers } from "../../src/users/list-users.ts";
import { revokeApiToken } from "../../src/users/revoke-api-token.ts";
import { findSessionUser, signOut } from "../../src/users/sessions.ts";
import { setPassword } from "../../src/users/set-password.ts";
import { signIn } from "../../src/users/sign-in.ts";
import { describeOnEachDatabase, freshDatabase, type TestDatabase } from "../support/databases.ts";

// Signing in, sessions, API tokens and user administration, called as the
// web app calls them, against a real database of each kind.

const PASSWORD = "correct horse battery";
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const WRONG = {
  code: "forbidden",
  detail: "the email address or password is wrong",
  location: { field: "email" },
};

describeOnEachDatabase("identity", (kind) => {
  let test: TestDatabase;
  let database: Database;
  const deps = { database: async () => database };
  const actor = "admin@example.org";

  beforeAll(async () => {
    test = await freshDatabase(kind);
    database = await openDatabase(test.location);
    await database.migrate();
    await addUser({ email: actor, role: "admin", password: PASSWORD, actor: "t" }, deps);
    await addUser({ email: "eve@example.org", role: "editor", password: PASSWORD, actor: "t" }, deps);
    await addUser({ email: "nopass@example.org", role: "viewer", actor: "t" }, deps);
  });
  afterAll(async () => {
    await database?.close();
    await test?.drop();
  });

  it("signs in with the right password and finds the session's user by its token", async () => {
    const started = Date.now();
    const signedIn = await signIn({ email: " Eve@Example.org ", password: PASSWORD }, deps);
    expect(signedIn.user).toMatchObject({ email: "eve@example.org", role: "editor" });
    expect(signedIn.token).toMatch(/^[\w-]{43}$/);
    const hours = (signedIn.expiresAt.getTime() - started) / 3_600_000;
    expect(hours).toBeGreaterThan(11.99);
    expect(hours).toBeLessThan(12.01);
    expect(await findSessionUser({ token: signedIn.token }, deps)).toEqual(signedIn.user);
    expect(await findSessionUser({ token: signedIn.token + "x" }, deps)).toBeNull();
  });

  it("refuses a wrong password, an unknown email and a user without password alike", async () => {
    for (const attempt of [
      { email: "eve@example.org", password: "not the password" },
      { email: "nobody@example.org", password: PASSWORD },
      { email: "nopass@example.org", password: PASSWORD },
    ]) {
      await expect(signIn(attempt, deps)).rejects.toMatchObject(WRONG);
    }
    await expect(signIn({ email: "eve@example.org", password: "" }, deps)).rejects.toMatchObject({
      code: "bad_input",
      location: { field: "password" },
    });
  });

  it("keeps only the session token's SHA-256", async () => {
    const { token } = await signIn({ email: "eve@example.org", password: PASSWORD }, deps);
    const rows = await database.db.select().from(sessions);
    expect(rows.map((row) => row.tokenHash)).toContain(sha256(token));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("does not find an expired session, and purges it at the user's next sign-in", async () => {
    const { token } = await signIn({ email: "eve@example.org", password: PASSWORD }, deps);
    await database.db.execute(
      sql`UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE token_hash = ${sha256(token)}`,
    );
    expect(await findSessionUser({ token }, deps)).toBeNull();
    await signIn({ email: "eve@example.org", password: PASSWORD }, deps);
    expect(
      await database.db
        .select()
        .from(sessions)
        .where(eq(sessions.tokenHash, sha256(token))),
    ).toEqual([]);
  });

  it("signs out", async () => {
    const { token } = await signIn({ email: "eve@example.org", password: PASSWORD }, deps);
    await signOut({ token }, deps);
    expect(await findSessionUser({ token }, deps)).toBeNull();
    await signOut({ token }, deps);
  });

  it("creates, finds, lists and revokes API tokens, storing only their hash", async () => {
    await expect(createApiToken({ email: "eve@example.org", name: "  ", actor }, deps)).rejects.toMatchObject(
      { code: "bad_input", location: { field: "name" } },
    );
    await expect(
      createApiToken({ email: "ghost@example.org", name: "ci", actor }, deps),
    ).rejects.toMatchObject({ code: "not_found", location: { field: "email" } });

    const created = await createApiToken({ email: "eve@example.org", name: " ci ", actor }, deps);
    expect(created).toMatchObject({ name: "ci", token: expect.stringMatching(/^pb_[\w-]{43}$/) });
    const [stored] = await database.db.select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(stored?.tokenHash).toBe(sha256(created.token));
    expect(stored?.lastUsedAt).toBeNull();

    const user = await findTokenUser({ token: created.token }, deps);
    expect(user).toMatchObject({ email: "eve@example.org", role: "editor" });
    expect(await findTokenUser({ token: created.token.slice(3) }, deps)).toBeNull();
    const [listed] = await listApiTokens({ email: "eve@example.org" }, deps);
    expect(listed).toMatchObject({ id: created.id, name: "ci", revokedAt: null });
    expect(listed?.lastUsedAt).toBeInstanceOf(Date);

    const revoked = await revokeApiToken({ id: created.id, actor }, deps);
    expect(revoked).toMatchObject({ id: created.id, email: "eve@example.org" });
    expect(await findTokenUser({ token: created.token }, deps)).toBeNull();
    expect(await revokeApiToken({ id: created.id, actor }, deps)).toEqual(revoked);
    await expect(revokeApiToken({ id: 999_999, actor }, deps)).rejects.toMatchObject({ code: "not_found" });

    const entries = await database.db.select().from(auditLog).where(eq(auditLog.entity, "api_token"));
    expect(entries.map((entry) => entry.action)).toEqual(["api_token.created", "api_token.revoked"]);
    expect(JSON.stringify(entries)).not.toContain(created.token.slice(3));
    expect(JSON.stringify(entries)).not.toContain(sha256(created.token));
  });

  it("lists users by email, saying who has a password", async () => {
    const listed = await listUsers(deps);
    expect(listed.map(({ email, role, hasPassword }) => ({ email, role, hasPassword }))).toEqual([
      { email: "admin@example.org", role: "admin", hasPassword: true },
      { email: "eve@example.org", role: "editor", hasPassword: true },
      { email: "nopass@example.org", role: "viewer", hasPassword: false },
    ]);
    expect(listed[0]?.createdAt).toBeInstanceOf(Date);
  });

  it("changes roles with an audit entry and never removes the last admin", async () => {
    expect(await changeRole({ email: "nopass@example.org", role: "approver", actor }, deps)).toEqual({
      email: "nopass@example.org",
      role: "approver",
    });
    const [entry] = await database.db.select().from(auditLog).where(eq(auditLog.action, "user.role_changed"));
    expect(entry).toMatchObject({ actor, before: { role: "viewer" }, after: { role: "approver" } });

    await expect(changeRole({ email: actor, role: "editor", actor }, deps)).rejects.toMatchObject({
      code: "bad_input",
      location: { field: "role" },
    });
    await expect(changeRole({ email: actor, role: "boss", actor }, deps)).rejects.toMatchObject({
      location: { field: "role" },
    });
    await expect(changeRole({ email: "x@example.org", role: "viewer", actor }, deps)).rejects.toMatchObject({
      code: "not_found",
      location: { field: "email" },
    });

    // Two admins demoting each other at once: one of them must stay admin.
    await changeRole({ email: "eve@example.org", role: "admin", actor }, deps);
    const results = await Promise.allSettled([
      changeRole({ email: actor, role: "viewer", actor: "eve@example.org" }, deps),
      changeRole({ email: "eve@example.org", role: "viewer", actor }, deps),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((result) => result.status === "rejected");
    expect(refused?.reason).toMatchObject({ code: "bad_input", location: { field: "role" } });
    const admins = await database.db.select().from(users).where(eq(users.role, "admin"));
    expect(admins).toHaveLength(1);
  });

  it("sets a password, signing the user out everywhere, and keeps the audit chain whole", async () => {
    const { token } = await signIn({ email: "eve@example.org", password: PASSWORD }, deps);
    await expect(
      setPassword({ email: "eve@example.org", password: "short", actor }, deps),
    ).rejects.toMatchObject({ code: "bad_input", location: { field: "password" } });
    await setPassword({ email: "eve@example.org", password: "a new long password", actor }, deps);
    expect(await findSessionUser({ token }, deps)).toBeNull();
    await expect(signIn({ email: "eve@example.org", password: PASSWORD }, deps)).rejects.toMatchObject(WRONG);
    await signIn({ email: "eve@example.org", password: "a new long password" }, deps);

    const [entry] = await database.db.select().from(auditLog).where(eq(auditLog.action, "user.password_set"));
    expect(entry).toMatchObject({ entityId: "eve@example.org", after: { password: "set" } });
    expect(JSON.stringify(entry)).not.toContain("scrypt");
    expect(await verifyAudit(database.db)).toMatchObject({ ok: true });
  });
});
