import { cpSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { readConfig } from "../../src/config.ts";
import { createServices, type Services } from "../../src/services.ts";
import { buildWebApp } from "../../src/web/app.ts";
import type { LogOptions } from "../../src/web/logging.ts";
import { freshDatabase, TEST_OPENER, type DatabaseKind, type TestDatabase } from "./databases.ts";
import { EXAMPLE, tempDir } from "./render-cli.ts";

// The real web app on a real database, served on loopback, with one user of
// each role and the demo campaign imported, as `npm start` would have it.

export const PASSWORD = "correct horse battery staple";
export const ROLE_EMAILS = {
  admin: "admin@example.org",
  editor: "editor@example.org",
  approver: "approver@example.org",
  viewer: "viewer@example.org",
} as const;
export type TestRole = keyof typeof ROLE_EMAILS;

export interface TestApp {
  base: string;
  app: FastifyInstance;
  services: Services;
  database: TestDatabase;
  /** The demo campaign's id. */
  campaign: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Changes the demo campaign's folder (its recipients.csv, say) before it is imported. */
  editCampaign?(dir: string): void;
  /** Where the server's log lines go (none by default). */
  log?: LogOptions;
  /** More environment for its configuration (POSTBAG_TRUST_PROXY…). */
  env?: Record<string, string>;
  /** The database to use instead of a copy of the run's template (a benchmark runs outside Vitest). */
  database?: TestDatabase;
  /** PGlite opened with the server's settings, as `postbag serve` opens it (see TEST_OPENER). */
  asServe?: boolean;
  /** A second server on a database that already has the test users (and its campaigns). */
  usersExist?: boolean;
}

export async function startTestApp(kind: DatabaseKind, options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await freshDatabase(kind));
  const demo = join(tempDir("postbag-demo-"), "vru-2020");
  cpSync(EXAMPLE, demo, { recursive: true });
  options.editCampaign?.(demo);
  const config = readConfig({
    ...database.env,
    POSTBAG_DEMO_CAMPAIGN: demo,
    POSTBAG_RENDER_WORKERS: "1",
    ...options.env,
  });
  const services = createServices(config, options.asServe ? { command: "test server" } : TEST_OPENER);
  for (const [role, email] of Object.entries(ROLE_EMAILS)) {
    if (!options.usersExist) await services.addUser({ email, role, password: PASSWORD, actor: "test" });
  }
  const { campaign } = await services.importCampaign({ dir: demo, actor: "test" });
  const app = await buildWebApp(services, options.log ? { log: options.log } : {});
  const base = await app.listen({ host: "127.0.0.1", port: 0 });
  return {
    base,
    app,
    services,
    database,
    campaign,
    async close() {
      await app.close();
      await services.close();
      await database.drop();
    },
  };
}

/** A concrete path for a route pattern, with the demo campaign's values. */
export function pathOf(route: { url: string }, campaign: string): string {
  const values: Record<string, string> = { campaign, recipient: "essex", id: "1", contactId: "1" };
  return route.url.replace(/:(\w+)/g, (_match, name: string) => values[name] ?? "1").replace(/\*$/, "x");
}

type Form = Record<string, string | string[] | File>;

/**
 * A browser without a browser: real HTTP, a cookie jar, the CSRF token taken
 * from the last page, redirects not followed (so tests see post-redirect-get).
 */
export class WebClient {
  private readonly cookies = new Map<string, string>();
  csrfToken = "";
  /** The version each edit form of the last page was opened at (its hidden _version), by the form's action. */
  private formVersions = new Map<string, string>();
  /** Sent with every request, as a proxy in front would add them (X-Forwarded-Proto…). */
  headers: Record<string, string> = {};

  constructor(readonly base: string) {}

  static async signedIn(base: string, role: TestRole): Promise<WebClient> {
    const client = new WebClient(base);
    await client.get("/sign-in");
    const response = await client.post("/sign-in", { email: ROLE_EMAILS[role], password: PASSWORD });
    if (response.status !== 303) throw new Error(`signing in as ${role} answered ${response.status}`);
    return client;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async get(path: string): Promise<Response & { text: string }> {
    return this.request(path, { method: "GET" });
  }

  /** A download: its bytes as sent (get() reads the body as text). */
  async getBytes(path: string): Promise<{ response: Response; bytes: Buffer }> {
    const response = await fetch(`${this.base}${path}`, { redirect: "manual", headers: this.cookieHeader() });
    return { response, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  /** Posts a form (multipart when it holds a File), with the page's CSRF token unless told not to. */
  async post(
    path: string,
    form: Form,
    options: { csrf?: boolean } = {},
  ): Promise<Response & { text: string }> {
    // As a browser would: an edit form sends back the version it was opened at.
    const opened = this.formVersions.get(path.split("?")[0] ?? path);
    const version: Form = opened === undefined ? {} : { _version: opened };
    const withToken: Form = options.csrf === false ? form : { _csrf: this.csrfToken, ...version, ...form };
    const multipart = Object.values(withToken).some((value) => value instanceof File);
    let body: URLSearchParams | FormData;
    if (multipart) {
      body = new FormData();
      for (const [name, value] of Object.entries(withToken)) {
        for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
      }
    } else {
      body = new URLSearchParams();
      for (const [name, value] of Object.entries(withToken)) {
        for (const item of Array.isArray(value) ? value : [value]) body.append(name, item as string);
      }
    }
    return this.request(path, { method: "POST", body });
  }

  private cookieHeader(): Record<string, string> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    return cookie ? { cookie } : {};
  }

  private async request(path: string, init: RequestInit): Promise<Response & { text: string }> {
    const response = await fetch(`${this.base}${path}`, {
      ...init,
      redirect: "manual",
      headers: { ...this.headers, ...this.cookieHeader() },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const [name = "", value = ""] = pair.split("=");
      const expired = attributes.some((attribute) => /expires=thu, 01 jan 1970/i.test(attribute.trim()));
      if (expired || value === "") this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
    const text = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
    if (token) this.csrfToken = token;
    if (response.headers.get("content-type")?.startsWith("text/html")) {
      this.formVersions = new Map();
      for (const [, action = "", form = ""] of text.matchAll(
        /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g,
      )) {
        const version = /name="_version" value="([^"]*)"/.exec(form)?.[1];
        if (version !== undefined) this.formVersions.set(action.replace(/&amp;/g, "&"), version);
      }
    }
    return Object.assign(response, { text });
  }
}
