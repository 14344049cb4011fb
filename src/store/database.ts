import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Pool, PoolConfig } from "pg";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { sourceFile } from "../entry-points.ts";
import { PostbagError } from "../errors.ts";
import * as schema from "./schema.ts";

// The database: PGlite in a folder by default, PostgreSQL when a URL is
// given. Both speak the same SQL through the same Drizzle schema. The
// folder's PGlite has one owner; other processes reach it through the owner.

export type Schema = typeof schema;
/** The query interface both drivers share (each driver's own type extends it). */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** An embedded database reached through the process that owns it (see store/embedded). */
  viaOwner: boolean;
  /**
   * Raw SQL with $1… parameters, outside any Drizzle transaction (for pg-boss's
   * custom `db` on PGlite). Without parameters the text may hold several
   * statements (pg-boss sends BEGIN; …; COMMIT as one text); the last result is returned.
   */
  query(text: string, params?: unknown[]): Promise<Rows>;
  /**
   * Runs `run` while holding the named lock across every process and server
   * on this database: a PostgreSQL advisory lock on a connection of its own,
   * given back if the process dies. The embedded database has one owner, who
   * does this work alone: there it just runs.
   */
  exclusively<T>(name: string, run: () => Promise<T>): Promise<T>;
  /** As exclusively, but without waiting: `ran: false` when another holds the lock now. */
  ifFree<T>(name: string, run: () => Promise<T>): Promise<{ ran: true; result: T } | { ran: false }>;
  /** Applies pending migrations, all of them in one transaction. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

type Rows = { rows: unknown[] };

const MIGRATIONS = sourceFile("store/migrations");

export interface DatabaseLocation {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** Who opens it: the command's name, shown to others while it owns the embedded database. */
  opener?: Opener | undefined;
}

export interface Opener {
  command: string;
  /** Refuse (rather than go through the owner) when another process owns the embedded database. */
  mustOwn?: boolean;
  /** A command that runs a few queries and ends (not serve): the embedded database starts small (see claim-embedded). */
  brief?: boolean;
}

export async function openDatabase(location: DatabaseLocation): Promise<Database> {
  try {
    return location.databaseUrl
      ? await openPostgres({ connectionString: location.databaseUrl }, "postgres")
      : await openEmbedded(location.dataDir, location.opener ?? { command: "postbag" });
  } catch (error) {
    if (error instanceof PostbagError) throw error;
    const where = location.databaseUrl
      ? "the PostgreSQL database in DATABASE_URL"
      : `the database in ${location.dataDir}`;
    throw new PostbagError("database", `cannot open ${where}: ${(error as Error).message}`);
  }
}

/** The data folder's PGlite: this process's own, or the owner's through its socket. */
async function openEmbedded(dataDir: string, opener: Opener): Promise<Database> {
  const { claimEmbedded } = await import("./embedded/claim-embedded.ts");
  const claim = await claimEmbedded(dataDir, opener);
  if (claim.guestOf) return openPostgres(claim.guestOf, "pglite");
  const client = await claim.open();
  const { drizzle: drizzlePglite } = await import("drizzle-orm/pglite");
  const { migrate: migratePglite } = await import("drizzle-orm/pglite/migrator");
  const db = drizzlePglite(client, { schema });
  return {
    db: db as unknown as Db,
    kind: "pglite",
    viaOwner: false,
    async query(text, params) {
      if (params && params.length > 0) return client.query(text, params);
      const results = await client.exec(text);
      return results[results.length - 1] ?? { rows: [] };
    },
    exclusively: (_name, run) => run(),
    ifFree: async (_name, run) => ({ ran: true, result: await run() }),
    migrate: async () => {
      if (await migrationsPending(client)) {
        await runMigration(() => migratePglite(db, { migrationsFolder: MIGRATIONS }));
      }
    },
    close: () => claim.close(),
  };
}

