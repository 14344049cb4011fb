import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { strToU8, zipSync, type Zippable } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { today } from "../../src/campaigns/deadlines/iso-date.ts";
import { readCsvTable } from "../../src/files/read-csv-table.ts";
import { toCsv } from "../../src/files/write-table.ts";
import { inputIds } from "../../src/web/manage/editing/recipient-form.ts";
import { describeOnEachDatabase } from "../support/databases.ts";
import { EXAMPLE } from "../support/render-cli.ts";
import { startTestApp, WebClient, type TestApp } from "../support/web-app.ts";

// Editing campaign folders from the web, over HTTP on the real app and
// database: a new campaign, a zip upload, the letter template (preview,
// check, save) and the recipients (import a file, change one row). Every bad
// input is a 400 with the GOV.UK error summary and changes nothing; a viewer
// is refused every post. The steps build on each other, in order.

const SCRIPT = "<script>alert(1)</script>";
const ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";
const EXAMPLE_LETTER = readFileSync(join(EXAMPLE, "letter.md"), "utf8");

const NEW_CAMPAIGN = {
  id: "lewes-2021",
  title: "Lewes housing",
  date: "2021-03-01",
  senderName: "A Sender",
  senderRole: "Director",
  senderAddress: "1 High Street\r\nLewes\r\nBN7 1AA",
  senderPhone: "",
  senderEmail: "sender@example.org",
  signatoryName: "A Sender",
  signatoryRole: "Director",
  replyWithin: "20 working days",
  requests: "plan: Your plan\r\nreport: Your last report",
};

/** The example campaign as a zip, in a top folder, with campaign.yaml's id changed. */
function exampleZip(id: string, extra: Zippable = {}): Uint8Array {
  const files: Zippable = {};
  for (const name of readdirSync(EXAMPLE)) {
    const text = readFileSync(join(EXAMPLE, name), "utf8");
    files[`${id}/${name}`] = strToU8(
      name === "campaign.yaml" ? text.replace("id: vru-2020", `id: ${id}`) : text,
    );
  }
  return zipSync({ ...files, ...extra });
}

const zipFile = (bytes: Uint8Array) =>
  new File([Buffer.from(bytes)], "campaign.zip", { type: "application/zip" });
const csvFile = (text: string) => new File([text], "recipients.csv", { type: "text/csv" });

