import { once } from "node:events";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { campaignStatus } from "../src/campaigns/records/campaign-status.ts";
import { overdueLetters } from "../src/campaigns/records/overdue-letters.ts";
import { appendAudit } from "../src/store/audit.ts";
import type { Database } from "../src/store/database.ts";
import { inTransaction } from "../src/store/transaction.ts";
import { timeRuns, type Timing } from "./records-timing.ts";

// Issue 13's measures: status and overdue timed on two instances at once
// (two threads, each with its own pool on one PostgreSQL, as two servers),
// and audit entries appended by 8 writers at once against one writer, in the
// same run. Each append is a transaction of its own, as a use case's is.

export interface InstancesMeasured {
  instances: number;
  /** Every run of both instances together: the slower instance decides the p95. */
  status: Timing;
  overdue: Timing;
  audit: {
    entriesPerWriter: number;
    oneWriterPerSecond: number;
    eightWritersPerSecond: number;
    ratio: number;
  };
}

const ENTRIES_PER_WRITER = Number(process.env.BENCH_AUDIT_APPENDS ?? 300);

export async function measureInstances(
  instances: Database[],
  options: { url: string | undefined; campaigns: string[]; asOf: string },
): Promise<InstancesMeasured> {
  const timings = options.url
    ? await timeOnServers(instances.length, { ...options, url: options.url })
    : [await timeHere(instances[0]!, options)];
  const one = await appendRate(instances.slice(0, 1), 1);
  const eight = await appendRate(instances, 8);
  return {
    instances: timings.length,
    status: merge(timings.map((timing) => timing.status)),
    overdue: merge(timings.map((timing) => timing.overdue)),
    audit: {
      entriesPerWriter: ENTRIES_PER_WRITER,
      oneWriterPerSecond: one,
      eightWritersPerSecond: eight,
      ratio: eight / one,
    },
  };
}

type Timings = { status: Timing; overdue: Timing };

/** The embedded database has one owner: its one instance is timed in this thread. */
async function timeHere(database: Database, { campaigns, asOf }: { campaigns: string[]; asOf: string }) {
  const deps = { database: async () => database };
  const status = (i: number) =>
    campaignStatus({ campaign: campaigns[i % campaigns.length] ?? "", asOf }, deps);
  return {
    status: await timeRuns(status, { warmup: 3, runs: 30 }),
    overdue: await timeRuns(() => overdueLetters({ asOf }, deps), { warmup: 2, runs: 10 }),
  };
}

/** Each server in a thread of its own; all start timing together once every one is ready. */
async function timeOnServers(
  count: number,
  data: { url: string; campaigns: string[]; asOf: string },
): Promise<Timings[]> {
  const workers = Array.from(
    { length: count },
    () => new Worker(new URL("./records-instance-entry.mjs", import.meta.url), { workerData: data }),
  );
  try {
    await Promise.all(workers.map((worker) => once(worker, "message")));
    const results = workers.map((worker) => once(worker, "message").then(([result]) => result as Timings));
    for (const worker of workers) worker.postMessage("go");
    return await Promise.all(results);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** Entries per second when `writers` append at once, spread over the instances. */
async function appendRate(instances: Database[], writers: number): Promise<number> {
  const start = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      const { db } = instances[writer % instances.length]!;
      for (let i = 0; i < ENTRIES_PER_WRITER; i++) {
        await inTransaction(db, (tx) =>
          appendAudit(tx, {
            actor: "bench",
            action: "bench.append",
            entity: "writer",
            entityId: `${writer}-${i}`,
          }),
        );
      }
    }),
  );
  return (writers * ENTRIES_PER_WRITER) / ((performance.now() - start) / 1000);
}

/** The timings of several instances as one: the worst median, p95 and maximum of any. */
function merge(timings: Timing[]): Timing {
  const worst = (pick: (timing: Timing) => number) => Math.max(...timings.map(pick));
  return {
    runs: timings.reduce((sum, timing) => sum + timing.runs, 0),
    medianMs: worst((timing) => timing.medianMs),
    p95Ms: worst((timing) => timing.p95Ms),
    minMs: Math.min(...timings.map((timing) => timing.minMs)),
    maxMs: worst((timing) => timing.maxMs),
  };
}
