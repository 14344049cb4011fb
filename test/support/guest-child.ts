import { writeSync } from "node:fs";
import { sql } from "drizzle-orm";
import { openDatabase } from "../../src/store/database.ts";

// A guest of the embedded database for test/integration/one-owner.test.ts to
// kill with SIGKILL mid-transaction: it opens the data folder in argv[2] (its
// owner is the test process), inserts a user in a transaction it never ends,
// says "inside" and waits there.

const dataDir = process.argv[2] ?? "";
const database = await openDatabase({ dataDir, opener: { command: "guest-child" } });
if (!database.viaOwner) throw new Error("guest-child expected the data folder to have an owner already");
await database.db.transaction(async (tx) => {
  await tx.execute(
    sql`INSERT INTO users (email, role) VALUES ('killed-mid-transaction@example.org', 'viewer')`,
  );
  writeSync(1, "inside\n");
  await new Promise(() => {});
});
