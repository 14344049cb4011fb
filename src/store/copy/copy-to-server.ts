import { PostbagError } from "../../errors.ts";
import type { FileStore } from "../../files/file-store.ts";
import { databaseFileStore } from "../../files/store/database-file-store.ts";
import { verifyAudit, type AuditVerdict } from "../audit.ts";
import { openDatabase, type Database } from "../database.ts";
import { copyDatabase, type CopiedTable } from "./copy-database.ts";

// Moving from the embedded database to a PostgreSQL server: every table
// copied into a new, empty database on the server (migrated first), and, when
// asked, the stored files into it too (for POSTBAG_FILE_STORE=database). The
// embedded database is left as it was.

export interface CopyToServerOptions {
  to: string;
  /** "database": the data folder's stored files are copied into the server as well. */
  files: "folder" | "database";
  onProgress?: (line: string) => void;
}

export interface CopyToServerResult {
  tables: CopiedTable[];
  files: number;
  audit: AuditVerdict;
}

export async function copyToServer(
  { to, files, onProgress }: CopyToServerOptions,
  deps: {
    database(): Promise<Database>;
    databaseUrl: string | undefined;
    fileStore: FileStore;
    dataDir: string;
  },
): Promise<CopyToServerResult> {
  if (deps.databaseUrl) {
    throw new PostbagError(
      "bad_input",
      "copy-database copies the embedded database: unset DATABASE_URL and name the server with --to",
      { field: "DATABASE_URL" },
    );
  }
  const source = await deps.database();
  await refuseWhileSending(source);
  const target = await openDatabase({ dataDir: deps.dataDir, databaseUrl: to });
  try {
    await target.migrate();
    const tables = await copyDatabase(source, target, (table) =>
      onProgress?.(`${table.table}: ${table.rows} rows`),
    );
    let copiedFiles = 0;
    if (files === "database") {
      const into = databaseFileStore(async () => target);
      for await (const hash of deps.fileStore.list()) {
        const bytes = await deps.fileStore.get(hash);
        if (bytes) await into.put(bytes);
        copiedFiles += 1;
      }
      onProgress?.(`stored files: ${copiedFiles}`);
    }
    return { tables, files: copiedFiles, audit: await verifyAudit(target.db) };
  } finally {
    await target.close();
  }
}

/** Letters on their way out are jobs of the embedded queue: they must have gone (or failed) first. */
async function refuseWhileSending(source: Database): Promise<void> {
  const waiting = await source
    .query("SELECT count(*)::int AS n FROM pgboss.job WHERE state IN ('created', 'retry', 'active')")
    .then((result) => (result.rows[0] as { n: number }).n)
    .catch(() => 0);
  if (waiting > 0) {
    throw new PostbagError(
      "conflict",
      `${waiting} letter(s) are still queued to be sent: let postbag serve send them (or cancel them) first`,
    );
  }
}
