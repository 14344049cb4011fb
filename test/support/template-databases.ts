import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../src/store/database.ts";
import { createThrowawayDatabase } from "./throwaway-postgres.ts";

// Vitest's global set-up: one migrated database of each kind, made once per
// run, that every test copies (databases.ts) instead of running initdb and
// every migration again: a folder copy on PGlite, CREATE DATABASE … TEMPLATE
// on PostgreSQL.

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated PGlite folder to copy into a test's data folder. */
    pgliteTemplate: string;
    /** The migrated PostgreSQL database to copy, when there is a server. */
    postgresTemplate: string | null;
  }
}

export default async function makeTemplates(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), "postbag-template-"));
  const pglite = await openDatabase({ dataDir, opener: { command: "test template" } });
  await pglite.migrate();
  await pglite.close();
  project.provide("pgliteTemplate", join(dataDir, "pglite"));

  const serverUrl = process.env.POSTBAG_TEST_POSTGRES_URL;
  const server = serverUrl ? await createThrowawayDatabase(serverUrl, "postbag_template") : undefined;
  if (server) {
    const postgres = await openDatabase({ dataDir, databaseUrl: server.url });
    await postgres.migrate();
    await postgres.close();
  }
  project.provide("postgresTemplate", server ? new URL(server.url).pathname.slice(1) : null);
  return async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await server?.drop();
  };
}