describeOnEachDatabase("web: editing campaigns", (kind) => {
  let test: TestApp;
  let demo = "";
  let viewer: WebClient;
  let editor: WebClient;
  const base = () => `/manage/campaigns/${test.campaign}`;
  const workspaceFile = (campaign: string, file: string) =>
    join(test.database.location.dataDir, "campaigns", campaign, file);
  const campaignIds = async () => (await test.services.listCampaigns({ asOf: today() })).map(({ id }) => id);
  const status = () => test.services.campaignStatus({ campaign: test.campaign, asOf: today() });
  const detail = (recipient: string) =>
    test.services.letterDetail({ campaign: test.campaign, recipient, asOf: today() });
  /** The letter's text as stored, for finding a value in it. */
  const stored = async (recipient: string) => JSON.stringify((await detail(recipient)).content);
  const versions = async () =>
    Promise.all(
      (await status()).letters.map(async ({ recipient }) => (await detail(recipient)).versions.length),
    );

  beforeAll(async () => {
    test = await startTestApp(kind, {
      // A recipient whose name is markup: it must reach every page as text.
      editCampaign(dir) {
        demo = dir;
        const file = join(dir, "recipients.csv");
        const table = readCsvTable(readFileSync(file, "utf8"), "recipients.csv");
        const name = table.columns.indexOf("name");
        const rows = table.rows.map(({ cells }) =>
          cells.map((cell, i) => (i === name && cells[0] === "nottinghamshire" ? SCRIPT : cell)),
        );
        writeFileSync(file, toCsv({ columns: table.columns, rows }, { guardFormulas: false }));
      },
    });
    viewer = await WebClient.signedIn(test.base, "viewer");
    editor = await WebClient.signedIn(test.base, "editor");
  });
  afterAll(async () => {
    await test?.close();
  });

  it("reads the letter and the recipients from the campaign's folder", async () => {
    const sources = await test.services.campaignSources({ campaign: test.campaign });
    expect(sources).toMatchObject({
      campaign: "vru-2020",
      title: "Violence Reduction Units",
      letter: { file: "letter.md", source: EXAMPLE_LETTER },
      recipients: { file: "recipients.csv" },
    });
    expect(sources.recipients.columns.slice(0, 3)).toEqual(["id", "name", "title"]);
    expect(sources.recipients.list).toHaveLength(5);
    // Without an organisation column, the recipient's title names it (as in the directory).
    expect(sources.recipients.list[3]).toEqual({
      id: "essex",
      name: "Roger Hirst",
      organisation: "Police, Fire and Crime Commissioner for Essex",
    });
    await expect(test.services.campaignSources({ campaign: "nothing" })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("creates a campaign from the form and shows its board", async () => {
    const form = await editor.get("/manage/campaigns/new");
    expect(form.status).toBe(200);
    expect(form.text).toContain("lowercase letters, digits and hyphens");
    const created = await editor.post("/manage/campaigns/new", NEW_CAMPAIGN);
    expect(created.status).toBe(303);
    expect(created.headers.get("location")).toBe("/manage/campaigns/lewes-2021");
    const board = await editor.get("/manage/campaigns/lewes-2021");
    expect(board.status).toBe(200);
    expect(board.text).toContain("Campaign created: 1 letter created, 0 revised, 0 unchanged");
    expect(board.text).toContain("Lewes housing");
    expect((await editor.get("/manage")).text).toContain('href="/manage/campaigns/lewes-2021"');
    // It has a chaser from the start (chaser.md, the default text), ready to edit.
    expect(board.text).toContain('href="/manage/campaigns/lewes-2021/chaser-template"');
    const chaser = await editor.get("/manage/campaigns/lewes-2021/chaser-template");
    expect(chaser.text).toContain("I wrote to you on ((original date)) to ask for ((outstanding items))");
    expect(chaser.text).not.toContain('id="default-chaser"');
  });

  it("removes the starter recipient when the recipients file replaces it", async () => {
    const recipients = "/manage/campaigns/lewes-2021/recipients";
    await editor.get(recipients);
    const file = [
      "id,name,title,address_line_1,postcode,salutation",
      "lewes,Robin Clerk,Chief Executive,Southover House,BN7 1AB,Dear Robin Clerk",
      "wealden,Sam Officer,Chief Executive,Vicarage Lane,BN27 2AX,Dear Sam Officer",
    ].join("\n");
    expect((await editor.post(recipients, { file: csvFile(file) })).status).toBe(303);
    const page = await editor.get(recipients);
    expect(page.text).toContain(
      "1 recipient no longer in the file removed, with their unsent letters: example-council",
    );
    const board = await editor.get("/manage/campaigns/lewes-2021");
    expect(board.text).not.toContain("Alex Example");
    expect(board.text).toContain("Robin Clerk");
    const status = await test.services.campaignStatus({ campaign: "lewes-2021", asOf: "2026-12-07" });
    expect(status.letters.map((letter) => letter.recipient)).toEqual(["lewes", "wealden"]);
  });

  it("refuses a taken id and a bad date with 400, keeping what was typed and creating nothing", async () => {
    const before = await campaignIds();
    const taken = await editor.post("/manage/campaigns/new", { ...NEW_CAMPAIGN, id: "vru-2020" });
    expect(taken.status).toBe(400);
    expect(taken.text).toContain("There is a problem");
    expect(taken.text).toContain('href="#id"');
    expect(taken.text).toContain("A campaign &quot;vru-2020&quot; already exists");
    const badDate = await editor.post("/manage/campaigns/new", {
      ...NEW_CAMPAIGN,
      id: "lewes-2022",
      date: "1/3/2021",
    });
    expect(badDate.status).toBe(400);
    expect(badDate.text).toContain('href="#date"');
    expect(badDate.text).toContain("Write the date as YYYY-MM-DD");
    // What was typed is kept, the address with its lines.
    expect(badDate.text).toContain('value="lewes-2022"');
    expect(badDate.text).toMatch(/1 High Street\r?\nLewes/);
    expect(await campaignIds()).toEqual(before);
    expect(existsSync(workspaceFile("lewes-2022", "campaign.yaml"))).toBe(false);
  });

  it("takes a campaign folder as a zip and lists the campaign", async () => {
    const page = await editor.get("/manage/campaigns/upload");
    expect(page.text).toContain('enctype="multipart/form-data"');
    const uploaded = await editor.post("/manage/campaigns/upload", { file: zipFile(exampleZip("vru-2021")) });
    expect(uploaded.status).toBe(303);
    expect(uploaded.headers.get("location")).toBe("/manage/campaigns/vru-2021");
    const board = await editor.get("/manage/campaigns/vru-2021");
    expect(board.text).toContain("Campaign uploaded: 5 letters created, 0 revised, 0 unchanged");
    expect(await campaignIds()).toContain("vru-2021");
  });

  it("replaces an existing campaign's folder with a zip", async () => {
    const page = await editor.get("/manage/campaigns/upload?campaign=vru-2021");
    expect(page.text).toContain('<input type="hidden" name="campaign" value="vru-2021">');
    const letter = `${EXAMPLE_LETTER}\nA paragraph from the new zip.\n`;
    const bytes = exampleZip("vru-2021", { "vru-2021/letter.md": strToU8(letter) });
    const replaced = await editor.post("/manage/campaigns/upload", {
      campaign: "vru-2021",
      file: zipFile(bytes),
    });
    expect(replaced.status).toBe(303);
    expect(replaced.headers.get("location")).toBe("/manage/campaigns/vru-2021");
    const board = await editor.get("/manage/campaigns/vru-2021");
    expect(board.text).toContain("Campaign folder replaced: 0 letters created, 5 revised, 0 unchanged");
    expect(readFileSync(workspaceFile("vru-2021", "letter.md"), "utf8")).toBe(letter);
  });

  it("refuses a zip with a path out of the folder, creating nothing", async () => {
    const before = await campaignIds();
    const bytes = exampleZip("vru-2022", { "../evil.txt": strToU8("x") });
    const refused = await editor.post("/manage/campaigns/upload", { file: zipFile(bytes) });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('href="#file"');
    expect(refused.text).toContain(
      "The zip cannot be used: &quot;../evil.txt&quot; would be written outside",
    );
    const taken = await editor.post("/manage/campaigns/upload", { file: zipFile(exampleZip("vru-2021")) });
    expect(taken.status).toBe(400);
    expect(taken.text).toContain('<a href="#file">A campaign &quot;vru-2021&quot; already exists</a>');
    const none = await editor.post("/manage/campaigns/upload", {});
    expect(none.status).toBe(400);
    expect(none.text).toContain("Select a .zip file");
    expect(await campaignIds()).toEqual(before);
    expect(existsSync(workspaceFile("vru-2022", "campaign.yaml"))).toBe(false);
  });

  it("shows the letter's source and previews a draft for the chosen recipient", async () => {
    const page = await editor.get(`${base()}/template`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("As Independent Anti-Slavery Commissioner, I am writing");
    expect(page.text).toContain(`formaction="${base()}/template/preview"`);
    const draft = `${EXAMPLE_LETTER}\nA closing paragraph, **new** in the draft.\n`;
    const preview = await editor.post(`${base()}/template/preview`, { source: draft, recipient: "essex" });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain("Preview of the draft to Roger Hirst");
    expect(preview.text).toContain("Dear Roger,");
    expect(preview.text).toContain("Kelvedon Park");
    expect(preview.text).toContain("A closing paragraph, <strong>new</strong> in the draft.");
    // The draft is kept in the textarea, and nothing was saved.
    expect(preview.text).toContain("A closing paragraph, **new** in the draft.");
    expect((await detail("essex")).versions).toHaveLength(1);
  });

  it("lists every placeholder without a column, with its line, as a 400", async () => {
    const draft = "Dear reader,\n\nAbout ((nmae)).\n\nAnd ((title)) and ((colour)).\n";
    const check = await editor.post(`${base()}/template/check`, { source: draft, recipient: "essex" });
    expect(check.status).toBe(400);
    expect(check.text).toContain('href="#source"');
    expect(check.text).toContain(
      "letter.md, line 3: the placeholder ((nmae)) matches no column of recipients.csv",
    );
    expect(check.text).toContain("letter.md, line 5: the placeholder ((colour)) matches no column");
    expect(check.text).toContain("About ((nmae)).");
    const clean = await editor.post(`${base()}/template/check`, {
      source: EXAMPLE_LETTER,
      recipient: "essex",
    });
    expect(clean.status).toBe(200);
    expect(clean.text).toContain("every placeholder matches a column");
    const previewed = await editor.post(`${base()}/template/preview`, { source: draft, recipient: "essex" });
    expect(previewed.status).toBe(400);
    expect(previewed.text).toContain("line 3: the placeholder ((nmae))");
  });

  it("saves the draft as new draft versions, leaving the original folders untouched", async () => {
    const refused = await editor.post(`${base()}/template`, {
      source: "About ((nmae)).\n",
      recipient: "essex",
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('href="#source"');
    const empty = await editor.post(`${base()}/template`, { source: "  \r\n", recipient: "essex" });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('<a href="#source">Enter the letter</a>');
    expect(await versions()).toEqual([1, 1, 1, 1, 1]);

    const draft = `${EXAMPLE_LETTER}\nA closing paragraph, new in the draft.\n`;
    const saved = await editor.post(`${base()}/template`, {
      source: draft.replace(/\n/g, "\r\n"),
      recipient: "essex",
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`${base()}/template?recipient=essex`);
    const page = await editor.get(saved.headers.get("location") ?? "");
    expect(page.text).toContain("Letter saved: 5 letters revised");
    expect(page.text).toContain("The saved letter to Roger Hirst");
    expect(await versions()).toEqual([2, 2, 2, 2, 2]);
    expect(await stored("essex")).toContain("A closing paragraph, new in the draft.");
    // Written to the workspace copy only: the repository's example and the folder imported from are as they were.
    expect(readFileSync(workspaceFile(test.campaign, "letter.md"), "utf8")).toBe(draft);
    expect(readFileSync(join(EXAMPLE, "letter.md"), "utf8")).toBe(EXAMPLE_LETTER);
    expect(readFileSync(join(demo, "letter.md"), "utf8")).toBe(EXAMPLE_LETTER);
  });

  it("lists every bad row of a recipients file and imports nothing, then imports the fixed file", async () => {
    const current = readFileSync(workspaceFile(test.campaign, "recipients.csv"), "utf8");
    const table = readCsvTable(current, "recipients.csv");
    const column = (name: string) => table.columns.indexOf(name);
    const edit = (changes: Record<string, Record<string, string>>) =>
      toCsv(
        {
          columns: table.columns,
          rows: table.rows.map(({ cells }) => {
            const row = [...cells];
            for (const [name, value] of Object.entries(changes[cells[0] ?? ""] ?? {}))
              row[column(name)] = value;
            return row;
          }),
        },
        { guardFormulas: false },
      );
    const before = { status: await status(), versions: await versions() };

    const bad = edit({ "thames-valley": { email: "not-an-email" }, sussex: { salutation: "" } });
    const refused = await editor.post(`${base()}/recipients`, { file: csvFile(bad) });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('href="#file"');
    // The file as the user named it (form-errors.ts capitalises each message's first letter).
    expect(refused.text).toMatch(
      /[Rr]ecipients\.csv, line 3, column email: &quot;not-an-email&quot; is not an email address/,
    );
    expect(refused.text).toMatch(/[Rr]ecipients\.csv, line 4, column salutation: the value is empty/);
    expect(await status()).toEqual(before.status);
    expect(await versions()).toEqual(before.versions);
    expect(readFileSync(workspaceFile(test.campaign, "recipients.csv"), "utf8")).toBe(current);

    const fixed = edit({ essex: { salutation: "Dear Mr Hirst" } });
    const imported = await editor.post(`${base()}/recipients`, { file: csvFile(fixed) });
    expect(imported.status).toBe(303);
    expect(imported.headers.get("location")).toBe(`${base()}/recipients`);
    const page = await editor.get(`${base()}/recipients`);
    expect(page.text).toContain("5 recipients imported: 0 letters created, 1 revised, 4 unchanged");
    expect(await stored("essex")).toContain("Dear Mr Hirst");
    expect((await detail("essex")).versions).toHaveLength(3);
  });

  it("changes one recipient's field, and the letter and its preview show it", async () => {
    const form = await editor.get(`${base()}/recipients/essex`);
    expect(form.status).toBe(200);
    expect(form.text).toMatch(/<input[^>]* id="id" name="id"[^>]* value="essex"[^>]* readonly/);
    expect(form.text).toContain('id="initiative"');
    expect(form.text).toContain("<textarea");

    const initiative = `interested in ${SCRIPT} and more`;
    const saved = await editor.post(`${base()}/recipients/essex`, {
      id: "essex",
      initiative,
      postcode: "CM8 3HX",
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`${base()}/recipients`);
    expect((await editor.get(`${base()}/recipients`)).text).toContain(
      "Recipient essex saved: the letter is revised",
    );
    expect(await stored("essex")).toContain(`interested in ${SCRIPT} and more`);
    expect(await stored("essex")).toContain("CM8 3HX");

    const preview = await editor.get(`${base()}/template?recipient=essex`);
    expect(preview.text).toContain(`interested in ${ESCAPED} and more`);
    expect(preview.text).toContain("CM8 3HX");
    expect(preview.text).not.toContain(SCRIPT);
    const again = await editor.get(`${base()}/recipients/essex`);
    expect(again.text).toContain(ESCAPED);
    expect(again.text).not.toContain(SCRIPT);
  });

  it("offers the body written to even when the file has no organisation column, and adds it when given", async () => {
    const form = await editor.get(`${base()}/recipients/sussex`);
    expect(form.text).toMatch(/<input[^>]* id="organisation" name="organisation"[^>]* value=""/);
    const body = "Office of the Sussex Police and Crime Commissioner";
    const saved = await editor.post(`${base()}/recipients/sussex`, { id: "sussex", organisation: body });
    expect(saved.status).toBe(303);
    const csv = readFileSync(workspaceFile(test.campaign, "recipients.csv"), "utf8");
    expect(csv.split(/\r?\n/)[0]).toMatch(/,organisation$/);
    const status = await test.services.campaignStatus({ campaign: test.campaign, asOf: "2026-12-07" });
    expect(status.letters.find((letter) => letter.recipient === "sussex")?.organisation).toBe(body);
    expect(status.letters.find((letter) => letter.recipient === "essex")?.organisation).not.toBe(body);
    expect((await editor.get(`/manage/campaigns/${test.campaign}`)).text).toContain(body);
  });

  it("refuses a bad value or a changed id against its field, saving nothing", async () => {
    const before = await versions();
    await editor.get(`${base()}/recipients/essex`);
    const bad = await editor.post(`${base()}/recipients/essex`, {
      id: "essex",
      email: "nope",
      name: "Roger H",
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<a href="#email">&quot;nope&quot; is not an email address</a>');
    expect(bad.text).toContain('value="Roger H"');
    const moved = await editor.post(`${base()}/recipients/essex`, { id: "essex-2" });
    expect(moved.status).toBe(400);
    expect(moved.text).toContain('<a href="#id">The id cannot be changed</a>');
    expect(await versions()).toEqual(before);
    expect((await editor.get(`${base()}/recipients/nobody`)).status).toBe(404);
    expect((await editor.get("/manage/campaigns/nothing/template")).status).toBe(404);
  });

  it("shows a value holding markup as text on the recipients page, the edit page and the preview", async () => {
    const list = await viewer.get(`${base()}/recipients`);
    expect(list.text).toContain(ESCAPED);
    const edit = await editor.get(`${base()}/recipients/nottinghamshire`);
    expect(edit.text).toContain(`value="${ESCAPED}"`);
    const preview = await editor.get(`${base()}/template?recipient=nottinghamshire`);
    expect(preview.text).toContain(`The saved letter to ${ESCAPED}`);
    for (const page of [list, edit, preview]) expect(page.text).not.toContain(SCRIPT);
  });

  it("refuses a viewer every post and shows them no edit buttons", async () => {
    const template = await viewer.get(`${base()}/template`);
    expect(template.status).toBe(200);
    expect(template.text).toContain("The letter");
    expect(template.text).toMatch(/<textarea[^>]* readonly[^>]*>As Independent Anti-Slavery Commissioner/);
    expect(template.text).not.toContain(`method="post" action="${base()}/template"`);
    expect(template.text).not.toContain("/template/preview");
    expect(template.text).not.toContain("Replace the whole campaign folder");
    const recipients = await viewer.get(`${base()}/recipients`);
    expect(recipients.text).not.toContain("Import the recipients");
    expect(recipients.text).not.toContain(`${base()}/recipients/essex"`);
    const before = { campaigns: await campaignIds(), versions: await versions() };
    const posts: [string, Record<string, string | File>][] = [
      ["/manage/campaigns/new", NEW_CAMPAIGN],
      ["/manage/campaigns/upload", { file: zipFile(exampleZip("vru-2023")) }],
      [`${base()}/template`, { source: "Hello ((title)).\n" }],
      [`${base()}/template/preview`, { source: "Hello ((title)).\n", recipient: "essex" }],
      [`${base()}/template/check`, { source: "Hello ((title)).\n" }],
      [`${base()}/recipients`, { file: csvFile("id\nx\n") }],
      [`${base()}/recipients/essex`, { id: "essex", name: "Someone" }],
    ];
    for (const [path, form] of posts) expect((await viewer.post(path, form)).status, path).toBe(403);
    expect((await viewer.get("/manage/campaigns/new")).status).toBe(403);
    expect({ campaigns: await campaignIds(), versions: await versions() }).toEqual(before);
    // Every post this area registers asks for "write".
    const editing = test.app.registeredRoutes.filter(
      ({ method, url }) =>
        method === "POST" && /^\/manage\/campaigns\/(new|upload|:campaign\/(template|recipients))/.test(url),
    );
    expect(editing.map(({ url }) => url).sort()).toEqual(
      posts
        .map(([path]) => path.replace(base(), "/manage/campaigns/:campaign").replace("/essex", "/:recipient"))
        .sort(),
    );
    expect(editing.every(({ access }) => access === "write")).toBe(true);
  });
});

describe("recipient form ids", () => {
  it("uses a column's name as its input's id when it can, and an id of its own when not", () => {
    expect([...inputIds(["id", "council_name", "Council Name", "main-content"]).values()]).toEqual([
      "id",
      "council_name",
      "column-3",
      "column-4",
    ]);
  });
});
