import { cpSync } from "node:fs";
import { join } from "node:path";
import { describe, inject } from "vitest";
import type { Opener } from "../../src/store/database.ts";
import { tempDir } from "./render-cli.ts";
import { createThrowawayDatabase } from "./throwaway-postgres.ts";

// Every database test runs on PGlite and on a PostgreSQL server. The server
// comes from POSTBAG_TEST_POSTGRES_URL (.ci/run starts one on loopback);
// outside CI, without it, the PostgreSQL runs are skipped and say why.

export type DatabaseKind = "pglite" | "postgres";

const POSTGRES_URL = process.env.POSTBAG_TEST_POSTGRES_URL;
export const POSTGRES_REASON = "needs POSTBAG_TEST_POSTGRES_URL (.ci/run starts PostgreSQL and sets it)";
export const DATABASE_KINDS: DatabaseKind[] = ["pglite", "postgres"];

/** Whether tests on this kind must be skipped here (never under CI=true). */
export function skipDatabase(kind: DatabaseKind): boolean {
  return kind === "postgres" && !POSTGRES_URL && process.env.CI !== "true";
}

export interface TestDatabase {
  kind: DatabaseKind;
  /** Environment for the postbag command and readConfig. */
  env: Record<string, string>;
  location: { dataDir: string; databaseUrl?: string; opener?: Opener };
  drop(): Promise<void>;
}

/**
 * Tests open PGlite as a brief command does (16 MB of shared buffers, not
 * the server's 128 MB, which PostgreSQL zeroes at every start: about 0.6 s of
 * CPU each time, hundreds of times a run). The server's own setting is used by
 * the tests that start `postbag serve` and by a test app made `asServe`.
 */
export const TEST_OPENER: Opener = { command: "test", brief: true };

/**
 * A new database of that kind, of its own: migrated (a copy of the run's
 * template, see template-databases.ts), or with `empty`, as a first start
 * finds it (for the tests of migrating itself).
 */
export async function freshDatabase(
  kind: DatabaseKind,
  options: { empty?: boolean } = {},
): Promise<TestDatabase> {
  const dataDir = tempDir("postbag-data-");
  if (kind === "pglite") {
    if (!options.empty) cpSync(inject("pgliteTemplate"), join(dataDir, "pglite"), { recursive: true });
    return {
      kind,
      env: { POSTBAG_DATA: dataDir },
      location: { dataDir, opener: TEST_OPENER },
      drop: async () => {},
    };
  }
  if (!POSTGRES_URL) throw new Error(`the PostgreSQL tests ${POSTGRES_REASON}`);
  const template = options.empty ? undefined : (inject("postgresTemplate") ?? undefined);
  const throwaway = await createThrowawayDatabase(POSTGRES_URL, "postbag_test", template);
  return {
    kind,
    env: { POSTBAG_DATA: dataDir, DATABASE_URL: throwaway.url },
    location: { dataDir, databaseUrl: throwaway.url, opener: TEST_OPENER },
    drop: throwaway.drop,
  };
}

/** A suite run once per database kind; PostgreSQL's says why when it is skipped. */
export function describeOnEachDatabase(title: string, suite: (kind: DatabaseKind) => void): void {
  describe.each(DATABASE_KINDS)(`${title} on %s`, (kind) => {
    describe.skipIf(skipDatabase(kind))(skipDatabase(kind) ? POSTGRES_REASON : title, () => suite(kind));
  });
}
