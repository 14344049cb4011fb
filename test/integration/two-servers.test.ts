import { describe, expect, it, onTestFinished } from "vitest";
import { freshDatabase, POSTGRES_REASON, skipDatabase } from "../support/databases.ts";
import { rawSql } from "../support/records.ts";
import { postbagAsync, serve } from "../support/serve-process.ts";

// Two `postbag serve` instances and the command line on one PostgreSQL, as an
// office behind a load balancer runs them: started together, they make one
// admin and one demo campaign; writes from several processes at once are
// each made once; a change to what is public shows on both at once.

const ADMIN = { POSTBAG_ADMIN_PASSWORD: "a long enough secret for tests" };

describe.skipIf(skipDatabase("postgres"))(
  skipDatabase("postgres") ? POSTGRES_REASON : "two servers on one PostgreSQL",
  () => {
    it("start together, write once each, and unpublish on both at once", async () => {
      const database = await freshDatabase("postgres");
      onTestFinished(() => database.drop());
      const env = { ...database.env, ...ADMIN };
      const [first, second] = await Promise.all([serve(env), serve(env)]);
      onTestFinished(() => Promise.all([first.stop(), second.stop()]).then(() => undefined));
      // Whichever took the first-start lock first made the admin and loaded the demo; the other found them.
      const outputs = [first.output, second.output];
      expect(outputs.filter((output) => output.includes("Created the admin"))).toHaveLength(1);
      expect(outputs.filter((output) => output.includes("Demo campaign vru-2020 is loaded"))).toHaveLength(1);
      expect(await rawSql(database, "SELECT count(*)::int AS n FROM users WHERE role = 'admin'")).toEqual([
        { n: 1 },
      ]);

      // Two approvals and a record-sent at once, from three processes.
      const writes = await Promise.all([
        postbagAsync(["approve", "vru-2020", "--by", "admin@localhost", "--json"], env),
        postbagAsync(["approve", "vru-2020", "--by", "admin@localhost", "--json"], env),
      ]);
      const approved = writes.flatMap((write) =>
        write.status === 0 ? (JSON.parse(write.stdout) as { approved: string[] }).approved : [],
      );
      expect(approved.sort()).toEqual([
        "essex",
        "nottinghamshire",
        "south-yorkshire",
        "sussex",
        "thames-valley",
      ]);
      const sent = await Promise.all(
        ["sussex", "essex"].map((recipient) =>
          postbagAsync(
            ["record-sent", "vru-2020", "--recipient", recipient, "--on", "2026-12-01", "--via", "post"],
            env,
          ),
        ),
      );
      expect(sent.map((result) => result.status)).toEqual([0, 0]);
      expect(
        await rawSql(database, "SELECT count(*)::int AS n FROM audit_log WHERE action = 'letter.approved'"),
      ).toEqual([{ n: 5 }]);

      // Published from the command line: both servers show it; unpublished: gone from both at once.
      expect((await postbagAsync(["publish", "vru-2020"], env)).status).toBe(0);
      const page = (server: { address: string }) =>
        fetch(`${server.address}/campaigns/vru-2020/`).then((response) => response.status);
      expect([await page(first), await page(second)]).toEqual([200, 200]);
      expect((await postbagAsync(["unpublish", "vru-2020"], env)).status).toBe(0);
      expect([await page(first), await page(second)]).toEqual([404, 404]);

      const verified = await postbagAsync(["audit", "verify"], env);
      expect(verified.stdout).toMatch(/The audit log is intact: \d+ entries/);
    }, 180_000);
  },
);
