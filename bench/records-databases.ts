import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Database } from "../src/store/database.ts";
import { createThrowawayDatabase } from "../test/support/throwaway-postgres.ts";

// The databases the records bench runs on: PGlite in a temporary folder, and
// PostgreSQL when a server URL is given, in a fresh database of its own that
// is dropped afterwards. Each is opened and migrated as the app does it.

export type Kind = Database["kind"];

export const POSTGRES_URL = process.env.POSTBAG_BENCH_POSTGRES_URL ?? process.env.POSTBAG_TEST_POSTGRES_URL;

export interface BenchDatabase {
  database: Database;
  /** Closes the database and removes it. */
  drop(): Promise<void>;
}

/** The driver's own client under Drizzle (a PGlite or a pg.Pool): both answer query(text, params). */
export interface RawClient {
  query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export const rawClient = (database: Database): RawClient =>
  (database.db as unknown as { $client: RawClient }).$client;

const urls = new WeakMap<Database, string>();

/** The URL a bench PostgreSQL database was opened with. */
export function urlOf(database: Database): string {
  const url = urls.get(database);
  if (!url) throw new Error("only a PostgreSQL bench database has a URL");
  return url;
}

/** Another server's connection to the same PostgreSQL database (its own pool). */
export async function openSecondInstance(database: Database): Promise<Database> {
  return openDatabase({ dataDir: tmpdir(), databaseUrl: urlOf(database) });
}

export async function openBenchDatabase(kind: Kind): Promise<BenchDatabase> {
  if (kind === "pglite") {
    const dataDir = await mkdtemp(join(tmpdir(), "postbag-records-bench-"));
    const removeDir = () => rm(dataDir, { recursive: true, force: true });
    try {
      const database = await openDatabase({ dataDir });
      await database.migrate();
      return { database, drop: () => database.close().then(removeDir) };
    } catch (error) {
      await removeDir();
      throw error;
    }
  }
  if (!POSTGRES_URL) throw new Error("no PostgreSQL server: set POSTBAG_BENCH_POSTGRES_URL");
  const throwaway = await createThrowawayDatabase(POSTGRES_URL, "postbag_bench");
  try {
    const database = await openDatabase({ dataDir: tmpdir(), databaseUrl: throwaway.url });
    await database.migrate();
    urls.set(database, throwaway.url);
    return { database, drop: () => database.close().then(throwaway.drop) };
  } catch (error) {
    await throwaway.drop();
    throw error;
  }
}
