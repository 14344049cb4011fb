import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachDatabase } from "../support/databases.ts";
import { PASSWORD, ROLE_EMAILS, startTestApp, WebClient, type TestApp } from "../support/web-app.ts";

// Signing in and out, and what protects every form and page: sessions in the
// database, CSRF tokens, secure headers, a rate limit on guessing passwords.

describeOnEachDatabase("signing in", (kind) => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(kind);
  }, 60_000);
  afterAll(() => test?.close());

  it("sends an anonymous visitor to sign in, then back to the page they asked for", async () => {
    const browser = new WebClient(test.base);
    const asked = await browser.get(`/manage/campaigns/${test.campaign}`);
    expect(asked.status).toBe(303);
    expect(asked.headers.get("location")).toBe(`/sign-in?next=%2Fmanage%2Fcampaigns%2F${test.campaign}`);
    const form = await browser.get(asked.headers.get("location") ?? "");
    expect(form.text).toContain(`name="next" value="/manage/campaigns/${test.campaign}"`);
    const signedIn = await browser.post("/sign-in", {
      email: ROLE_EMAILS.viewer,
      password: PASSWORD,
      next: `/manage/campaigns/${test.campaign}`,
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("location")).toBe(`/manage/campaigns/${test.campaign}`);
    const cookie = signedIn.headers.getSetCookie().find((line) => line.startsWith("postbag_session="));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect((await browser.get(`/manage/campaigns/${test.campaign}`)).status).toBe(200);
  });

  it("never redirects outside the staff app after signing in", async () => {
    const browser = new WebClient(test.base);
    await browser.get("/sign-in?next=https://evil.example/");
    for (const next of ["https://evil.example/", "//evil.example/manage", "/sign-out"]) {
      const response = await browser.post("/sign-in", {
        email: ROLE_EMAILS.viewer,
        password: PASSWORD,
        next,
      });
      expect(response.headers.get("location")).toBe("/manage");
    }
  });

  it("refuses a wrong password or an unknown user with the same message, and a blank field by name", async () => {
    const browser = new WebClient(test.base);
    await browser.get("/sign-in");
    const wrong = await browser.post("/sign-in", { email: ROLE_EMAILS.admin, password: "not the password" });
    const unknown = await browser.post("/sign-in", { email: "nobody@example.org", password: PASSWORD });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(400);
      expect(response.text).toContain('<a href="#email">The email address or password is wrong</a>');
      expect(response.headers.getSetCookie().some((line) => line.startsWith("postbag_session="))).toBe(false);
    }
    const blank = await browser.post("/sign-in", { email: "", password: "" });
    expect(blank.status).toBe(400);
    expect(blank.text).toContain('<a href="#email">Enter your email address</a>');
    expect(blank.text).toContain('<a href="#password">Enter your password</a>');
    expect(blank.text).toContain("<title>Error: Sign in – Postbag</title>");
  });

  it("signs out: the old session cookie no longer opens any page", async () => {
    const browser = await WebClient.signedIn(test.base, "editor");
    const sessions = await test.services.findSessionUser({ token: browser.cookie("postbag_session") ?? "" });
    expect(sessions?.email).toBe(ROLE_EMAILS.editor);
    const stolen = browser.cookie("postbag_session") ?? "";
    await browser.get("/manage");
    const out = await browser.post("/sign-out", {});
    expect(out.headers.get("location")).toBe("/sign-in");
    expect(await test.services.findSessionUser({ token: stolen })).toBeNull();
    const replay = await fetch(`${test.base}/manage`, {
      headers: { cookie: `postbag_session=${stolen}` },
      redirect: "manual",
    });
    expect(replay.status).toBe(303);
  });

  it("refuses a form without its CSRF token, or with another browser's", async () => {
    const browser = await WebClient.signedIn(test.base, "admin");
    await browser.get("/manage");
    const without = await browser.post("/sign-out", {}, { csrf: false });
    expect(without.status).toBe(403);
    expect(without.text).toContain("The form was not sent from this Postbag page");
    const other = await WebClient.signedIn(test.base, "viewer");
    await other.get("/manage");
    const forged = await browser.post("/sign-out", { _csrf: other.csrfToken }, { csrf: false });
    expect(forged.status).toBe(403);
    // Still signed in: nothing happened.
    expect((await browser.get("/manage")).status).toBe(200);
  });

  it("sends secure headers: a CSP without inline script, no framing by others, no sniffing", async () => {
    const response = await fetch(`${test.base}/sign-in`);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await response.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle="/);
  });

  it("serves Postbag's own look: its name, its colour, no GOV.UK crown or font", async () => {
    const css = await (await fetch(`${test.base}/assets/postbag.css`)).text();
    expect(css).toContain("#4c2882");
    expect(css).not.toContain("GDS Transport");
    const html = await (await fetch(`${test.base}/sign-in`)).text();
    expect(html).toContain('class="postbag-header__link">Postbag</a>');
    expect(html).not.toContain("govuk-logo");
    expect(html).not.toContain("GOV.UK");
  });
});

it("rate-limits signing in: the eleventh try in a minute is refused", async () => {
  const test = await startTestApp("pglite");
  try {
    const browser = new WebClient(test.base);
    await browser.get("/sign-in");
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt += 1) {
      statuses.push((await browser.post("/sign-in", { email: ROLE_EMAILS.admin, password: "guess" })).status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
    expect(statuses[10]).toBe(429);
  } finally {
    await test.close();
  }
}, 60_000);
