import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { basename, dirname } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { aCampaignYaml, aRow, writeCampaign } from "../support/campaign-factory.ts";
import { freshDatabase, POSTGRES_REASON, skipDatabase, type TestDatabase } from "../support/databases.ts";
import { commandOn, rawSql } from "../support/records.ts";
import { POSTBAG, postbagAsync, tempDir } from "../support/render-cli.ts";
import { serve, type ServeProcess } from "../support/serve-process.ts";
import { startSmtpRecorder } from "../support/smtp-recorder.ts";

// Two servers and the command line on one PostgreSQL, and SIGKILL at a
// random moment of an import, a send, a publish and a static export, now of
// the command doing it, now of a server beside it. Afterwards the audit log
// verifies, every letter is in one state that agrees with its records, and
// the work, done again, finishes.

const LETTERS = 12;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(skipDatabase("postgres"))(
  skipDatabase("postgres") ? POSTGRES_REASON : "SIGKILL anywhere, two servers",
  () => {
    it("leaves a verified audit log and every letter in one state", async () => {
      const database = await freshDatabase("postgres");
      onTestFinished(() => database.drop());
      const recorder = await startSmtpRecorder();
      onTestFinished(() => recorder.close());
      const env = {
        ...database.env,
        POSTBAG_ADMIN_PASSWORD: "a long enough secret for tests",
        POSTBAG_FILE_STORE: "database",
        POSTBAG_SMTP_HOST: "127.0.0.1",
        POSTBAG_SMTP_PORT: String(recorder.port),
        POSTBAG_SMTP_SECURITY: "none",
        POSTBAG_MAIL_FROM: "Office <office@postbag.example>",
        POSTBAG_SEND_PER_MINUTE: "100000",
        // A killed send's job is taken up again after 20 s, not 120: the SMTP server is on loopback.
        POSTBAG_SEND_EXPIRE_SECONDS: "20",
      };
      const servers: (ServeProcess | undefined)[] = await Promise.all([
        serve({ ...env, POSTBAG_DATA: tempDir("postbag-one-") }),
        serve({ ...env, POSTBAG_DATA: tempDir("postbag-two-") }),
      ]);
      onTestFinished(async () => {
        for (const server of servers) await server?.stop();
      });

      const sending = await writeCampaign({
        yaml: aCampaignYaml({ id: "sending" }),
        rows: Array.from({ length: LETTERS }, (_, index) => ({
          ...aRow({ id: `r${index + 1}`, name: `Person ${index + 1}` }),
          email: `r${index + 1}@example.test`,
        })),
      });
      const importing = await writeCampaign({
        yaml: aCampaignYaml({ id: "importing" }),
        rows: Array.from({ length: 300 }, (_, index) =>
          aRow({ id: `i${index + 1}`, name: `Person ${index + 1}` }),
        ),
      });
      const postbag = commandOn({ ...database, env });
      expect((await postbag.run(["import", sending])).status).toBe(0);
      expect(
        (await postbag.run(["users", "add", "--email", "ann@example.org", "--role", "approver"])).status,
      ).toBe(0);
      expect((await postbag.run(["approve", "sending", "--by", "ann@example.org"])).status).toBe(0);
      const site = tempDir("postbag-site-");

      const rounds: { args: string[]; kill: "command" | 0 | 1 }[] = [
        { args: ["import", importing], kill: "command" },
        { args: ["send", "sending", "--via", "email"], kill: "command" },
        { args: ["publish", "sending"], kill: 0 },
        { args: ["publish", "--static", site], kill: "command" },
        { args: ["import", importing], kill: 1 },
        { args: ["unpublish", "sending"], kill: "command" },
      ];
      for (const round of rounds) {
        const child = spawn(process.execPath, [POSTBAG, ...round.args], {
          env: { ...process.env, ...env },
          stdio: "ignore",
        });
        const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
        // Start-up takes a second or two: the kill lands somewhere in the work itself, or just after.
        await pause(1500 + Math.random() * 2500);
        if (round.kill === "command") child.kill("SIGKILL");
        else {
          const server = servers[round.kill];
          if (server) process.kill(server.pid, "SIGKILL");
          await server?.stop();
          servers[round.kill] = await serve({ ...env, POSTBAG_DATA: tempDir("postbag-again-") });
        }
        await exited;
      }

      // The work done again finishes; what was sent is not lost.
      const again = await Promise.all([
        postbagAsync(["import", importing], env),
        postbagAsync(["publish", "--static", site], env),
      ]);
      expect(again.map((result) => [result.status, result.stderr])).toEqual([
        [0, ""],
        [0, ""],
      ]);
      // No staging folder of a killed export is left beside the site (the export after it removes them).
      expect(readdirSync(dirname(site)).filter((name) => name.startsWith(`.${basename(site)}.`))).toEqual([]);
      const sent = await postbagAsync(["send", "sending", "--via", "email"], env);
      expect(sent.status, sent.stderr).toBe(0);

      const verified = await postbagAsync(["audit", "verify"], env);
      expect(verified.stdout).toMatch(/^The audit log is intact: \d+ entries\n$/);
      expect(await lettersByState(database)).toEqual([
        { campaign_id: "importing", state: "draft", n: 300 },
        { campaign_id: "sending", state: "sent", n: LETTERS },
        { campaign_id: "vru-2020", state: "draft", n: 5 }, // the demo campaign, loaded on first start
      ]);
      // A letter is sent exactly when its records say so: a date, and its email delivered.
      expect(
        await rawSql(
          database,
          `SELECT count(*)::int AS n FROM letters l WHERE (l.state = 'sent') <> (l.sent_on IS NOT NULL)
             OR (l.campaign_id = 'sending' AND NOT EXISTS (
               SELECT 1 FROM outbound_messages o WHERE o.letter_id = l.id AND o.state = 'sent'))`,
        ),
      ).toEqual([{ n: 0 }]);
      const delivered = new Set(recorder.messages.flatMap((message) => message.to));
      expect(delivered.size).toBe(LETTERS);
    }, 600_000);
  },
);

function lettersByState(database: TestDatabase) {
  return rawSql(
    database,
    "SELECT campaign_id, state, count(*)::int AS n FROM letters GROUP BY campaign_id, state ORDER BY campaign_id, state",
  );
}
