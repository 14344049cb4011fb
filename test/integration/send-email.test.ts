import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { simpleParser, type ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  describeOnEachDatabase,
  freshDatabase,
  type DatabaseKind,
  type TestDatabase,
} from "../support/databases.ts";
import { toCsv, type Row } from "../support/campaign-factory.ts";
import { commandOn, copyOfExample, rawSql } from "../support/records.ts";
import { startSmtpRecorder, type SmtpRecorder } from "../support/smtp-recorder.ts";
import { postbagAsync } from "../support/render-cli.ts";

// `postbag send --via email` against a real SMTP server on loopback: what
// arrives, what is recorded, and what a refusal or a deferral does.

const EMAILS: Record<string, string> = {
  nottinghamshire: "pcc@nottinghamshire.example",
  "thames-valley": "pcc@thamesvalley.example",
  sussex: "pcc@sussex.example",
  essex: "refuses@essex.example",
  // The fifth recipient keeps an empty email: reported, not queued.
};

function sendTo(recorder: SmtpRecorder, database: TestDatabase, settings: Record<string, string> = {}) {
  const env = {
    ...database.env,
    POSTBAG_SMTP_HOST: "127.0.0.1",
    POSTBAG_SMTP_PORT: String(recorder.port),
    POSTBAG_SMTP_SECURITY: "none",
    POSTBAG_MAIL_FROM: "Office of the Commissioner <office@postbag.example>",
    POSTBAG_SEND_PER_MINUTE: "1000",
    ...settings,
  };
  const run = (args: string[]) => postbagAsync(args, env);
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

describeOnEachDatabase("postbag send --via email", (kind: DatabaseKind) => {
  let database: TestDatabase;
  let recorder: SmtpRecorder;
  let dataDir: string;
  let campaign: ReturnType<typeof copyOfExample>;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    dataDir = database.location.dataDir;
    recorder = await startSmtpRecorder();
    campaign = copyOfExample();
    // A subject line (a heading): the email's Subject is the letter's, not the campaign's title.
    const letter = join(campaign.dir, "letter.md");
    writeFileSync(letter, `# Your **unit's** strategy[^funding]\n\n${readFileSync(letter, "utf8")}`);
    campaign.editRecipients((csv) => {
      const rows = parse(csv, { columns: true }) as Row[];
      for (const row of rows) row.email = EMAILS[row.id ?? ""] ?? "";
      return toCsv(Object.keys(rows[0] ?? {}), rows);
    });
    const postbag = commandOn(database);
    expect((await postbag.run(["import", campaign.dir])).status).toBe(0);
    expect(
      (await postbag.run(["users", "add", "--email", "ann@example.org", "--role", "approver"])).status,
    ).toBe(0);
    expect((await postbag.run(["approve", "vru-2020", "--by", "ann@example.org"])).status).toBe(0);
  }, 180_000);

  afterAll(async () => {
    await recorder?.close();
    await database?.drop();
  });

  it("with --dry-run sends nothing and changes nothing", async () => {
    const before = await rawSql(database, "select count(*)::int as n from audit_log");
    const result = await sendTo(recorder, database).json(["send", "vru-2020", "--via", "email", "--dry-run"]);
    expect(result.queued.map((letter: { recipient: string }) => letter.recipient).sort()).toEqual(
      Object.keys(EMAILS).sort(),
    );
    expect(result.skipped).toHaveLength(1);
    expect(recorder.messages).toHaveLength(0);
    expect(await rawSql(database, "select count(*)::int as n from audit_log")).toEqual(before);
    expect(await rawSql(database, "select * from outbound_messages")).toEqual([]);
  });

  it("stops within seconds when the server offers no STARTTLS, says why, and records nothing as sent", async () => {
    const started = Date.now();
    const send = await sendTo(recorder, database, { POSTBAG_SMTP_SECURITY: "starttls" }).run([
      "send",
      "vru-2020",
      "--via",
      "email",
    ]);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(send.status).toBe(1);
    expect(send.stderr).toMatch(
      /postbag: error: email could not be sent: the mail server does not offer STARTTLS \(POSTBAG_SMTP_SECURITY=starttls\): .*Nothing was recorded as sent/,
    );
    expect(recorder.messages).toHaveLength(0);
    const rows = (await rawSql(
      database,
      `select o.state, o.last_error, l.state as letter_state from outbound_messages o join letters l on l.id = o.letter_id`,
    )) as { state: string; last_error: string; letter_state: string }[];
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row).toMatchObject({ state: "failed", letter_state: "approved" });
      expect(row.last_error).toMatch(/does not offer STARTTLS/);
    }
    expect(
      await rawSql(database, "select count(*)::int as n from audit_log where action = 'letter.sent'"),
    ).toEqual([{ n: 0 }]);
  }, 60_000);

  it("delivers each letter with an email once; a 550 returns its letter, a 451 is retried", async () => {
    recorder.refuse("refuses@essex.example");
    recorder.defer("pcc@sussex.example", 1);
    const send = await sendTo(recorder, database).run(["send", "vru-2020", "--via", "email", "--json"]);
    expect(send.status, send.stderr).toBe(0);
    const result = JSON.parse(send.stdout);
    expect(result).toMatchObject({ sent: 3, returned: 1 });
    expect(send.stderr).toMatch(/Not queued: \S+: no email address/);

    const delivered = recorder.messages.map((message) => message.to[0]).sort();
    expect(delivered).toEqual([
      "pcc@nottinghamshire.example",
      "pcc@sussex.example",
      "pcc@thamesvalley.example",
    ]);

    const rows = (await rawSql(
      database,
      `select o.*, r.key, l.state as letter_state, l.sent_via, l.current_version
         from outbound_messages o join letters l on l.id = o.letter_id join recipients r on r.id = l.recipient_id`,
    )) as Record<string, unknown>[];
    expect(rows.filter((row) => row.state === "failed")).toHaveLength(4);
    for (const message of recorder.messages) {
      const mail: ParsedMail = await simpleParser(message.raw);
      const row = rows.find(
        (candidate) => candidate.to_address === message.to[0] && candidate.state !== "failed",
      );
      expect(row).toBeDefined();
      if (!row) continue;
      expect(mail.messageId).toBe(row.message_id);
      // The second attempt of each (the first met the STARTTLS fault and never left).
      expect(mail.messageId).toMatch(new RegExp(`^<letter-\\d+-v1\\.r2\\.vru-2020@postbag\\.example>$`));
      expect(mail.replyTo?.value[0]?.address).toBe(`replies+${String(row.reply_token)}@postbag.example`);
      expect(String(row.reply_token)).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(mail.headers.get("x-postbag-letter")).toBe(`vru-2020/${String(row.key)}`);
      expect(mail.from?.value[0]?.address).toBe("office@postbag.example");
      expect(mail.subject).toBe("Your unit's strategy");
      expect(mail.html).toContain("<");
      expect(mail.text?.length ?? 0).toBeGreaterThan(100);
      const [pdf] = mail.attachments;
      expect(pdf?.contentType).toBe("application/pdf");
      expect(pdf?.content.subarray(0, 4).toString()).toBe("%PDF");
      const [stored] = (await rawSql(
        database,
        `select f.file_hash from letter_version_files f join letter_versions v on v.id = f.version_id
          where v.id = ${Number(row.version_id)} and f.format = 'pdf'`,
      )) as { file_hash: string }[];
      const bytes = readFileSync(storedPath(dataDir, stored?.file_hash ?? ""));
      expect(Buffer.compare(pdf?.content ?? Buffer.alloc(0), bytes)).toBe(0);
      expect(row).toMatchObject({ state: "sent", letter_state: "sent", sent_via: "email" });
    }
    const sussex = rows.find((row) => row.key === "sussex" && row.state !== "failed");
    expect(sussex?.attempts).toBe(2);
    const essex = rows.find((row) => row.key === "essex" && row.state !== "failed");
    expect(essex).toMatchObject({ state: "returned", letter_state: "returned" });
    expect(String(essex?.last_error)).toContain("550");

    const audit = (await rawSql(
      database,
      "select action, entity_id, after from audit_log where action in ('letter.queued','letter.sent','letter.returned') order by id",
    )) as { action: string; entity_id: string; after: Record<string, unknown> }[];
    expect(audit.filter((entry) => entry.action === "letter.queued")).toHaveLength(8);
    expect(audit.filter((entry) => entry.action === "letter.sent")).toHaveLength(4);
    const returned = audit.find((entry) => entry.action === "letter.returned");
    expect(returned?.entity_id).toBe("vru-2020/essex");
    expect(String(returned?.after.reason)).toContain("550");
    expect(await sendTo(recorder, database).json(["audit", "verify"])).toMatchObject({ ok: true });
  }, 120_000);

  it("sends nothing twice when run again", async () => {
    const count = recorder.messages.length;
    const again = await sendTo(recorder, database).json(["send", "vru-2020", "--via", "email"]);
    expect(again.queued).toEqual([]);
    expect(recorder.messages).toHaveLength(count);
  }, 60_000);

  it("sends a returned letter again, when named, to its corrected address, keeping its history", async () => {
    campaign.editRecipients((csv) => csv.replace("refuses@essex.example", "pcc@essex.example"));
    const postbag = commandOn(database);
    expect((await postbag.run(["import", campaign.dir])).status).toBe(0);
    // The whole campaign takes approved letters only: a returned one goes again when asked for by name.
    const campaignWide = await sendTo(recorder, database).json(["send", "vru-2020", "--via", "email"]);
    expect(campaignWide.queued).toEqual([]);
    const count = recorder.messages.length;

    const again = await sendTo(recorder, database).json([
      "send",
      "vru-2020",
      "--recipient",
      "essex",
      "--via",
      "email",
    ]);
    expect(again).toMatchObject({ sent: 1, returned: 0 });
    expect(recorder.messages).toHaveLength(count + 1);
    expect(recorder.messages.at(-1)?.to).toEqual(["pcc@essex.example"]);
    const rows = (await rawSql(
      database,
      `select o.state, o.to_address, o.message_id, l.state as letter_state from outbound_messages o
         join letters l on l.id = o.letter_id join recipients r on r.id = l.recipient_id
        where r.key = 'essex' and o.state <> 'failed' order by o.id`,
    )) as { state: string; to_address: string; message_id: string; letter_state: string }[];
    expect(rows.map((row) => [row.state, row.to_address])).toEqual([
      ["returned", "refuses@essex.example"],
      ["sent", "pcc@essex.example"],
    ]);
    expect(rows[1]?.message_id).toMatch(/\.r3\.vru-2020@/);
    expect(rows[1]?.letter_state).toBe("sent");
    const history = (await rawSql(
      database,
      "select action from audit_log where entity_id = 'vru-2020/essex' and action like 'letter.%' order by id",
    )) as { action: string }[];
    expect(history.map((entry) => entry.action).slice(-5)).toEqual([
      "letter.queued",
      "letter.sent",
      "letter.returned",
      "letter.queued",
      "letter.sent",
    ]);
  }, 60_000);
});

describe("postbag send: bad input", () => {
  it("exits 2 without --via", async () => {
    const database = await freshDatabase("pglite");
    const result = await commandOn(database).run(["send", "vru-2020"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--via");
  });
});

function storedPath(dataDir: string, hash: string): string {
  return join(dataDir, "files", hash.slice(0, 2), hash);
}
