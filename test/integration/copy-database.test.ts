import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { freshDatabase, POSTGRES_REASON, skipDatabase } from "../support/databases.ts";
import { commandOn, rawSql } from "../support/records.ts";
import { EXAMPLE, tempDir } from "../support/render-cli.ts";
import { serve } from "../support/serve-process.ts";
import { postbagAsync } from "../support/render-cli.ts";
import { createThrowawayDatabase } from "../support/throwaway-postgres.ts";

// Moving from the embedded database to a PostgreSQL server, as the README
// says: `postbag copy-database --to <url> --files database`, then the same
// commands with DATABASE_URL give the same answers, files included.

const POSTGRES_URL = process.env.POSTBAG_TEST_POSTGRES_URL ?? "";

describe.skipIf(skipDatabase("postgres"))(
  skipDatabase("postgres") ? POSTGRES_REASON : "postbag copy-database",
  () => {
    it("copies every record, the audit log and the stored files into an empty server database", async () => {
      const embedded = await freshDatabase("pglite");
      const local = commandOn(embedded);
      const reply = join(tempDir("postbag-reply-"), "reply.pdf");
      writeFileSync(reply, "%PDF-1.4 a reply from Sussex");
      for (const step of [
        ["import", EXAMPLE],
        ["users", "add", "--email", "ann@example.org", "--role", "approver"],
        ["approve", "vru-2020", "--by", "ann@example.org"],
        ["record-sent", "vru-2020", "--on", "2020-10-13", "--via", "post"],
        [
          "record-reply",
          "vru-2020",
          "--recipient",
          "sussex",
          "--on",
          "2020-11-02",
          "--file",
          reply,
          "--item",
          "needs-assessment=received",
        ],
        ["publish", "vru-2020"],
      ]) {
        const result = await local.run(step);
        expect(result.status, result.stderr).toBe(0);
      }
      const before = await local.json(["status", "vru-2020", "--as-of", "2020-11-20"]);

      // Not while a server has the folder: the copy would miss what it writes meanwhile.
      const running = await serve({
        ...embedded.env,
        POSTBAG_ADMIN_PASSWORD: "a long enough secret for tests",
      });
      onTestFinished(() => running.stop());
      const server = await createThrowawayDatabase(POSTGRES_URL, "postbag_copy");
      onTestFinished(() => server.drop());
      const refused = await postbagAsync(["copy-database", "--to", server.url], embedded.env);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain("is in use by `postbag serve`");
      expect(refused.stderr).toContain("stop it first, then run this again");
      await running.stop();

      const copied = await local.json(["copy-database", "--to", server.url, "--files", "database"]);
      expect(copied.audit.ok).toBe(true);
      expect(copied.files).toBeGreaterThanOrEqual(6); // five approved PDFs and the reply
      const rows = Object.fromEntries(
        copied.tables.map((table: { table: string; rows: number }) => [table.table, table.rows]),
      );
      expect(rows).toMatchObject({ letters: 5, replies: 1, users: 2 });
      expect(rows.search_entries).toBeGreaterThan(0); // with its generated column made afresh

      const elsewhere = tempDir("postbag-elsewhere-");
      const onServer = {
        ...embedded,
        env: { POSTBAG_DATA: elsewhere, DATABASE_URL: server.url, POSTBAG_FILE_STORE: "database" },
        location: { dataDir: elsewhere, databaseUrl: server.url },
      };
      const remote = commandOn(onServer);
      expect(await remote.json(["status", "vru-2020", "--as-of", "2020-11-20"])).toEqual(before);
      expect((await remote.run(["audit", "verify"])).stdout).toMatch(
        /^The audit log is intact: \d+ entries\n$/,
      );
      // The ids go on from where the copy left them.
      expect(
        (await remote.run(["users", "add", "--email", "bob@example.org", "--role", "viewer"])).status,
      ).toBe(0);
      // The stored files are in the server's database.
      const [{ n }] = (await rawSql(onServer, "SELECT count(DISTINCT hash)::int AS n FROM file_parts")) as [
        { n: number },
      ];
      expect(n).toBe(copied.files);

      // Copying again into a database that is no longer empty is refused, and changes nothing.
      const again = await local.run(["copy-database", "--to", server.url]);
      expect(again.status).toBe(2);
      expect(again.stderr).toContain("already holds campaigns, users or audit entries");
      expect(await rawSql(onServer, "SELECT count(*)::int AS n FROM users")).toEqual([{ n: 3 }]);
    }, 180_000);
  },
);
