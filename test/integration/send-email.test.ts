import { readFileSync } from "node:fs";
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

function sendTo(recorder: SmtpRecorder, database: TestDatabase) {
  const env = {
    ...database.env,
    POSTBAG_SMTP_HOST: "127.0.0.1",
    POSTBAG_SMTP_PORT: String(recorder.port),
    POSTBAG_SMTP_SECURITY: "none",
    POSTBAG_MAIL_FROM: "Office of the Commissioner <office@postbag.example>",
    POSTBAG_SEND_PER_MINUTE: "1000",
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

  beforeAll(async () => {
    database = await freshDatabase(kind);
    dataDir = database.location.dataDir;
    recorder = await startSmtpRecorder();
    const campaign = copyOfExample();
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
    expect(rows).toHaveLength(4);
    for (const message of recorder.messages) {
      const mail: ParsedMail = await simpleParser(message.raw);
      const row = rows.find((candidate) => candidate.to_address === message.to[0]);
      expect(row).toBeDefined();
      if (!row) continue;
      expect(mail.messageId).toBe(row.message_id);
      expect(mail.messageId).toMatch(new RegExp(`^<letter-\\d+-v1\\.vru-2020@postbag\\.example>$`));
      expect(mail.replyTo?.value[0]?.address).toBe(`replies+${String(row.reply_token)}@postbag.example`);
      expect(String(row.reply_token)).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(mail.headers.get("x-postbag-letter")).toBe(`vru-2020/${String(row.key)}`);
      expect(mail.from?.value[0]?.address).toBe("office@postbag.example");
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
    const sussex = rows.find((row) => row.key === "sussex");
    expect(sussex?.attempts).toBe(2);
    const essex = rows.find((row) => row.key === "essex");
    expect(essex).toMatchObject({ state: "returned", letter_state: "returned" });
    expect(String(essex?.last_error)).toContain("550");

    const audit = (await rawSql(
      database,
      "select action, entity_id, after from audit_log where action in ('letter.queued','letter.sent','letter.returned') order by id",
    )) as { action: string; entity_id: string; after: Record<string, unknown> }[];
    expect(audit.filter((entry) => entry.action === "letter.queued")).toHaveLength(4);
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
