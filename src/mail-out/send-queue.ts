import { sql, type SQL } from "drizzle-orm";
import type PgBoss from "pg-boss";
import type { Database, Tx } from "../store/database.ts";

// Sending runs as pg-boss jobs in the same database as the letters. The job
// only carries the outbound row's id: the row (outbound_messages) is the truth
// about a letter on its way out, the job is the reminder to work on it.
//
// Why this is safe against crashes: the job is inserted in the same
// transaction as its outbound row (pg-boss's `db` option per call, backed by
// the Drizzle transaction), and completed in the same transaction that marks
// the row sent. So a row never exists without its job, and a job is never
// completed without its row being final. The one window left is between the
// SMTP server accepting a message and that transaction committing: a crash
// there sends the letter again, with the same Message-ID (the row's), which
// the crash test checks.
//
// PGlite: pg-boss runs on it unchanged through pg-boss's custom `db` option
// (database.query: several statements at once go through PGlite's exec).
// PGlite's own mutex keeps pg-boss's queries out of an open Drizzle
// transaction. PostgreSQL: pg-boss opens its own small pool from the URL.

export const SEND_QUEUE = "postbag-send";

export interface SendJobData {
  outboundId: number;
  campaign: string;
}

export interface SendJob {
  id: string;
  data: SendJobData;
  retryCount: number;
  retryLimit: number;
}

export interface SendQueue {
  /** Hands a job over inside the caller's transaction. */
  add(tx: Tx, data: SendJobData): Promise<void>;
  fetch(batchSize: number): Promise<SendJob[]>;
  /** Completes a job inside the caller's transaction (with the row it finished). */
  complete(tx: Tx, job: SendJob): Promise<void>;
  /** A transient failure: pg-boss retries it later with backoff (or gives up after the limit). */
  fail(job: SendJob, message: string, tx?: Tx): Promise<void>;
  /** Jobs not yet finished (created, retry, active). */
  pending(): Promise<number>;
  /** PGlite only: jobs left active by a process that died (PGlite has one process), retried now. */
  recoverOrphans(): Promise<number>;
  stop(): Promise<void>;
}

/** Retries of a transient failure: 2–4 s, then doubling, 10 times (about 1 h in all). */
const RETRY_LIMIT = 10;
const RETRY_DELAY_SECONDS = 2;
/**
 * An active job whose process died is retried after `expireSeconds`
 * (POSTBAG_SEND_EXPIRE_SECONDS, default 120; on PGlite the owner retries it
 * at its next start). Longer than a send can take: the SMTP transport's
 * timeouts are set from it (mailer.ts).
 */
export async function openSendQueue(
  database: Database,
  databaseUrl: string | undefined,
  expireSeconds: number,
): Promise<SendQueue> {
  const options: PgBoss.ConstructorOptions = {
    schedule: false,
    // Expired (orphaned) jobs are found by the maintenance run: every 30 s, or sooner for a short expiry.
    maintenanceIntervalSeconds: Math.max(1, Math.min(30, Math.floor(expireSeconds / 4))),
    ...(database.kind === "postgres" && databaseUrl
      ? { connectionString: databaseUrl, max: 3 }
      : { db: { executeSql: (text, values) => database.query(text, values) } }),
  };
  // pg-boss is loaded only by a process that sends (a command starts without it).
  const { default: Boss } = await import("pg-boss");
  const boss = new Boss(options);
  // pg-boss reports maintenance errors as events; without a listener they would crash the process.
  boss.on("error", (error) => process.stderr.write(`postbag: job queue: ${error.message}\n`));
  await boss.start();
  await boss.createQueue(SEND_QUEUE, {
    name: SEND_QUEUE,
    retryLimit: RETRY_LIMIT,
    retryDelay: RETRY_DELAY_SECONDS,
    retryBackoff: true,
    expireInSeconds: expireSeconds,
  });
  const inTx = (tx: Tx) => ({ executeSql: (text: string, values: unknown[]) => executeIn(tx, text, values) });
  return {
    async add(tx, data) {
      await boss.send(SEND_QUEUE, data as unknown as object, { db: inTx(tx) });
    },
    async fetch(batchSize) {
      const jobs = await boss.fetch<SendJobData>(SEND_QUEUE, { batchSize, includeMetadata: true });
      return jobs.map((job) => ({
        id: job.id,
        data: job.data,
        retryCount: job.retryCount,
        retryLimit: job.retryLimit,
      }));
    },
    async complete(tx, job) {
      await boss.complete(SEND_QUEUE, job.id, {}, { db: inTx(tx) });
    },
    async fail(job, message, tx) {
      await boss.fail(SEND_QUEUE, job.id, { message }, tx ? { db: inTx(tx) } : {});
    },
    async pending() {
      return boss.getQueueSize(SEND_QUEUE, { before: "completed" });
    },
    async recoverOrphans() {
      // Only the embedded database's owner may: a guest's "active" jobs are the owner's, at work now.
      if (database.kind !== "pglite" || database.viaOwner) return 0;
      const { rows } = await database.query(
        "SELECT id FROM pgboss.job WHERE name = $1 AND state = 'active'",
        [SEND_QUEUE],
      );
      const ids = (rows as { id: string }[]).map((row) => row.id);
      for (const id of ids) await boss.fail(SEND_QUEUE, id, { message: "the process sending it stopped" });
      return ids.length;
    },
    async stop() {
      await boss.stop({ graceful: false, wait: true, close: true });
    },
  };
}

/**
 * pg-boss's SQL ($1, $2…) as a Drizzle query in the given transaction. Each
 * value becomes one bound parameter (sql.param keeps an array as one value,
 * as pg-boss's `$2::uuid[]` needs); undefined becomes NULL, as node-postgres does.
 */
function executeIn(tx: Tx, text: string, values: unknown[] = []): Promise<{ rows: unknown[] }> {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  parts.forEach((part, index) => {
    if (index % 2 === 0) chunks.push(sql.raw(part));
    else chunks.push(sql`${sql.param(values[Number(part) - 1] ?? null)}`);
  });
  return tx.execute(sql.join(chunks)) as unknown as Promise<{ rows: unknown[] }>;
}
