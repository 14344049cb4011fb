import { describe, expect, it, onTestFinished } from "vitest";
import { freshDatabase, POSTGRES_REASON, skipDatabase } from "../support/databases.ts";
import { rawSql } from "../support/records.ts";
import { tempDir } from "../support/render-cli.ts";
import { serve } from "../support/serve-process.ts";
import { postbagAsync } from "../support/render-cli.ts";
import { WebClient } from "../support/web-app.ts";

/** The text of an HTML element's content, as the browser would submit it. */
function decodeHtml(html: string): string {
  return html
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

// Two `postbag serve` instances and the command line on one PostgreSQL, as an
// office behind a load balancer runs them, sharing nothing but the database:
// started together, they make one admin and one demo campaign; writes from
// several processes at once are each made once; a file one stored the other
// serves; a change to what is public shows on both at once.

const ADMIN = { POSTBAG_ADMIN_PASSWORD: "a long enough secret for tests" };

describe.skipIf(skipDatabase("postgres"))(
  skipDatabase("postgres") ? POSTGRES_REASON : "two servers on one PostgreSQL",
  () => {
    it("start together, write once each, and unpublish on both at once", async () => {
      // Empty, as a first start finds it: the two servers also race to migrate it.
      const database = await freshDatabase("postgres", { empty: true });
      onTestFinished(() => database.drop());
      // Nothing shared but the database: each process has a data folder of its own, files in the database.
      const env = {
        ...database.env,
        ...ADMIN,
        POSTBAG_FILE_STORE: "database",
        POSTBAG_DATA: tempDir("postbag-cli-"),
      };
      const [first, second] = await Promise.all([
        serve({ ...env, POSTBAG_DATA: tempDir("postbag-first-") }),
        serve({ ...env, POSTBAG_DATA: tempDir("postbag-second-") }),
      ]);
      onTestFinished(() => Promise.all([first.stop(), second.stop()]).then(() => undefined));
      // Whichever took the first-start lock first made the admin and loaded the demo; the other found them.
      const outputs = [first.output, second.output];
      expect(outputs.filter((output) => output.includes("Created the admin"))).toHaveLength(1);
      expect(outputs.filter((output) => output.includes("Demo campaign vru-2020 is loaded"))).toHaveLength(1);
      expect(await rawSql(database, "SELECT count(*)::int AS n FROM users WHERE role = 'admin'")).toEqual([
        { n: 1 },
      ]);

      // The letter edited on one server, then on the other from what it reads: each sees the other's edit.
      const template = "/manage/campaigns/vru-2020/template";
      const editOn = async (server: { address: string }, line: string) => {
        const staff = new WebClient(server.address);
        await staff.get("/sign-in");
        await staff.post("/sign-in", { email: "admin@localhost", password: ADMIN.POSTBAG_ADMIN_PASSWORD });
        const source = /<textarea[^>]*name="source"[^>]*>([\s\S]*?)<\/textarea>/.exec(
          (await staff.get(template)).text,
        );
        const text = decodeHtml(source?.[1] ?? "");
        const saved = await staff.post(template, {
          source: `${text.trimEnd()}\n\n${line}\n`,
          recipient: "essex",
        });
        expect(saved.status).toBe(303);
        return staff;
      };
      await editOn(first, "A line written on the first server.");
      const onSecond = await editOn(second, "A line written on the second server.");
      const seen = (await onSecond.get(template)).text;
      expect(seen).toContain("A line written on the first server.");
      expect(seen).toContain("A line written on the second server.");

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
      // The PDF the command line approved, from either server's public site.
      const pdfs = await Promise.all(
        [first, second].map((server) =>
          fetch(`${server.address}/campaigns/vru-2020/letters/sussex/letter.pdf`).then(async (response) => ({
            status: response.status,
            start: Buffer.from(await response.arrayBuffer())
              .subarray(0, 5)
              .toString("latin1"),
          })),
        ),
      );
      expect(pdfs).toEqual([
        { status: 200, start: "%PDF-" },
        { status: 200, start: "%PDF-" },
      ]);
      expect((await postbagAsync(["unpublish", "vru-2020"], env)).status).toBe(0);
      expect([await page(first), await page(second)]).toEqual([404, 404]);

      const verified = await postbagAsync(["audit", "verify"], env);
      expect(verified.stdout).toMatch(/The audit log is intact: \d+ entries/);
    }, 180_000);
  },
);
