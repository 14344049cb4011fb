import { existsSync, readdirSync, readFileSync, renameSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { and, eq } from "drizzle-orm";
import { strToU8, zipSync, type Zippable } from "fflate";
import { stringify } from "yaml";
import { afterAll, beforeAll, expect, it } from "vitest";
import { approveLetters } from "../../src/campaigns/records/approve-letters.ts";
import { importCampaign } from "../../src/campaigns/records/import-campaign.ts";
import { ensureWorkspace, type WorkspaceDeps } from "../../src/campaigns/workspace/campaign-workspace.ts";
import { createCampaign } from "../../src/campaigns/workspace/create-campaign.ts";
import { editRecipient, recipientFields } from "../../src/campaigns/workspace/edit-recipient.ts";
import { importRecipients } from "../../src/campaigns/workspace/import-recipients.ts";
import {
  checkTemplate,
  previewTemplate,
  saveLetterTemplate,
} from "../../src/campaigns/workspace/save-letter-template.ts";
import { uploadCampaignZip } from "../../src/campaigns/workspace/upload-campaign-zip.ts";
import { isPostbagError, type PostbagError } from "../../src/errors.ts";
import { fileStore } from "../../src/files/file-store.ts";
import { readCampaignFolder } from "../../src/files/read-campaign-folder.ts";
import { readCsvTable } from "../../src/files/read-csv-table.ts";
import { readXlsxTable } from "../../src/files/read-xlsx-table.ts";
import { toXlsx } from "../../src/files/write-table.ts";
import { renderHtml } from "../../src/letters/render/html.ts";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { auditLog, campaigns, letters, letterVersions, recipients } from "../../src/store/schema.ts";
import { addUser } from "../../src/users/add-user.ts";
import {
  aCampaignYaml,
  aRow,
  BASE_COLUMNS,
  toCsv as rowsToCsv,
  writeCampaign,
} from "../support/campaign-factory.ts";
import { describeOnEachDatabase, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { EXAMPLE } from "../support/render-cli.ts";

// Web edits of campaign folders: each writes the campaign's folder in the
// managed workspace (copying a campaign imported from elsewhere first) and
// imports it; on any problem, every problem is listed and nothing changes.

const actor = "editor@example.org";

/** Every file under a folder, by relative path, as bytes. */
function filesOf(dir: string): Record<string, string> {
  const paths = readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
  const files = paths.filter((path) => statSync(join(dir, path)).isFile());
  return Object.fromEntries(files.map((path) => [path, readFileSync(join(dir, path)).toString("base64")]));
}

/** What the web edits may change in the database. */
async function snapshot({ db }: Database) {
  return {
    campaigns: await db.select().from(campaigns).orderBy(campaigns.id),
    recipients: await db.select().from(recipients).orderBy(recipients.id),
    versions: await db.select().from(letterVersions).orderBy(letterVersions.id),
    audit: (await db.select({ id: auditLog.id }).from(auditLog)).length,
  };
}

async function failure(promise: Promise<unknown>): Promise<PostbagError> {
  const error = await promise.then(
    () => new Error("expected an error"),
    (caught: unknown) => caught,
  );
  if (!isPostbagError(error)) throw error;
  return error;
}

describeOnEachDatabase("campaign workspace", (kind) => {
  let database: TestDatabase;
  let opened: Database;
  let deps: WorkspaceDeps;
  let workspace: string;
  const vru = () => join(workspace, "vru-2020");

  beforeAll(async () => {
    database = await freshDatabase(kind);
    opened = await openDatabase(database.location);
    await opened.migrate();
    workspace = join(database.location.dataDir, "campaigns");
    const store = { database: async () => opened, readCampaignFolder };
    deps = { ...store, importCampaign: (options) => importCampaign(options, store), workspaceDir: workspace };
  });
  afterAll(async () => {
    await opened?.close();
    await database?.drop();
  });

  it("copies the example into the workspace on its first edit and never writes the example", async () => {
    const example = filesOf(EXAMPLE);
    await deps.importCampaign({ dir: EXAMPLE, actor });
    const [before] = await opened.db.select().from(campaigns).where(eq(campaigns.id, "vru-2020"));
    expect(before?.folder).toBe(resolve(EXAMPLE));

    await addUser({ email: "ann@example.org", role: "approver", actor }, deps);
    const renderPdfs = async (list: { id: string }[]) =>
      new Map(list.map((letter) => [letter.id, Buffer.from(`PDF of ${letter.id}`)]));
    const files = fileStore(join(database.location.dataDir, "files"));
    await approveLetters(
      { campaign: "vru-2020", recipient: "sussex", by: "ann@example.org" },
      { database: deps.database, fileStore: files, renderPdfs },
    );
    const approved = await versionsOf("sussex");

    const source = `${readFileSync(join(EXAMPLE, "letter.md"), "utf8")}\nA new closing line.\n`;
    const summary = await saveLetterTemplate({ campaign: "vru-2020", source, actor }, deps);
    expect(summary).toMatchObject({ templateVersion: 2, letters: { revised: 5, alreadySent: [] } });

    const [after] = await opened.db.select().from(campaigns).where(eq(campaigns.id, "vru-2020"));
    expect(after?.folder).toBe(vru());
    expect(readFileSync(join(vru(), "letter.md"), "utf8")).toBe(source);
    expect(filesOf(EXAMPLE)).toEqual(example);
    expect(readdirSync(workspace)).toEqual(["vru-2020"]); // no staging folder left behind

    // The approved version stays as approved; the edit makes a new draft version after it.
    const versions = await versionsOf("sussex");
    expect(versions.letter).toMatchObject({ state: "draft", currentVersion: 2 });
    expect(versions.versions[0]).toEqual(approved.versions[0]);
    expect(versions.versions[0]).toMatchObject({ number: 1, approvedBy: "ann@example.org" });
    expect(versions.versions[1]).toMatchObject({ number: 2, approvedBy: null });
    expect(versions.versions[1]?.contentHash).not.toBe(versions.versions[0]?.contentHash);
  });

  async function versionsOf(key: string) {
    const [row] = await opened.db
      .select({ letter: letters })
      .from(letters)
      .innerJoin(recipients, eq(recipients.id, letters.recipientId))
      .where(and(eq(recipients.campaignId, "vru-2020"), eq(recipients.key, key)));
    if (!row) throw new Error(`no letter to ${key}`);
    const versions = await opened.db
      .select({
        number: letterVersions.number,
        contentHash: letterVersions.contentHash,
        approvedBy: letterVersions.approvedBy,
      })
      .from(letterVersions)
      .where(eq(letterVersions.letterId, row.letter.id))
      .orderBy(letterVersions.number);
    return { letter: row.letter, versions };
  }

  /** The workspace's recipients as rows keyed by column, to edit and write back. */
  function exampleRows() {
    const table = readCsvTable(readFileSync(join(vru(), "recipients.csv"), "utf8"), "recipients.csv");
    const rows = table.rows.map((row) =>
      Object.fromEntries(table.columns.map((c, i) => [c, row.cells[i] ?? ""])),
    );
    return { columns: table.columns, rows };
  }

  it("lists every bad row of an imported recipients file, with its line and column, and changes nothing", async () => {
    const { columns, rows } = exampleRows();
    const bad = rows.map((row) => ({ ...row }));
    Object.assign(bad[0] ?? {}, { salutation: "" });
    Object.assign(bad[2] ?? {}, { email: "not an address" });
    Object.assign(bad[4] ?? {}, { id: bad[1]?.id ?? "" });
    const folder = filesOf(vru());
    const before = await snapshot(opened);

    const error = await failure(
      importRecipients(
        {
          campaign: "vru-2020",
          fileName: "new-recipients.csv",
          bytes: strToU8(rowsToCsv(columns, bad)),
          actor,
        },
        deps,
      ),
    );
    expect(error.problems.map(({ file, line, column }) => ({ file, line, column }))).toEqual([
      { file: "new-recipients.csv", line: 2, column: "salutation" },
      { file: "new-recipients.csv", line: 4, column: "email" },
      { file: "new-recipients.csv", line: 6, column: "id" },
    ]);
    expect(error.message).toMatch(
      /^new-recipients\.csv, line 2, column salutation: .*\(and 2 more problems\)$/,
    );
    expect(await snapshot(opened)).toEqual(before);
    expect(filesOf(vru())).toEqual(folder);
    expect(readdirSync(workspace)).toEqual(["vru-2020"]);

    // The same rows, fixed and one of them changed, as a workbook: written back as the folder's CSV.
    const fixed = rows.map((row) => (row.id === "sussex" ? { ...row, salutation: "Dear Ms Bourne" } : row));
    const xlsx = await toXlsx(
      { columns, rows: fixed.map((row) => columns.map((c) => row[c] ?? "")) },
      "Sheet",
    );
    const summary = await importRecipients(
      { campaign: "vru-2020", fileName: "recipients.xlsx", bytes: xlsx, actor },
      deps,
    );
    expect(summary.letters).toEqual({ created: 0, revised: 1, unchanged: 4, alreadySent: [] });
    expect(readFileSync(join(vru(), "recipients.csv"), "utf8")).toContain("Dear Ms Bourne");
    expect(readFileSync(join(vru(), "campaign.yaml"))).toEqual(readFileSync(join(EXAMPLE, "campaign.yaml")));
    expect((await versionsOf("sussex")).letter.currentVersion).toBe(3);
  });

  it("lists every placeholder no column matches, with its line, and saves nothing", async () => {
    const source = "About ((title)).\n\nAbout ((council name)).\n\n((region??In your region.))\n";
    expect(await checkTemplate({ campaign: "vru-2020", source }, deps)).toEqual({
      missing: [
        { name: "council name", line: 3 },
        { name: "region", line: 5 },
      ],
      errors: [],
    });
    const saved = readFileSync(join(vru(), "letter.md"), "utf8");
    const error = await failure(saveLetterTemplate({ campaign: "vru-2020", source, actor }, deps));
    expect(error.problems.map(({ file, line }) => ({ file, line }))).toEqual([
      { file: "letter.md", line: 3 },
      { file: "letter.md", line: 5 },
    ]);
    expect(readFileSync(join(vru(), "letter.md"), "utf8")).toBe(saved);

    const broken = await checkTemplate({ campaign: "vru-2020", source: "One\n\nSee[^x] ((title\n" }, deps);
    expect(broken.errors).toMatchObject([{ file: "letter.md", line: 3 }]);
  });

  it("previews the draft with the recipient's values, which stay data", async () => {
    const value = "<script>alert(1)</script> **not bold** ((title))";
    const summary = await editRecipient(
      { campaign: "vru-2020", recipient: "sussex", fields: { initiative: value }, actor },
      deps,
    );
    expect(summary.letters).toMatchObject({ revised: 1, unchanged: 4 });
    const fields = await recipientFields({ campaign: "vru-2020", recipient: "sussex" }, deps);
    // The file's columns, then the body written to, offered though the file has no such column yet.
    expect(fields.map(({ column }) => column)).toEqual([...exampleRows().columns, "organisation"]);
    expect(fields.find(({ column }) => column === "initiative")?.value).toBe(value);

    const saved = readFileSync(join(vru(), "letter.md"), "utf8");
    const letter = await previewTemplate(
      { campaign: "vru-2020", source: "I was ((initiative)).\r\n", recipient: "sussex" },
      deps,
    );
    expect(letter.body).toEqual([{ t: "p", c: [{ t: "text", v: `I was ${value}.` }] }]);
    expect(letter.salutation).toBe("Dear Ms Bourne");
    const html = renderHtml(letter);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; **not bold** ((title))");
    expect(html).not.toContain("<script>alert");
    expect(readFileSync(join(vru(), "letter.md"), "utf8")).toBe(saved);
    const missing = previewTemplate({ campaign: "vru-2020", source: saved, recipient: "nobody" }, deps);
    expect(await failure(missing)).toMatchObject({ code: "not_found", location: { field: "recipient" } });
  });

  it("names the fields of a recipient's edit that are wrong, and edits one at a time", async () => {
    const edit = (fields: Record<string, string>, recipient = "essex") =>
      editRecipient({ campaign: "vru-2020", recipient, fields, actor }, deps);
    expect(await failure(edit({ name: "X" }, "nobody"))).toMatchObject({ code: "not_found" });
    const wrong = await failure(edit({ salutation: " ", email: "nope", colour: "red", id: "other" }));
    expect(wrong.problems.map(({ field }) => field)).toEqual(["colour", "id"]);
    const rules = await failure(edit({ salutation: " ", email: "nope" }));
    expect(rules.code).toBe("bad_input");
    expect(rules.problems.map(({ field }) => field)).toEqual(["salutation", "email"]);

    // Two edits at once: the second reads the folder the first wrote.
    await Promise.all([edit({ name: "Roger Hirst QPM" }), edit({ name: "Katy Bourne" }, "sussex")]);
    const names = exampleRows().rows.map((row) => row.name);
    expect(names).toContain("Roger Hirst QPM");
    expect(names).toContain("Katy Bourne");
  });

  const form = {
    id: "lewes-2021",
    title: "Lewes letters",
    date: "2021-03-01",
    senderName: "Office of the Commissioner",
    senderAddress: "1 High Street\nLondon, SW1A 1AA\n",
    signatoryName: "Pat Jones",
    signatoryRole: "Commissioner",
    replyWithin: "20 working days",
    requests: "plan: Your plan\nreport: Your last report",
  };

  it("creates a campaign from the form, listing every bad field, refusing a used id", async () => {
    const bad = { ...form, id: "Lewes 2021", title: " ", date: "1/3/2021", requests: "plan Your plan" };
    const error = await failure(createCampaign({ form: bad, actor }, deps));
    expect(error.problems.map(({ field }) => field).sort()).toEqual(["date", "id", "requests", "title"]);
    expect(existsSync(join(workspace, "lewes-2021"))).toBe(false);

    const summary = await createCampaign({ form, actor }, deps);
    expect(summary).toMatchObject({ campaign: "lewes-2021", created: true, letters: { created: 1 } });
    const folder = await readCampaignFolder(join(workspace, "lewes-2021"));
    expect(folder.config).toMatchObject({ id: "lewes-2021", reply_within: "20 working days" });
    expect(folder.config.requests).toEqual([
      { id: "plan", title: "Your plan" },
      { id: "report", title: "Your last report" },
    ]);
    const again = await failure(createCampaign({ form: { ...form, id: "vru-2020" }, actor }, deps));
    expect(again).toMatchObject({ code: "bad_input", location: { field: "id" } });
  });

  const zip = (files: Zippable) => zipSync(files);
  const campaignFiles = (letter = "About ((title)).\n") => ({
    "campaign.yaml": strToU8(stringify(aCampaignYaml())),
    "letter.md": strToU8(letter),
    "recipients.csv": strToU8(rowsToCsv(BASE_COLUMNS, [aRow()])),
  });

  it("takes a campaign folder as a zip, in one top folder, and replaces it by another", async () => {
    const created = await uploadCampaignZip({ bytes: zip({ "sussex-2022": campaignFiles() }), actor }, deps);
    expect(created).toMatchObject({ campaign: "sussex-2022", created: true, letters: { created: 1 } });
    const bytes = zip(campaignFiles("Again about ((title)).\n"));
    const replaced = await uploadCampaignZip({ bytes, actor, campaign: "sussex-2022" }, deps);
    expect(replaced).toMatchObject({ templateVersion: 2, letters: { revised: 1 } });
    expect(readFileSync(join(workspace, "sussex-2022", "letter.md"), "utf8")).toBe(
      "Again about ((title)).\n",
    );
    const used = await failure(
      uploadCampaignZip({ bytes: zip({ "sussex-2022": campaignFiles() }), actor }, deps),
    );
    expect(used.location.field).toBe("id");
  });

  it("refuses zip slip, absolute paths, links, too many files and bad rows, writing nothing", async () => {
    const link = { os: 3, attrs: 0o120777 << 16 };
    const many = Object.fromEntries([...Array(200).keys()].map((n) => [`f${n}`, strToU8("")]));
    const outside = strToU8(stringify(aCampaignYaml({ letter: "../../x.md" })));
    const refused: [Zippable, RegExp][] = [
      [{ ...campaignFiles(), "../evil.txt": strToU8("x") }, /"\.\.\/evil\.txt" would be written outside/],
      [{ ...campaignFiles(), "/tmp/evil.txt": strToU8("x") }, /"\/tmp\/evil\.txt" would be written outside/],
      [{ ...campaignFiles(), "notes.md": [strToU8("/etc/passwd"), link] }, /"notes\.md" is a symbolic link/],
      [{ ...campaignFiles(), ...many }, /more than 200 files/],
      [
        { ...campaignFiles(), "campaign.yaml": outside },
        /"\.\.\/\.\.\/x\.md" is outside the campaign folder/,
      ],
    ];
    const before = { folders: readdirSync(workspace).sort(), db: await snapshot(opened) };
    for (const [files, message] of refused) {
      const upload = uploadCampaignZip({ bytes: zip(files), actor, campaign: "sussex-2022" }, deps);
      expect(await failure(upload)).toMatchObject({
        code: "bad_input",
        message: expect.stringMatching(message),
      });
    }
    const rows = [aRow({ salutation: "" }), aRow({ id: "b", title: "" }), aRow({ id: "c", email: "x" })];
    const csv = rowsToCsv([...BASE_COLUMNS, "email"], rows);
    const badRows = { ...campaignFiles(), "recipients.csv": strToU8(csv) };
    const error = await failure(
      uploadCampaignZip({ bytes: zip(badRows), actor, campaign: "sussex-2022" }, deps),
    );
    expect(error.problems.map(({ line, column }) => `${line}:${column}`)).toEqual([
      "2:salutation",
      "3:title",
      "4:email",
    ]);
    expect({ folders: readdirSync(workspace).sort(), db: await snapshot(opened) }).toEqual(before);
    expect(existsSync(join(workspace, "..", "evil.txt"))).toBe(false);
  });

  it("makes a campaign editable without changing it", async () => {
    const summary = await ensureWorkspace({ campaign: "lewes-2021", actor }, deps);
    expect(summary.letters).toMatchObject({ created: 0, revised: 0, unchanged: 1 });
  });

  it("rewrites a workbook when the folder's recipients are one", async () => {
    const yaml = strToU8(stringify(aCampaignYaml({ id: "xlsx-2023", recipients: "people.xlsx" })));
    const table = { columns: BASE_COLUMNS, rows: [BASE_COLUMNS.map((column) => aRow()[column] ?? "")] };
    const { "letter.md": letter } = campaignFiles();
    const files = {
      "campaign.yaml": yaml,
      "letter.md": letter,
      "people.xlsx": await toXlsx(table, "People"),
    };
    await uploadCampaignZip({ bytes: zip(files), actor }, deps);
    const fields = { salutation: "Dear Councillor Smith" };
    await editRecipient({ campaign: "xlsx-2023", recipient: "lewes", fields, actor }, deps);
    const people = await readXlsxTable(
      readFileSync(join(workspace, "xlsx-2023", "people.xlsx")),
      "people.xlsx",
    );
    expect(people.rows[0]?.cells[BASE_COLUMNS.indexOf("salutation")]).toBe("Dear Councillor Smith");
  });

  it("puts the folder back when the import fails, and never writes a folder from elsewhere", async () => {
    const elsewhere = await writeCampaign({ yaml: aCampaignYaml({ id: "elsewhere" }) });
    await deps.importCampaign({ dir: elsewhere, actor });
    const failing = { ...deps, importCampaign: () => Promise.reject(new Error("the database went away")) };
    const before = { elsewhere: filesOf(elsewhere), vru: filesOf(vru()), db: await snapshot(opened) };
    const edit = (campaign: string, recipient: string) =>
      editRecipient({ campaign, recipient, fields: { name: "Someone Else" }, actor }, failing);
    await expect(edit("elsewhere", "lewes")).rejects.toThrow("the database went away");
    await expect(edit("vru-2020", "sussex")).rejects.toThrow("the database went away");
    expect({ elsewhere: filesOf(elsewhere), vru: filesOf(vru()), db: await snapshot(opened) }).toEqual(
      before,
    );
    expect(readdirSync(workspace).sort()).toEqual(["lewes-2021", "sussex-2022", "vru-2020", "xlsx-2023"]);

    // A process stopped between the two renames leaves the old folder beside: the next edit puts it back.
    renameSync(vru(), join(workspace, ".vru-2020.previous"));
    await editRecipient(
      { campaign: "vru-2020", recipient: "sussex", fields: { name: "Katy B" }, actor },
      deps,
    );
    expect(exampleRows().rows.find((row) => row.id === "sussex")?.name).toBe("Katy B");
    expect(readdirSync(workspace)).not.toContain(".vru-2020.previous");
  });

  it("checks the letter against the columns of an imported recipients file", async () => {
    const { columns, rows } = exampleRows();
    const without = columns.filter((column) => column !== "initiative");
    const csv = strToU8(rowsToCsv(without, rows));
    const upload = importRecipients({ campaign: "vru-2020", fileName: "r.csv", bytes: csv, actor }, deps);
    expect(await failure(upload)).toMatchObject({
      code: "template",
      location: { file: "letter.md", line: 7 },
      message: expect.stringContaining("unknown placeholder ((initiative))"),
    });
  });
});