/** A PostgreSQL server, or (as a guest) the embedded database's owner. */
async function openPostgres(connection: PoolConfig, kind: Database["kind"]): Promise<Database> {
  const { default: pg } = await import("pg");
  const { drizzle: drizzleNodePg } = await import("drizzle-orm/node-postgres");
  const { migrate: migrateNodePg } = await import("drizzle-orm/node-postgres/migrator");
  const pool = new pg.Pool({ max: 10, ...connection });
  // An idle connection the server ends (a restart, an administrator, a dropped
  // network) is an "error" event on the pool: without a listener it would end
  // the process. pg has already discarded that connection and the next query
  // opens a new one; a query in flight reports its own error to its caller.
  pool.on("error", () => {});
  await pool.query("select 1");
  const db = drizzleNodePg(pool, { schema });
  // Locks are held on a pool of their own: a holder's work never waits for a connection a waiter holds.
  const lockPool = kind === "postgres" ? new pg.Pool({ max: 4, ...connection }) : undefined;
  lockPool?.on("error", () => {});
  const locks = advisoryLocks(lockPool);
  return {
    db: db as unknown as Db,
    kind,
    viaOwner: kind === "pglite",
    ...locks,
    async query(text, params) {
      const result = (await pool.query(text, params)) as unknown as Rows | Rows[];
      return Array.isArray(result) ? (result[result.length - 1] ?? { rows: [] }) : result;
    },
    // Instances starting together take turns: the second finds nothing left to do.
    migrate: async () => {
      if (!(await migrationsPending(pool))) return;
      await locks.exclusively("migrate", () =>
        runMigration(() => migrateNodePg(db, { migrationsFolder: MIGRATIONS })),
      );
    },
    async close() {
      await lockPool?.end();
      await pool.end();
    },
  };
}

/** Named advisory locks on connections of their own (a guest of the embedded database just runs: see exclusively). */
function advisoryLocks(pool: Pool | undefined): Pick<Database, "exclusively" | "ifFree"> {
  const hold = async <T>(name: string, wait: boolean, run: () => Promise<T>) => {
    if (!pool) return { ran: true as const, result: await run() };
    const client = await pool.connect();
    try {
      const key = [`postbag:${name}`];
      const { rows } = wait
        ? await client.query("SELECT pg_advisory_lock(hashtextextended($1, 0)), true AS taken", key)
        : await client.query("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS taken", key);
      if (!(rows[0] as { taken: boolean } | undefined)?.taken) return { ran: false as const };
      try {
        return { ran: true as const, result: await run() };
      } finally {
        await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", key);
      }
    } finally {
      client.release();
    }
  };
  return {
    exclusively: async (name, run) => {
      const held = await hold(name, true, run);
      if (!held.ran) throw new Error(`the lock ${name} was not taken`);
      return held.result;
    },
    ifFree: (name, run) => hold(name, false, run),
  };
}

/**
 * Drizzle applies every migration newer than the newest it has recorded.
 * Asked first with one query, so that a database already up to date (every
 * command but the first) does not read and hash every migration file.
 */
async function migrationsPending(database: { query(text: string): Promise<Rows> }): Promise<boolean> {
  const journal = JSON.parse(await readFile(join(MIGRATIONS, "meta/_journal.json"), "utf8")) as {
    entries: { when: number }[];
  };
  const newest = Math.max(...journal.entries.map((entry) => entry.when));
  try {
    const { rows } = await database.query(
      "SELECT max(created_at) AS newest FROM drizzle.__drizzle_migrations",
    );
    return !(Number((rows[0] as { newest: unknown } | undefined)?.newest) >= newest);
  } catch {
    return true; // a new database: no table of migrations yet
  }
}

async function runMigration(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    const cause = (error as { cause?: Error }).cause?.message ?? (error as Error).message;
    throw new PostbagError("database", `the database could not be migrated (nothing was changed): ${cause}`);
  }
}
