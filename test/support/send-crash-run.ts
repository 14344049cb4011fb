import { spawn } from "node:child_process";
import { simpleParser } from "mailparser";
import { aRow, writeCampaign } from "./campaign-factory.ts";
import type { TestDatabase } from "./databases.ts";
import { commandOn, rawSql } from "./records.ts";
import { POSTBAG, postbagAsync } from "./render-cli.ts";
import type { SmtpRecorder } from "./smtp-recorder.ts";

// The crash run shared by test/integration/send-crash.test.ts and
// bench/send-bench.ts: approve N letters, start `postbag send`, SIGKILL it at
// a random moment (0.3–1.5 s after mail starts arriving), restart, repeat,
// then let it finish; report what the SMTP server received.

export interface CrashReport {
  kills: number;
  finalStatus: number | null;
  finalStderr: string;
  /** Addresses that never received their letter. */
  missing: string[];
  duplicates: { to: string; messageIds: string[]; attempts: number }[];
  rowStates: Record<string, number>;
  letterStates: Record<string, number>;
  seconds: number;
}

export async function sendCrashRun(options: {
  database: TestDatabase;
  recorder: SmtpRecorder;
  letters: number;
  crashes: number;
}): Promise<CrashReport> {
  const { database, recorder } = options;
  const rows = Array.from({ length: options.letters }, (_, index) => {
    const id = `r${String(index + 1).padStart(4, "0")}`;
    return {
      ...aRow({ id, name: `Person ${index + 1}`, salutation: `Dear Person ${index + 1}` }),
      email: `${id}@example.test`,
    };
  });
  const dir = await writeCampaign({ rows });
  const postbag = commandOn(database);
  const imported = await postbag.json(["import", dir]);
  const campaign: string = imported.campaign ?? imported.id;
  await postbag.run(["users", "add", "--email", "ann@example.org", "--role", "approver"]);
  const approved = await postbag.run(["approve", campaign, "--by", "ann@example.org"]);
  if (approved.status !== 0) throw new Error(`approve failed: ${approved.stderr}`);
  const env = {
    ...database.env,
    POSTBAG_SMTP_HOST: "127.0.0.1",
    POSTBAG_SMTP_PORT: String(recorder.port),
    POSTBAG_SMTP_SECURITY: "none",
    POSTBAG_MAIL_FROM: "Office <office@postbag.example>",
    POSTBAG_SEND_PER_MINUTE: "100000",
    // A killed send's job is taken up again after 10 s (the least allowed), not 120: the SMTP server is on loopback.
    POSTBAG_SEND_EXPIRE_SECONDS: "10",
  };
  const started = Date.now();
  let kills = 0;
  for (let crash = 0; crash < options.crashes; crash += 1) {
    const child = spawn(process.execPath, [POSTBAG, "send", campaign, "--via", "email"], {
      env: { ...process.env, ...env },
      stdio: "ignore",
    });
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    const before = recorder.messages.length;
    // Start-up (tsx, the render pool, pg-boss) takes a while: count from the first message of this run.
    const deadline = Date.now() + 60_000;
    let done = false;
    void exited.then(() => (done = true));
    while (!done && recorder.messages.length === before && Date.now() < deadline) await pause(20);
    if (!done) {
      await pause(300 + Math.random() * 1200);
      if (!done) {
        child.kill("SIGKILL");
        kills += 1;
      }
    }
    await exited;
  }
  const final = await postbagAsync(["send", campaign, "--via", "email"], env);
  const seconds = (Date.now() - started) / 1000;

  const byAddress = new Map<string, string[]>();
  for (const message of recorder.messages) {
    const mail = await simpleParser(message.raw);
    for (const to of message.to) byAddress.set(to, [...(byAddress.get(to) ?? []), mail.messageId ?? ""]);
  }
  const outbound = (await rawSql(database, "select to_address, state, attempts from outbound_messages")) as {
    to_address: string;
    state: string;
    attempts: number;
  }[];
  const attempts = new Map(outbound.map((row) => [row.to_address, row.attempts]));
  const letters = (await rawSql(database, `select state from letters where campaign_id = '${campaign}'`)) as {
    state: string;
  }[];
  return {
    kills,
    finalStatus: final.status,
    finalStderr: final.stderr,
    missing: rows.map((row) => row.email).filter((email) => !byAddress.has(email)),
    duplicates: [...byAddress]
      .filter(([, ids]) => ids.length > 1)
      .map(([to, messageIds]) => ({ to, messageIds, attempts: attempts.get(to) ?? 0 })),
    rowStates: tally(outbound.map((row) => row.state)),
    letterStates: tally(letters.map((row) => row.state)),
    seconds,
  };
}

function tally(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
