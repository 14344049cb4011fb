import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import ExcelJS from "exceljs";
import type { Letter } from "../../src/letters/model.ts";
import { renderTxt } from "../../src/letters/render/txt.ts";
import { verifyPassword } from "../../src/users/password.ts";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachDatabase, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { commandOn, copyOfExample, rawSql } from "../support/records.ts";
import { tempDir } from "../support/render-cli.ts";
import { pdfText } from "../support/pdf-text.ts";
import { today } from "../../src/campaigns/deadlines/iso-date.ts";
import { addWorkingDays } from "../../src/campaigns/deadlines/working-days.ts";

// The campaign's life through the real command, on PGlite and PostgreSQL:
// import, approve, record sent, record a reply, status, and the audit log.

describeOnEachDatabase("records", (kind) => {
  let database: TestDatabase;
  let postbag: ReturnType<typeof commandOn>;
  const campaign = copyOfExample();

  beforeAll(async () => {
    database = await freshDatabase(kind);
    postbag = commandOn(database);
  });
  afterAll(() => database?.drop());

  it("imports a campaign folder once: importing it again changes nothing", async () => {
    expect(await postbag.json(["import", campaign.dir])).toEqual({
      campaign: "vru-2020",
      created: true,
      templateVersion: 1,
      letters: { created: 5, revised: 0, unchanged: 0, alreadySent: [] },
      departed: { removed: [], kept: [] },
    });
    const before = await postbag.json(["audit", "verify"]);
    expect((await postbag.json(["import", campaign.dir])).letters).toEqual({
      created: 0,
      revised: 0,
      unchanged: 5,
      alreadySent: [],
    });
    expect(await postbag.json(["audit", "verify"])).toEqual(before);
  });

  it("keeps each recipient's public body and named contact in the directory", async () => {
    const rows = (await rawSql(
      database,
      `SELECT o.name, o.nation, c.name AS contact FROM organisations o JOIN contacts c ON c.organisation_id = o.id ORDER BY o.name`,
    )) as { name: string; nation: string; contact: string }[];
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual({
      name: "Nottinghamshire Police and Crime Commissioner",
      nation: "england",
      contact: "Paddy Tipping",
    });
  });

  it("makes a new draft version when a row changes", async () => {
    campaign.editRecipients((csv) => csv.replace("Dear Katy", "Dear Ms Bourne"));
    expect((await postbag.json(["import", campaign.dir])).letters).toMatchObject({
      revised: 1,
      unchanged: 4,
    });
  });

  it("lets only approvers approve", async () => {
    expect(
      (await postbag.run(["users", "add", "--email", "ed@example.org", "--role", "editor"])).status,
    ).toBe(0);
    expect(
      (await postbag.run(["users", "add", "--email", "ann@example.org", "--role", "approver"])).status,
    ).toBe(0);
    const refused = await postbag.run(["approve", "vru-2020", "--by", "ed@example.org"]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(
      "postbag: error: field by: ed@example.org may not approve letters: only users with the approver or admin role can\n",
    );
    const again = await postbag.run(["users", "add", "--email", "ann@example.org", "--role", "viewer"]);
    expect(again.stderr).toContain("a user ann@example.org already exists");
    expect(again.status).toBe(2);
  });

  it("keeps a password given on standard input only as a scrypt hash", async () => {
    const password = "correct horse battery staple";
    const added = await postbag.run(
      ["users", "add", "--email", "Viv@Example.org", "--role", "viewer", "--password-stdin"],
      `${password}\n`,
    );
    expect(added.stdout).toBe("Added viv@example.org as viewer\n");
    const [row] = (await rawSql(
      database,
      "SELECT password_hash FROM users WHERE email = 'viv@example.org'",
    )) as {
      password_hash: string;
    }[];
    expect(row?.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword(password, row?.password_hash ?? "")).toBe(true);
    expect(await verifyPassword("wrong", row?.password_hash ?? "")).toBe(false);
    const short = await postbag.run(
      ["users", "add", "--email", "x@example.org", "--role", "viewer", "--password-stdin"],
      "short\n",
    );
    expect(short.status).toBe(2);
    expect(short.stderr).toContain("the password must have at least 12 characters");
  });

  it("approves every draft letter, and refuses to approve one twice", async () => {
    expect((await postbag.json(["approve", "vru-2020", "--by", "ann@example.org"])).approved).toHaveLength(5);
    const twice = await postbag.run([
      "approve",
      "vru-2020",
      "--recipient",
      "sussex",
      "--by",
      "ann@example.org",
    ]);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toBe(
      "postbag: error: the letter to sussex is approved, so it cannot become approved: it can only become sent, draft, withdrawn\n",
    );
  });

  it("keeps the PDF of each approved version by its content hash", async () => {
    const rows = (await rawSql(
      database,
      `SELECT f.format, f.file_hash, v.approved_by FROM letter_version_files f JOIN letter_versions v ON v.id = f.version_id`,
    )) as { format: string; file_hash: string; approved_by: string }[];
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      expect(row).toMatchObject({ format: "pdf", approved_by: "ann@example.org" });
      const bytes = readFileSync(
        join(database.location.dataDir, "files", row.file_hash.slice(0, 2), row.file_hash),
      );
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(row.file_hash);
      expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    }
  });

  it("records letters sent, with reply due dates in working days", async () => {
    const sent = await postbag.json(["record-sent", "vru-2020", "--on", "2020-10-13", "--via", "post"]);
    expect(sent.sent).toContainEqual({ recipient: "essex", due: "2020-11-10" });
    expect(sent.sent).toHaveLength(5);
  });

  it("never rewrites a sent letter", async () => {
    campaign.editRecipients((csv) => csv.replace("Dear Roger", "Dear Mr Hirst"));
    expect((await postbag.json(["import", campaign.dir])).letters).toMatchObject({
      revised: 0,
      alreadySent: ["essex"],
    });
  });

  it("keeps a recipient whose row left the file once its letter was sent", async () => {
    const before = readFileSync(join(campaign.dir, "recipients.csv"), "utf8");
    campaign.editRecipients((csv) =>
      csv
        .split("\n")
        .filter((line) => !line.startsWith("thames-valley,"))
        .join("\n"),
    );
    const imported = await postbag.json(["import", campaign.dir]);
    expect(imported.departed).toEqual({ removed: [], kept: ["thames-valley"] });
    expect((await postbag.json(["status", "vru-2020", "--as-of", "2020-11-01"])).letters).toHaveLength(5);
    writeFileSync(join(campaign.dir, "recipients.csv"), before);
    expect((await postbag.json(["import", campaign.dir])).departed).toEqual({ removed: [], kept: [] });
  });

  it("records a reply with its file and the state of each item", async () => {
    const file = join(tempDir(), "reply.pdf");
    writeFileSync(file, "%PDF-1.4 a reply");
    const reply = await postbag.json([
      "record-reply",
      "vru-2020",
      "--recipient",
      "sussex",
      "--on",
      "2020-11-02",
      "--file",
      file,
      "--item",
      "needs-assessment=received",
      "--item",
      "response-strategy=public:https://example.org/strategy",
    ]);
    expect(reply.files).toEqual([{ name: "reply.pdf", hash: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  });

  it("refuses an item the letter does not ask for, and a bad item state", async () => {
    const replyWithItem = (item: string) =>
      postbag.run(["record-reply", "vru-2020", "--recipient", "essex", "--on", "2020-11-02", "--item", item]);
    const unknown = await replyWithItem("budget=received");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('the letter to essex asks for no item "budget"');
    const bad = await replyWithItem("needs-assessment=lost");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('"needs-assessment=lost" is not an item update');
    // Neither left a reply behind: essex still waits.
    expect(
      (await postbag.json(["status", "vru-2020", "--as-of", "2020-11-02"])).letters.find(
        (l: { recipient: string }) => l.recipient === "essex",
      ).state,
    ).toBe("sent");
  });

  it("reports status per recipient and item, overdue after the due date, very overdue after twice the window", async () => {
    const on = (asOf: string) => postbag.json(["status", "vru-2020", "--as-of", asOf]);
    const essexOn = async (asOf: string) =>
      (await on(asOf)).letters.find((l: { recipient: string }) => l.recipient === "essex");
    expect(await essexOn("2020-11-10")).toMatchObject({ overdue: false, veryOverdue: false });
    expect(await essexOn("2020-11-11")).toMatchObject({ overdue: true, veryOverdue: false });
    expect(await essexOn("2020-12-09")).toMatchObject({ overdue: true, veryOverdue: true });
    const status = await on("2020-12-09");
    expect(status.campaign).toBe("vru-2020");
    expect(status.letters.find((l: { recipient: string }) => l.recipient === "sussex")).toEqual({
      recipient: "sussex",
      name: "Katy Bourne OBE",
      // The example's rows name no organisation: the title is the role.
      organisation: null,
      state: "replied",
      sent: "2020-10-13",
      due: "2020-11-10",
      overdue: false,
      veryOverdue: false,
      items: [
        { id: "needs-assessment", state: "received", publicUrl: null },
        { id: "response-strategy", state: "public", publicUrl: "https://example.org/strategy" },
        { id: "delivery-updates", state: "requested", publicUrl: null },
      ],
    });
    expect(status.totals).toEqual({
      letters: 5,
      byState: { sent: 4, replied: 1 },
      overdue: 4,
      veryOverdue: 4,
    });
  });

  it("lists the overdue letters across campaigns, oldest due first", async () => {
    const overdue = await postbag.json(["overdue", "--as-of", "2020-11-20"]);
    expect(overdue.asOf).toBe("2020-11-20");
    expect(overdue.letters.map((l: { recipient: string }) => l.recipient).sort()).toEqual([
      "essex",
      "nottinghamshire",
      "south-yorkshire",
      "thames-valley",
    ]);
    expect(overdue.letters[0]).toMatchObject({
      campaign: "vru-2020",
      due: "2020-11-10",
      sent: "2020-10-13",
      veryOverdue: false,
    });
    expect((await postbag.json(["overdue", "--as-of", "2020-11-10"])).letters).toEqual([]);
  });

  it("drafts a chaser for each overdue letter, once, saying what is still outstanding", async () => {
    const chase = await postbag.json(["chase", "vru-2020", "--as-of", "2020-11-20"]);
    expect(chase.chasers.map((c: { recipient: string }) => c.recipient).sort()).toEqual([
      "essex",
      "nottinghamshire",
      "south-yorkshire",
      "thames-valley",
    ]);
    expect((await postbag.json(["chase", "vru-2020", "--as-of", "2020-11-21"])).chasers).toEqual([]);
    const [essex] = (await rawSql(
      database,
      `SELECT v.content FROM letter_versions v JOIN letters l ON l.id = v.letter_id JOIN recipients r ON r.id = l.recipient_id
         WHERE l.kind = 'chaser' AND r.key = 'essex' AND l.parent_letter_id IS NOT NULL`,
    )) as { content: Letter }[];
    const text = renderTxt(essex?.content as Letter);
    // The chaser uses the row as it is now (the salutation changed after the letter went).
    expect(text).toContain("20 November 2020\n\nDear Mr Hirst,\n\nI wrote to you on 13 October 2020");
    expect(text).toContain("asked for a reply by 10 November 2020");
    expect(text).toContain(
      "send me the following by return: Problem Profile or Strategic Needs Assessment, Response Strategy and Updates on progress on delivery.",
    );
    // Status still lists first letters only.
    expect((await postbag.json(["status", "vru-2020", "--as-of", "2020-11-20"])).letters).toHaveLength(5);
    // Approved and posted: the print pack holds the four chasers, each recorded as sent with a due date of its own.
    const approve = ["approve", "vru-2020", "--chasers", "--by", "ann@example.org"];
    expect((await postbag.json(approve)).approved).toHaveLength(4);
    const out = tempDir();
    const posted = await postbag.json(["send", "vru-2020", "--via", "post", "--chasers", "--out", out]);
    expect(posted.pack).toMatchObject({ letters: 4 });
    const due = addWorkingDays({ from: today(), workingDays: 10, nation: "england" }).due;
    expect(posted.sent).toContainEqual({ recipient: "essex", due });
    expect(pdfText(join(out, "pack.pdf"))).toContain("I wrote to you on 13 October 2020");
    // Each was recorded once: a second pack of chasers finds none to post.
    const again = await postbag.run(["print-pack", "vru-2020", "--chasers", "--out", tempDir()]);
    expect(again.stderr).toContain("has no approved chasers to post");
  });

  it("exports the status table as CSV and XLSX", async () => {
    const dir = tempDir();
    const csv = join(dir, "status.csv");
    expect(
      await postbag.json(["export", "vru-2020", "--format", "csv", "--out", csv, "--as-of", "2020-11-20"]),
    ).toMatchObject({
      rows: 5,
      format: "csv",
    });
    const lines = readFileSync(csv, "utf8").trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "recipient,name,state,sent,due,overdue,very_overdue,needs-assessment,response-strategy,delivery-updates",
    );
    expect(lines).toContain(
      "sussex,Katy Bourne OBE,replied,2020-10-13,2020-11-10,no,no,received,public: https://example.org/strategy,requested",
    );
    const xlsx = join(dir, "status.xlsx");
    expect((await postbag.run(["export", "vru-2020", "--format", "xlsx", "--out", xlsx])).status).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe("recipient");
    expect(sheet?.rowCount).toBe(6);
    const bad = await postbag.run(["export", "vru-2020", "--format", "ods", "--out", xlsx]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--format must be csv or xlsx");
  });

  it("names a campaign that does not exist", async () => {
    const result = await postbag.run(["status", "nope"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'postbag: error: field campaign: there is no campaign "nope": import its folder first\n',
    );
  });

  it("detects an audit entry edited or deleted behind Postbag's back", async () => {
    const intact = await postbag.run(["audit", "verify"]);
    expect(intact.status).toBe(0);
    expect(intact.stdout).toMatch(/^The audit log is intact: \d+ entries\n$/);
    const [original] = (await rawSql(database, "SELECT actor FROM audit_log WHERE id = 3")) as {
      actor: string;
    }[];
    await rawSql(database, "UPDATE audit_log SET actor = 'someone else' WHERE id = 3");
    const edited = await postbag.run(["audit", "verify"]);
    expect(edited.status).toBe(1);
    expect(edited.stdout).toBe(
      "The audit log has been tampered with at entry 3: the entry was changed after it was written\n",
    );
    await rawSql(database, `UPDATE audit_log SET actor = '${original?.actor}' WHERE id = 3`);
    expect((await postbag.run(["audit", "verify"])).status).toBe(0);
    await rawSql(database, "DELETE FROM audit_log WHERE id = 5");
    const gap = await postbag.run(["audit", "verify"]);
    expect(gap.status).toBe(1);
    expect(gap.stdout).toBe(
      "The audit log has been tampered with at entry 6: the entry before it was changed or deleted\n",
    );
    await rawSql(database, "DELETE FROM audit_log WHERE id >= 6");
    expect((await postbag.run(["audit", "verify"])).stdout).toMatch(
      /^The audit log has been tampered with: the log holds 4 entries where \d+ were written\n$/,
    );
  });

  it("migrates on request, and again without harm", async () => {
    expect(await postbag.json(["migrate"])).toEqual({ migrated: true, database: kind });
    expect(await postbag.json(["migrate"])).toEqual({ migrated: true, database: kind });
  });
});
