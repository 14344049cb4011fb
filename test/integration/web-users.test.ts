import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachDatabase } from "../support/databases.ts";
import { PASSWORD, ROLE_EMAILS, startTestApp, WebClient, type TestApp } from "../support/web-app.ts";

// /manage/users (admins add users and change roles) and /manage/account (anyone's
// own password and API tokens), over HTTP against the real app and database.

const NEW_PASSWORD = "a much longer new password";
const summary = (text: string) => /class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(text)?.[0] ?? "";
const apiMe = (base: string, token: string) =>
  fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${token}` } });

describeOnEachDatabase("users and account pages", (kind) => {
  let app: TestApp;
  let admin: WebClient;
  const emails = async () => (await app.services.listUsers()).map((user) => user.email);

  beforeAll(async () => {
    app = await startTestApp(kind);
    admin = await WebClient.signedIn(app.base, "admin");
  });
  afterAll(async () => {
    await app?.close();
  });

  it("lists the users, and adds one who can then sign in", async () => {
    const page = await admin.get("/manage/users");
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1 class="govuk-heading-l">Users</h1>');
    for (const email of Object.values(ROLE_EMAILS)) expect(page.text).toContain(email);
    expect(page.text).toContain("At least 12 characters");

    const added = await admin.post("/manage/users", {
      email: " New.Editor@Example.org ",
      role: "editor",
      password: NEW_PASSWORD,
    });
    expect(added.status).toBe(303);
    expect(added.headers.get("location")).toBe("/manage/users");
    const next = await admin.get("/manage/users");
    expect(next.text).toContain("new.editor@example.org was added as editor");
    const user = (await app.services.listUsers()).find((row) => row.email === "new.editor@example.org");
    expect(user).toMatchObject({ role: "editor", hasPassword: true });

    const newcomer = new WebClient(app.base);
    await newcomer.get("/sign-in");
    const signedIn = await newcomer.post("/sign-in", {
      email: "new.editor@example.org",
      password: NEW_PASSWORD,
    });
    expect(signedIn.status).toBe(303);
    expect((await newcomer.get("/manage/account")).text).toContain("new.editor@example.org");
  });

  it("refuses a bad email or a short password next to its field, and adds no one", async () => {
    const before = await emails();
    await admin.get("/manage/users");
    const badEmail = await admin.post("/manage/users", {
      email: "not an email",
      role: "viewer",
      password: NEW_PASSWORD,
    });
    expect(badEmail.status).toBe(400);
    expect(summary(badEmail.text)).toContain('href="#email"');
    expect(summary(badEmail.text)).toContain("is not an email address");
    expect(badEmail.text).toContain('value="not an email"');
    expect(badEmail.text).not.toContain(NEW_PASSWORD);

    const shortPassword = await admin.post("/manage/users", {
      email: "short@example.org",
      role: "viewer",
      password: "too short",
    });
    expect(shortPassword.status).toBe(400);
    expect(summary(shortPassword.text)).toContain('href="#password"');
    expect(summary(shortPassword.text)).toContain("at least 12 characters");

    const empty = await admin.post("/manage/users", { email: "", password: "" });
    expect(empty.status).toBe(400);
    for (const field of ["email", "role", "password"])
      expect(summary(empty.text)).toContain(`href="#${field}"`);
    expect(await emails()).toEqual(before);
  });

  it("shows an email holding markup as text", async () => {
    await admin.get("/manage/users");
    const added = await admin.post("/manage/users", {
      email: "<script>alert(1)</script>@example.org",
      role: "viewer",
      password: NEW_PASSWORD,
    });
    expect(added.status).toBe(303);
    const page = await admin.get("/manage/users");
    expect(page.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;@example.org");
    expect(page.text).not.toContain("<script>alert(1)");
  });

  it("changes a role, but never the last admin's", async () => {
    await app.services.addUser({
      email: "promoted@example.org",
      role: "viewer",
      password: PASSWORD,
      actor: "t",
    });
    await admin.get("/manage/users");
    const changed = await admin.post("/manage/users/role", {
      email: "promoted@example.org",
      role: "approver",
    });
    expect(changed.status).toBe(303);
    expect((await admin.get("/manage/users")).text).toContain("promoted@example.org is now approver");
    const roleOf = async (email: string) =>
      (await app.services.listUsers()).find((user) => user.email === email)?.role;
    expect(await roleOf("promoted@example.org")).toBe("approver");

    const position = (await emails()).indexOf(ROLE_EMAILS.admin) + 1;
    const refused = await admin.post("/manage/users/role", { email: ROLE_EMAILS.admin, role: "editor" });
    expect(refused.status).toBe(400);
    expect(summary(refused.text)).toContain(`href="#role-${position}"`);
    expect(summary(refused.text)).toContain("is the only admin");
    expect(refused.text).toContain(`id="role-${position}-error"`);
    expect(await roleOf(ROLE_EMAILS.admin)).toBe("admin");
  });

  it("refuses the users page and its forms to every role but admin", async () => {
    const before = await app.services.listUsers();
    for (const role of ["viewer", "editor", "approver"] as const) {
      const client = await WebClient.signedIn(app.base, role);
      expect((await client.get("/manage/users")).status).toBe(403);
      await client.get("/manage/account");
      const add = await client.post("/manage/users", {
        email: `${role}.x@example.org`,
        role: "admin",
        password: NEW_PASSWORD,
      });
      expect(add.status).toBe(403);
      const promote = await client.post("/manage/users/role", { email: ROLE_EMAILS[role], role: "admin" });
      expect(promote.status).toBe(403);
    }
    expect(await app.services.listUsers()).toEqual(before);
  });

  it("refuses a form sent without its CSRF token, and changes nothing", async () => {
    const before = await app.services.listUsers();
    await admin.get("/manage/users");
    const added = await admin.post(
      "/manage/users",
      { email: "forged@example.org", role: "admin", password: NEW_PASSWORD },
      { csrf: false },
    );
    expect(added.status).toBe(403);
    const demoted = await admin.post(
      "/manage/users/role",
      { email: ROLE_EMAILS.editor, role: "viewer" },
      { csrf: false },
    );
    expect(demoted.status).toBe(403);
    expect(await app.services.listUsers()).toEqual(before);
  });

  it("changes one's own password with the current one, ending every other session and token", async () => {
    const email = "changer@example.org";
    await app.services.addUser({ email, role: "viewer", password: PASSWORD, actor: "t" });
    const signedIn = async () => {
      const browser = new WebClient(app.base);
      await browser.get("/sign-in");
      await browser.post("/sign-in", { email, password: PASSWORD });
      return browser;
    };
    const client = await signedIn();
    const elsewhere = await signedIn();
    const { token } = await app.services.createApiToken({ email, name: "script", actor: email });
    await client.get("/manage/account");

    const change = (form: Record<string, string>) => client.post("/manage/account/password", form);
    const mismatch = await change({ currentPassword: PASSWORD, password: NEW_PASSWORD, confirm: "other" });
    expect(mismatch.status).toBe(400);
    expect(summary(mismatch.text)).toContain('href="#confirm"');
    for (const weak of ["short", " ".repeat(12), "password1234", "qwertyuiop12", `${email}1`]) {
      const refused = await change({ currentPassword: PASSWORD, password: weak, confirm: weak });
      expect(refused.status, JSON.stringify(weak)).toBe(400);
      expect(summary(refused.text)).toContain('href="#password"');
    }
    const noCurrent = await change({ password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(summary(noCurrent.text)).toContain('href="#currentPassword"');
    const wrongCurrent = await change({
      currentPassword: "not the password",
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    expect(wrongCurrent.status).toBe(400);
    expect(wrongCurrent.text).toContain("Your current password is not right");

    const changed = await change({
      currentPassword: PASSWORD,
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    expect(changed.status).toBe(303);
    expect(changed.headers.get("location")).toBe("/manage/account");
    const page = await client.get("/manage/account");
    expect(page.status).toBe(200);
    expect(page.text).toContain("You were signed out everywhere else, and your 1 API token was revoked");
    expect((await elsewhere.get("/manage/account")).status).toBe(303);
    const api = await fetch(`${app.base}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(api.status).toBe(401);
    await expect(app.services.signIn({ email, password: PASSWORD })).rejects.toMatchObject({
      code: "forbidden",
    });
    const again = new WebClient(app.base);
    await again.get("/sign-in");
    expect((await again.post("/sign-in", { email, password: NEW_PASSWORD })).status).toBe(303);
  });

  it("shows a new API token once, which works until it is revoked", async () => {
    const viewer = await WebClient.signedIn(app.base, "viewer");
    await viewer.get("/manage/account");
    const unnamed = await viewer.post("/manage/account/tokens", { name: " " });
    expect(unnamed.status).toBe(400);
    expect(summary(unnamed.text)).toContain('href="#name"');

    const created = await viewer.post("/manage/account/tokens", { name: "<b>report</b> script" });
    expect(created.status).toBe(200);
    expect(created.headers.get("cache-control")).toBe("no-store");
    expect(created.text).toContain("it will not be shown again");
    expect(created.text).toContain("&lt;b&gt;report&lt;/b&gt; script");
    const token = /pb_[\w-]{43}/.exec(created.text)?.[0] ?? "";
    expect(token).not.toBe("");

    const account = await viewer.get("/manage/account");
    expect(account.text).not.toContain(token);
    expect(account.text).toContain("&lt;b&gt;report&lt;/b&gt; script");
    const me = await apiMe(app.base, token);
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ email: ROLE_EMAILS.viewer, role: "viewer" });

    const [listed] = await app.services.listApiTokens({ email: ROLE_EMAILS.viewer });
    const revoked = await viewer.post(`/manage/account/tokens/${listed?.id}/revoke`, {});
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get("location")).toBe("/manage/account");
    expect((await viewer.get("/manage/account")).text).toContain("was revoked");
    expect((await apiMe(app.base, token)).status).toBe(401);
  });

  it("refuses to revoke someone else's token as not found", async () => {
    const theirs = await app.services.createApiToken({
      email: ROLE_EMAILS.editor,
      name: "theirs",
      actor: "t",
    });
    const viewer = await WebClient.signedIn(app.base, "viewer");
    await viewer.get("/manage/account");
    expect((await viewer.post(`/manage/account/tokens/${theirs.id}/revoke`, {})).status).toBe(404);
    expect((await viewer.post("/manage/account/tokens/999999/revoke", {})).status).toBe(404);
    expect((await viewer.post("/manage/account/tokens/abc/revoke", {})).status).toBe(404);
    expect((await apiMe(app.base, theirs.token)).status).toBe(200);
  });

  it("lets an admin revoke anyone's token from the users page", async () => {
    const theirs = await app.services.createApiToken({
      email: ROLE_EMAILS.editor,
      name: "leaked",
      actor: "t",
    });
    const page = await admin.get("/manage/users");
    expect(page.text).toContain("leaked");
    const revoked = await admin.post(`/manage/users/tokens/${theirs.id}/revoke`, {});
    expect(revoked.status).toBe(303);
    expect((await admin.get("/manage/users")).text).toContain(
      `editor@example.org&#39;s API token &quot;leaked&quot; was revoked`,
    );
    expect((await apiMe(app.base, theirs.token)).status).toBe(401);
    expect((await admin.post(`/manage/users/tokens/${theirs.id}/revoke`, {})).status).toBe(404);
  });

  it("lets an admin disable an account at once, sessions and tokens too, and enable it again", async () => {
    const email = "leaver@example.org";
    await app.services.addUser({ email, role: "editor", password: PASSWORD, actor: "t" });
    const leaver = new WebClient(app.base);
    await leaver.get("/sign-in");
    expect((await leaver.post("/sign-in", { email, password: PASSWORD })).status).toBe(303);
    const { token } = await app.services.createApiToken({ email, name: "script", actor: email });
    await admin.get("/manage/users");
    const disabled = await admin.post("/manage/users/access", { email, disabled: "yes" });
    expect(disabled.status).toBe(303);
    expect((await admin.get("/manage/users")).text).toContain(`${email} was disabled`);
    expect((await leaver.get("/manage")).status).toBe(303);
    expect((await apiMe(app.base, token)).status).toBe(401);
    const refused = await leaver.post("/sign-in", { email, password: PASSWORD });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("This account has been disabled: ask an admin");
    // Nobody disables themselves, and there is always an admin who can sign in.
    const self = await admin.post("/manage/users/access", { email: ROLE_EMAILS.admin, disabled: "yes" });
    expect(self.status).toBe(400);
    expect(self.text).toContain("You cannot disable your own account");

    expect((await admin.post("/manage/users/access", { email, disabled: "no" })).status).toBe(303);
    await leaver.get("/sign-in");
    expect((await leaver.post("/sign-in", { email, password: PASSWORD })).status).toBe(303);
    expect((await apiMe(app.base, token)).status).toBe(401);
    const trail = await app.services.auditTrail({ entity: "user", entityId: email });
    expect(trail.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(["user.disabled", "user.enabled"]),
    );
  });

  it("limits wrong passwords per account, whatever address they come from", async () => {
    const email = "guessed@example.org";
    await app.services.addUser({ email, role: "viewer", password: PASSWORD, actor: "t" });
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      await expect(
        app.services.signIn({ email, password: `guess number ${attempt}`, from: `192.0.2.${attempt}` }),
      ).rejects.toMatchObject({ code: "forbidden" });
    }
    // The right password, from a new address, is refused too until the window passes.
    await expect(
      app.services.signIn({ email, password: PASSWORD, from: "198.51.100.1" }),
    ).rejects.toMatchObject({
      code: "rate_limited",
      detail: "too many wrong passwords for this account: wait 15 minutes and try again",
    });
    // Another account is not affected.
    const other = await app.services.signIn({
      email: ROLE_EMAILS.viewer,
      password: PASSWORD,
      from: "198.51.100.1",
    });
    expect(other.user.email).toBe(ROLE_EMAILS.viewer);
  });
});
