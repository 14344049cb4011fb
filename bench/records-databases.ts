import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openDatabase, type Database } from "../src/store/database.ts";

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
  const name = `postbag_bench_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const dropDatabase = () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  try {
    const database = await openDatabase({ dataDir: tmpdir(), databaseUrl: url.toString() });
    await database.migrate();
    return { database, drop: () => database.close().then(dropDatabase) };
  } catch (error) {
    await dropDatabase();
    throw error;
  }
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
