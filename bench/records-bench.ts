import { mkdir, writeFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import {
  openBenchDatabase,
  openSecondInstance,
  POSTGRES_URL,
  urlOf,
  type Kind,
} from "./records-databases.ts";
import { measureRecords } from "./records-measure.ts";
import { measureInstances } from "./records-instances.ts";
import { formatPlans, formatRecordsReport } from "./records-format.ts";
import { makeRecordsReport, rateKind, type KindReport } from "./records-report.ts";
import { seedRecords, type Size } from "./records-seed.ts";

// `npm run bench` (issue 3, item 6): seeds 500 campaigns × 200 recipients
// (100,000 letters, 300,000 requested items, 1,000,000 audit entries) on
// PGlite, and on PostgreSQL when POSTBAG_BENCH_POSTGRES_URL (or
// POSTBAG_TEST_POSTGRES_URL) names a server; then times one campaign's status
// and the list of all overdue letters, against 50 ms and 200 ms.
const ROOT = fileURLToPath(new URL("../", import.meta.url));
const whole = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number above 0`);
  return value;
};
const SIZE: Size = {
  campaigns: whole("BENCH_CAMPAIGNS", 500),
  recipientsPerCampaign: whole("BENCH_RECIPIENTS", 200),
  auditEntries: whole("BENCH_AUDIT_ENTRIES", 1_000_000),
};
/** Half the sent letters (sent over 2020–2021) are overdue on this day. */
const AS_OF = process.env.BENCH_AS_OF ?? "2021-01-01";
/** Status is timed on five campaigns across the table, in turn. */
const spread = [0, 0.25, 0.5, 0.75, 1].map((f) => 1 + Math.round(f * (SIZE.campaigns - 1)));
const CAMPAIGNS = [...new Set(spread)].map((c) => `bench-${String(c).padStart(4, "0")}`);

async function benchKind(kind: Kind): Promise<KindReport> {
  console.log(`\n${kind}: opening and migrating a new database, then seeding...`);
  const { database, drop } = await openBenchDatabase(kind);
  try {
    const seed = await seedRecords(database.db, SIZE);
    console.log(`  seeded in ${seed.seconds.toFixed(1)} s`);
    const start = performance.now();
    await database.db.execute(sql`ANALYZE`);
    const analyzeSeconds = (performance.now() - start) / 1000;
    const measured = await measureRecords(database, { campaigns: CAMPAIGNS, asOf: AS_OF });
    // A second server's pool on the same PostgreSQL (PGlite has one owner: one instance).
    const second = kind === "postgres" ? await openSecondInstance(database) : undefined;
    const instances = await measureInstances(second ? [database, second] : [database], {
      url: kind === "postgres" ? urlOf(database) : undefined,
      campaigns: CAMPAIGNS,
      asOf: AS_OF,
    }).finally(() => second?.close());
    console.log(`\n${formatPlans(`${kind}: status of ${CAMPAIGNS[0]}, query plans`, measured.plans.status)}`);
    console.log(`\n${formatPlans(`${kind}: overdue letters, query plan`, measured.plans.overdue)}`);
    return rateKind(kind, seed, analyzeSeconds, measured, instances);
  } finally {
    await drop();
  }
}

async function main(): Promise<void> {
  const notes: string[] = [];
  if (!POSTGRES_URL) {
    if (process.env.CI === "true")
      throw new Error("set POSTBAG_BENCH_POSTGRES_URL: CI benches PostgreSQL too");
    notes.push(
      "PostgreSQL not measured: set POSTBAG_BENCH_POSTGRES_URL (bash .ci/start-postgres.sh prints one).",
    );
  }
  const kinds: Kind[] = POSTGRES_URL ? ["pglite", "postgres"] : ["pglite"];
  const databases: KindReport[] = [];
  for (const kind of kinds) databases.push(await benchKind(kind));
  const report = makeRecordsReport(AS_OF, SIZE, databases, notes);
  console.log(`\n${formatRecordsReport(report)}`);
  await mkdir(`${ROOT}.bench`, { recursive: true });
  await writeFile(`${ROOT}.bench/records-bench.json`, `${JSON.stringify(report, null, 2)}\n`);
  console.log("\nWritten to .bench/records-bench.json");
}

try {
  await main();
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
