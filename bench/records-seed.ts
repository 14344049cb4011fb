import { performance } from "node:perf_hooks";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../src/store/database.ts";
import { seedAudit } from "./records-seed-audit.ts";
import { seedLetters } from "./records-seed-letters.ts";

// Seeds the records bench: set-based SQL (INSERT … SELECT FROM
// generate_series), one statement per table, through Drizzle's execute.
// Ids are given explicitly (1..n), so the rows refer to each other by
// arithmetic; the sequences are moved past them at the end.

export interface Size {
  campaigns: number;
  recipientsPerCampaign: number;
  auditEntries: number;
}

export interface SeedStep {
  table: string;
  rows: number;
  seconds: number;
}

export interface Seeded {
  seconds: number;
  steps: SeedStep[];
}

/** A step of the seed: a table, its expected row count, and its statements. */
export interface Statement {
  table: string;
  rows: number;
  sql: SQL;
}

const SEQUENCES = ["recipients", "letters", "letter_versions", "audit_log"];

export async function seedRecords(db: Db, size: Size): Promise<Seeded> {
  const statements = [...seedLetters(size), ...seedAudit(size)];
  const steps: SeedStep[] = [];
  const start = performance.now();
  for (const statement of statements) {
    const before = performance.now();
    await db.execute(statement.sql);
    const seconds = (performance.now() - before) / 1000;
    steps.push({ table: statement.table, rows: statement.rows, seconds });
    console.log(
      `  ${statement.table.padEnd(18)}${String(statement.rows).padStart(9)} rows ${seconds.toFixed(1).padStart(6)} s`,
    );
  }
  for (const table of SEQUENCES) {
    await db.execute(
      sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), (SELECT max(id) FROM ${sql.identifier(table)}))`,
    );
  }
  return { seconds: (performance.now() - start) / 1000, steps };
}
