import { asc, count, getTableName, sql } from "drizzle-orm";
import { getTableConfig, type PgColumn, type PgTable } from "drizzle-orm/pg-core";
import { PostbagError } from "../../errors.ts";
import type { Database, Tx } from "../database.ts";
import * as schema from "../schema.ts";

// Copies every table of one database into another, empty one (the embedded
// database into a PostgreSQL server): parents before children, a page of rows
// at a time, all in one transaction of the target, then each table's id
// sequence moved past the ids copied. The audit chain is copied row for row,
// so it verifies on the target as it did on the source.

/** Rows read and written at a time: a page stays well under 65,535 parameters and in memory. */
const PAGE = 500;

export interface CopiedTable {
  table: string;
  rows: number;
}

export async function copyDatabase(
  source: Database,
  target: Database,
  onTable?: (copied: CopiedTable) => void,
): Promise<CopiedTable[]> {
  await refuseUnlessEmpty(target);
  const tables = inDependencyOrder(Object.values(schema).filter(isTable));
  // Rows are copied as they are, audit entries included: no new entries, so not inTransaction.
  return target.db.transaction(async (tx) => {
    const copied: CopiedTable[] = [];
    for (const table of tables) {
      const rows = await copyTable(source, tx, table);
      await moveSequencesPast(tx, table);
      copied.push({ table: getTableName(table), rows });
      onTable?.(copied[copied.length - 1]!);
    }
    return copied;
  });
}

async function refuseUnlessEmpty(target: Database): Promise<void> {
  const { rows } = await target.query(
    "SELECT (SELECT count(*) FROM campaigns) + (SELECT count(*) FROM users) + (SELECT count(*) FROM audit_log) AS n",
  );
  if (Number((rows[0] as { n: string | number } | undefined)?.n ?? 0) > 0) {
    throw new PostbagError(
      "bad_input",
      "the target database already holds campaigns, users or audit entries: copy into a new, empty database",
      { field: "to" },
    );
  }
}

async function copyTable(source: Database, tx: Tx, table: PgTable): Promise<number> {
  const keys = keyColumns(table);
  let written = 0;
  let after: unknown[] | undefined;
  for (;;) {
    const page = (await source.db
      .select()
      .from(table)
      .where(
        after === undefined
          ? undefined
          : sql`(${sql.join(
              keys.map((key) => key.column),
              sql`, `,
            )}) > (${sql.join(
              after.map((value) => sql`${value}`),
              sql`, `,
            )})`,
      )
      .orderBy(...keys.map((key) => asc(key.column)))
      .limit(PAGE)) as Record<string, unknown>[];
    if (page.length === 0) break;
    await tx.insert(table).values(page);
    written += page.length;
    const last = page[page.length - 1]!;
    after = keys.map((key) => last[key.property]);
    if (page.length < PAGE) break;
  }
  const [check] = await tx.select({ n: count() }).from(table);
  if (check?.n !== written)
    throw new Error(`${getTableName(table)}: ${written} rows read, ${check?.n} in the target`);
  return written;
}

/** The primary key's columns and the properties rows carry them as, to page through the table in key order. */
function keyColumns(table: PgTable): { column: PgColumn; property: string }[] {
  const config = getTableConfig(table);
  const columns = config.columns.filter((column) => column.primary);
  const key = columns.length > 0 ? columns : (config.primaryKeys[0]?.columns ?? []);
  if (key.length === 0) throw new Error(`${config.name} has no primary key to page by`);
  const properties = new Map(Object.entries(table).map(([property, value]) => [value as unknown, property]));
  return key.map((column) => ({ column, property: properties.get(column) ?? column.name }));
}

async function moveSequencesPast(tx: Tx, table: PgTable): Promise<void> {
  const name = getTableName(table);
  for (const column of getTableConfig(table).columns) {
    if (!["PgSerial", "PgBigSerial53", "PgBigSerial64"].includes(column.columnType)) continue;
    await tx.execute(
      sql`SELECT setval(pg_get_serial_sequence(${name}, ${column.name}), coalesce(max(${sql.identifier(column.name)}), 0) + 1, false) FROM ${sql.identifier(name)}`,
    );
  }
}

function isTable(value: unknown): value is PgTable {
  try {
    return (
      getTableName(value as PgTable) !== undefined && getTableConfig(value as PgTable).columns.length > 0
    );
  } catch {
    return false;
  }
}

/** Tables ordered so that every table comes after those its foreign keys point to. */
function inDependencyOrder(tables: PgTable[]): PgTable[] {
  const ordered: PgTable[] = [];
  const placed = new Set<PgTable>();
  const visit = (table: PgTable, path: Set<PgTable>) => {
    if (placed.has(table) || path.has(table)) return;
    path.add(table);
    for (const foreignKey of getTableConfig(table).foreignKeys) {
      const parent = foreignKey.reference().foreignTable;
      if (parent !== table) visit(parent, path);
    }
    placed.add(table);
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered;
}
