import { describe, expect, it } from "vitest";
import { verifyPassword } from "../../src/users/password.ts";
import { freshDatabase } from "../support/databases.ts";
import { rawSql } from "../support/records.ts";
import { serve } from "../support/serve-process.ts";
import { WebClient } from "../support/web-app.ts";

// What `npm start` does on a fresh machine: an embedded database, an admin
// whose generated password is shown once, the demo campaign, a web address.

describe("first start", () => {
  it("creates the admin once, loads the demo campaign and serves it", async () => {
    const database = await freshDatabase("pglite");
    const first = await serve(database.env);
    const created = /Created the admin admin@localhost, password (\S+) \(shown only now: keep it safe\)/.exec(
      first.output,
    );
    expect(created).not.toBeNull();
    expect(first.output).toContain("Demo campaign vru-2020 is loaded");
    // With no mail settings, it says so (issue 15): a set-up without email is never silent.
    expect(first.output).toContain("Email: off (set POSTBAG_SMTP_HOST to send letters by email)");
    expect(first.output).toContain("Replies by IMAP: off (set POSTBAG_IMAP_HOST");
    // The printed password signs the admin in, and the demo campaign is there.
    const browser = new WebClient(first.address);
    expect((await browser.get("/manage")).headers.get("location")).toBe("/sign-in?next=%2Fmanage");
    await browser.get("/sign-in");
    const signedIn = await browser.post("/sign-in", {
      email: "admin@localhost",
      password: created?.[1] ?? "",
    });
    expect(signedIn.headers.get("location")).toBe("/manage");
    const campaigns = await browser.get("/manage");
    expect(campaigns.status).toBe(200);
    expect(campaigns.text).toMatch(
      /Violence Reduction Units<\/a><\/th>\s*<td[^>]*>13 October 2020<\/td>\s*<td[^>]*>5<\/td>/,
    );
    await first.stop();

    const second = await serve(database.env);
    expect(second.output).not.toContain("Created the admin");
    expect(second.output).toContain("Demo campaign vru-2020 was loaded before");
    await second.stop();

    const [admin] = (await rawSql(database, "SELECT role, password_hash FROM users")) as {
      role: string;
      password_hash: string;
    }[];
    expect(admin?.role).toBe("admin");
    expect(await verifyPassword(created?.[1] ?? "", admin?.password_hash ?? "")).toBe(true);
  });

  it("uses POSTBAG_ADMIN_EMAIL and POSTBAG_ADMIN_PASSWORD when given, and prints no password", async () => {
    const database = await freshDatabase("pglite");
    const started = await serve({
      ...database.env,
      POSTBAG_ADMIN_EMAIL: "chief@example.org",
      POSTBAG_ADMIN_PASSWORD: "a long enough secret",
    });
    expect(started.output).toContain(
      "Created the admin chief@example.org, the password in POSTBAG_ADMIN_PASSWORD",
    );
    expect(started.output).not.toContain("a long enough secret");
    await started.stop();
  });
});
