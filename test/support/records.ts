import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase } from "../../src/store/database.ts";
import type { TestDatabase } from "./databases.ts";
import { EXAMPLE, postbagInProcess, tempDir } from "./render-cli.ts";

/**
 * Runs postbag commands against a test database, in this process through the
 * CLI's own main(args, io) (render-cli.ts); parses --json output.
 */
export function commandOn(database: TestDatabase) {
  const run = (args: string[], input?: string) => postbagInProcess(args, database.env, input);
  return {
    run,
    async json(args: string[]) {
      const result = await run([...args, "--json"]);
      if (result.status !== 0)
        throw new Error(`postbag ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
      return JSON.parse(result.stdout);
    },
  };
}

/** Runs SQL straight on the database, as someone bypassing Postbag would. */
export async function rawSql(database: TestDatabase, query: string): Promise<unknown[]> {
  const opened = await openDatabase(database.location);
  try {
    const result = await opened.db.execute(sql.raw(query));
    return (result as { rows: unknown[] }).rows;
  } finally {
    await opened.close();
  }
}

/** A copy of the example campaign that a test may change. */
export function copyOfExample(): { dir: string; editRecipients(edit: (csv: string) => string): void } {
  const dir = join(tempDir("postbag-campaign-"), "vru-2020");
  cpSync(EXAMPLE, dir, { recursive: true });
  return {
    dir,
    editRecipients(edit) {
      const file = join(dir, "recipients.csv");
      writeFileSync(file, edit(readFileSync(file, "utf8")));
    },
  };
}
