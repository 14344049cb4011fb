import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../../src/config.ts";
import { PASSWORD, ROLE_EMAILS, startTestApp, WebClient, type TestApp } from "../support/web-app.ts";

// Behind a TLS proxy the server sees plain HTTP: it believes the proxy's
// X-Forwarded-Proto only when told to (POSTBAG_TRUST_PROXY), and then its
// cookies are Secure, as the browser's connection is.

async function signInThroughProxy(test: TestApp): Promise<string[]> {
  const browser = new WebClient(test.base);
  browser.headers = { "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.9" };
  await browser.get("/sign-in");
  const response = await browser.post("/sign-in", { email: ROLE_EMAILS.admin, password: PASSWORD });
  expect(response.status).toBe(303);
  return response.headers.getSetCookie();
}

describe("behind a TLS proxy", () => {
  let trusting: TestApp;
  let plain: TestApp;
  beforeAll(async () => {
    [trusting, plain] = await Promise.all([
      startTestApp("pglite", { env: { POSTBAG_TRUST_PROXY: "127.0.0.1" } }),
      startTestApp("pglite"),
    ]);
  });
  afterAll(async () => {
    await trusting?.close();
    await plain?.close();
  });

  it("makes the session cookie Secure when the proxy it trusts says the browser used HTTPS", async () => {
    const session = (await signInThroughProxy(trusting)).find((cookie) =>
      cookie.startsWith("postbag_session="),
    );
    expect(session).toMatch(/; Secure/i);
    expect(session).toMatch(/; HttpOnly/i);
  });

  it("ignores X-Forwarded-Proto from a proxy it was not told to trust", async () => {
    const session = (await signInThroughProxy(plain)).find((cookie) => cookie.startsWith("postbag_session="));
    expect(session).toBeDefined();
    expect(session).not.toMatch(/; Secure/i);
  });

  it("refuses a POSTBAG_TRUST_PROXY that is neither true nor addresses, naming it", () => {
    expect(() => readConfig({ POSTBAG_TRUST_PROXY: "the load balancer" })).toThrow(
      'environment variable POSTBAG_TRUST_PROXY: write "true", or the addresses of the proxies, separated by commas',
    );
    expect(readConfig({ POSTBAG_TRUST_PROXY: "10.0.0.0/8, 192.168.1.4" }).trustProxy).toEqual([
      "10.0.0.0/8",
      "192.168.1.4",
    ]);
    expect(readConfig({}).trustProxy).toBe(false);
  });
});
