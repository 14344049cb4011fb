import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { strToU8, zipSync, type Zippable } from "fflate";
import { afterAll, beforeAll, expect, it } from "vitest";
import { readCsvTable } from "../../src/files/read-csv-table.ts";
import { toXlsx } from "../../src/files/write-table.ts";
import { describeOnEachDatabase } from "../support/databases.ts";
import { EXAMPLE } from "../support/render-cli.ts";
import { ROLE_EMAILS, startTestApp, type TestApp, type TestRole } from "../support/web-app.ts";

// The JSON API does what the staff pages do: campaigns, the letter template,
// recipients, letters and their files, chasers, the directory and users.
// Each call is checked against the services it stands for, so a property a
// response schema dropped, or a change that was not made, shows. One app per
// database kind: the tests run in order on it.

const ZIP = "application/zip";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const TODAY = () => new Date().toISOString().slice(0, 10);
const RECIPIENTS_CSV = readFileSync(join(EXAMPLE, "recipients.csv"), "utf8");

/** As JSON carries it: dates become strings, undefined goes. */
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

/** The example campaign as a zip, in a top folder, with campaign.yaml's id changed and its letter edited. */
function exampleZip(id: string, edit: (letter: string) => string = (letter) => letter): Uint8Array {
  const files: Zippable = {};
  for (const name of readdirSync(EXAMPLE)) {
    let text = readFileSync(join(EXAMPLE, name), "utf8");
    if (name === "campaign.yaml") text = text.replace("id: vru-2020", `id: ${id}`);
    if (name === "letter.md") text = edit(text);
    files[`${id}/${name}`] = strToU8(text);
  }
  return zipSync(files);
}

describeOnEachDatabase("JSON API: the staff pages' actions", (kind) => {
  let test: TestApp;
  const tokens = {} as Record<TestRole, string>;
  const campaignPath = () => `/api/campaigns/${test.campaign}`;

  /** A request with a role's token: a JSON body, or raw bytes with their type. */
  async function call(
    method: string,
    path: string,
    options: { as: TestRole; json?: unknown; bytes?: Uint8Array | string; type?: string },
  ) {
    const headers: Record<string, string> = { authorization: `Bearer ${tokens[options.as]}` };
    let body: BodyInit | null = null;
    if (options.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.json);
    } else if (options.bytes !== undefined) {
      headers["content-type"] = options.type ?? "application/octet-stream";
      body = typeof options.bytes === "string" ? options.bytes : Buffer.from(options.bytes);
    }
    const response = await fetch(`${test.base}${path}`, { method, headers, body });
    const type = response.headers.get("content-type") ?? "";
    const bytes = Buffer.from(await response.arrayBuffer());
    const json = type.startsWith("application/json")
      ? (JSON.parse(bytes.toString("utf8")) as Record<string, unknown>)
      : {};
    return { status: response.status, type, headers: response.headers, json, bytes };
  }

  beforeAll(async () => {
    test = await startTestApp(kind);
    for (const [role, email] of Object.entries(ROLE_EMAILS)) {
      tokens[role as TestRole] = (
        await test.services.createApiToken({ email, name: "parity", actor: "test" })
      ).token;
    }
  });
  afterAll(async () => {
    await test?.close();
  });

  it("lists the campaigns, with every count, as of today by default", async () => {
    const listed = await call("GET", "/api/campaigns", { as: "viewer" });
    expect(listed.status).toBe(200);
    expect(listed.json).toEqual({
      asOf: TODAY(),
      campaigns: asJson(await test.services.listCampaigns({ asOf: TODAY() })),
    });
    expect(listed.json.campaigns).toEqual([expect.objectContaining({ id: test.campaign, letters: 5 })]);
    const bad = await call("GET", "/api/campaigns?asOf=soon", { as: "viewer" });
    expect(bad).toMatchObject({ status: 400, json: { error: "bad_input", field: "asOf" } });
  });

  it("creates a campaign from the form's fields, listing every bad field", async () => {
    const form = {
      id: "api-form-2024",
      title: "Asked through the API",
      date: "2024-05-01",
      senderName: "A Sender",
      senderAddress: "1 High Street\nLewes\nBN7 1AA",
      signatoryName: "A Sender",
      signatoryRole: "Director",
      replyWithin: "20 working days",
      requests: "plan: Your plan",
    };
    const bad = await call("POST", "/api/campaigns", {
      as: "editor",
      json: { ...form, id: "Not An Id", requests: "no colon here" },
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: "bad_input", field: "id" });
    const fields = (bad.json.problems as { field: string }[]).map(({ field }) => field).sort();
    expect(fields).toEqual(["id", "requests"]);
    expect((await test.services.listCampaigns({ asOf: TODAY() })).map(({ id }) => id)).toEqual([
      test.campaign,
    ]);

    const created = await call("POST", "/api/campaigns", { as: "editor", json: form });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ campaign: "api-form-2024", created: true, letters: { created: 1 } });
    const sources = await test.services.campaignSources({ campaign: "api-form-2024" });
    expect(sources.title).toBe("Asked through the API");
  });

  it("creates a campaign from a zip of its folder, and replaces a folder with one", async () => {
    const created = await call("POST", "/api/campaigns/folder", {
      as: "editor",
      bytes: exampleZip("api-zip-2020"),
      type: ZIP,
    });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({
      campaign: "api-zip-2020",
      created: true,
      templateVersion: 1,
      letters: { created: 5, revised: 0, unchanged: 0, alreadySent: [] },
      departed: { removed: [], kept: [] },
    });
    const again = await call("POST", "/api/campaigns/folder", {
      as: "editor",
      bytes: exampleZip("api-zip-2020"),
      type: ZIP,
    });
    expect(again).toMatchObject({ status: 400, json: { error: "bad_input", field: "id" } });

    const edited = exampleZip("api-zip-2020", (letter) => `${letter}\nA line added by the API.\n`);
    const replaced = await call("PUT", "/api/campaigns/api-zip-2020/folder", {
      as: "editor",
      bytes: edited,
      type: ZIP,
    });
    expect(replaced.status).toBe(200);
    expect(replaced.json).toMatchObject({ templateVersion: 2, letters: { revised: 5 } });
    const { letter } = await test.services.campaignSources({ campaign: "api-zip-2020" });
    expect(letter.source).toContain("A line added by the API.");

    const notZip = await call("PUT", "/api/campaigns/api-zip-2020/folder", { as: "editor", json: {} });
    expect(notZip).toMatchObject({ status: 400, json: { error: "bad_input" } });
    expect(String(notZip.json.message)).toContain(ZIP);
    const unknown = await call("PUT", "/api/campaigns/no-such/folder", {
      as: "editor",
      bytes: exampleZip("no-such"),
      type: ZIP,
    });
    expect(unknown).toMatchObject({ status: 404, json: { error: "not_found" } });
  });

  it("refuses a zip over 20 MB before reading it all", async () => {
    const huge = new Uint8Array(21 * 1024 * 1024);
    const refused = await call("POST", "/api/campaigns/folder", { as: "editor", bytes: huge, type: ZIP });
    expect(refused).toMatchObject({ status: 413, json: { error: "too_large" } });
  });

  it("reads, checks, previews and saves the letter template", async () => {
    const sources = await call("GET", `${campaignPath()}/letter`, { as: "viewer" });
    expect(sources.status).toBe(200);
    expect(sources.json).toEqual(asJson(await test.services.campaignSources({ campaign: test.campaign })));
    const { source, version } = sources.json.letter as { source: string; version: string };

    const checked = await call("POST", `${campaignPath()}/letter/check`, {
      as: "viewer",
      json: { source: `${source}\nAnd ((no_such_column)).\n` },
    });
    expect(checked.status).toBe(200);
    expect(checked.json.missing).toEqual([{ name: "no_such_column", line: expect.any(Number) }]);
    const clean = await call("POST", `${campaignPath()}/letter/check`, { as: "viewer", json: { source } });
    expect(clean.json).toEqual({ missing: [], errors: [] });

    const draft = `${source}\nA draft line for ((name)).\n`;
    const preview = await call("POST", `${campaignPath()}/letter/preview`, {
      as: "viewer",
      json: { source: draft, recipient: "essex" },
    });
    expect(preview.status).toBe(200);
    expect(preview.json).toEqual(
      asJson(
        await test.services.previewTemplate({ campaign: test.campaign, source: draft, recipient: "essex" }),
      ),
    );
    expect(JSON.stringify(preview.json.body)).toContain("A draft line for Roger Hirst.");
    const saved = await call("POST", `${campaignPath()}/letter/preview`, {
      as: "viewer",
      json: { recipient: "essex" },
    });
    expect(JSON.stringify(saved.json.body)).not.toContain("A draft line");
    const nobody = await call("POST", `${campaignPath()}/letter/preview`, {
      as: "viewer",
      json: { recipient: "nobody" },
    });
    expect(nobody).toMatchObject({ status: 404, json: { field: "recipient" } });

    const unversioned = await call("PUT", `${campaignPath()}/letter`, {
      as: "editor",
      json: { source: draft },
    });
    expect(unversioned).toMatchObject({ status: 400, json: { field: "version" } });
    const put = await call("PUT", `${campaignPath()}/letter`, {
      as: "editor",
      json: { source: draft, version },
    });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ campaign: test.campaign, templateVersion: 2, letters: { revised: 5 } });
    expect((await test.services.campaignSources({ campaign: test.campaign })).letter.source).toBe(draft);
    // A second editor saving from the version they read before that save loses nothing of it: refused.
    const stale = await call("PUT", `${campaignPath()}/letter`, {
      as: "admin",
      json: {
        source: `${source}
Another line.
`,
        version,
      },
    });
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ error: "conflict", field: "version" });
    expect(stale.json.message).toMatch(/The letter was changed by editor@example\.org, at \d\d:\d\d UTC on /);
    expect((await test.services.campaignSources({ campaign: test.campaign })).letter.source).toBe(draft);
  });

  it("refuses a recipients file with bad rows, listing every one, and changes nothing", async () => {
    const before = await test.services.campaignSources({ campaign: test.campaign });
    const bad = RECIPIENTS_CSV.replace(",Dear Paddy,", ",,").replace("thames-valley,", "thames valley,");
    const refused = await call("PUT", `${campaignPath()}/recipients`, {
      as: "editor",
      bytes: bad,
      type: "text/csv",
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toBe("bad_input");
    expect(refused.json.problems).toEqual([
      expect.objectContaining({ file: "recipients.csv", line: 2, column: "salutation" }),
      expect.objectContaining({ file: "recipients.csv", line: 3, column: "id" }),
    ]);
    for (const problem of refused.json.problems as { message: string }[]) {
      expect(problem.message).toMatch(/^recipients\.csv, line \d, column \w+: /);
    }
    expect(await test.services.campaignSources({ campaign: test.campaign })).toEqual(before);
  });

  it("replaces the recipients from CSV text or an XLSX workbook", async () => {
    const csv = RECIPIENTS_CSV.replace(",Dear Paddy,", ",Dear Mr Tipping,");
    const fromCsv = await call("PUT", `${campaignPath()}/recipients`, {
      as: "editor",
      bytes: csv,
      type: "text/csv; charset=utf-8",
    });
    expect(fromCsv.status).toBe(200);
    expect(fromCsv.json).toMatchObject({ campaign: test.campaign, letters: { revised: 1, unchanged: 4 } });
    const salutation = async (recipient: string) =>
      (await test.services.recipientFields({ campaign: test.campaign, recipient })).find(
        ({ column }) => column === "salutation",
      )?.value;
    expect(await salutation("nottinghamshire")).toBe("Dear Mr Tipping");

    const table = readCsvTable(csv, "recipients.csv");
    const salutationAt = table.columns.indexOf("salutation");
    const rows = table.rows.map(({ cells }) =>
      cells.map((cell, index) => (index === salutationAt && cell === "Dear Roger" ? "Dear Mr Hirst" : cell)),
    );
    const xlsx = await toXlsx({ columns: table.columns, rows }, "Recipients");
    const fromXlsx = await call("PUT", `${campaignPath()}/recipients`, {
      as: "editor",
      bytes: xlsx,
      type: XLSX,
    });
    expect(fromXlsx.status).toBe(200);
    expect(fromXlsx.json).toMatchObject({ letters: { revised: 1 } });
    expect(await salutation("essex")).toBe("Dear Mr Hirst");
  });

  it("reads and edits one recipient's values", async () => {
    const path = `${campaignPath()}/recipients/essex`;
    const read = await call("GET", path, { as: "viewer" });
    expect(read.status).toBe(200);
    expect(read.json).toEqual({
      campaign: test.campaign,
      recipient: "essex",
      ...(await test.services.recipientRecord({ campaign: test.campaign, recipient: "essex" })),
    });
    const { version } = read.json as { version: string };
    const edited = await call("PATCH", path, {
      as: "editor",
      json: { fields: { salutation: "Dear Roger" }, version },
    });
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({ letters: { revised: 1 } });
    const fields = await test.services.recipientFields({ campaign: test.campaign, recipient: "essex" });
    expect(fields).toContainEqual({ column: "salutation", value: "Dear Roger" });

    // Another editor, from the version read before that change: refused, naming the change.
    const stale = await call("PATCH", path, {
      as: "admin",
      json: { fields: { title: "Essex Police, Fire and Crime Commissioner" }, version },
    });
    expect(stale.status).toBe(409);
    expect(stale.json.message).toContain("The recipient essex was changed by editor@example.org");
    expect(stale.json.message).toContain('salutation: "Dear Mr Hirst" → "Dear Roger"');
    const current = (await call("GET", path, { as: "viewer" })).json.version as string;
    const bad = await call("PATCH", path, {
      as: "editor",
      json: { fields: { id: "other", colour: "red" }, version: current },
    });
    expect(bad.status).toBe(400);
    expect((bad.json.problems as { field: string }[]).map(({ field }) => field).sort()).toEqual([
      "colour",
      "id",
    ]);
    expect(await test.services.recipientFields({ campaign: test.campaign, recipient: "essex" })).toEqual(
      fields,
    );
    const nobody = await call("GET", `${campaignPath()}/recipients/nobody`, { as: "viewer" });
    expect(nobody).toMatchObject({ status: 404, json: { error: "not_found" } });
  });

  it("reads a letter, all of it, and its files in each format", async () => {
    const detail = await call("GET", `${campaignPath()}/letters/essex?asOf=2021-03-01`, { as: "viewer" });
    expect(detail.status).toBe(200);
    const expected = await test.services.letterDetail({
      campaign: test.campaign,
      recipient: "essex",
      asOf: "2021-03-01",
    });
    expect(detail.json).toEqual(asJson(expected));
    expect(detail.json).toMatchObject({ letter: { state: "draft" }, content: { id: "essex" } });

    const file = (format: string) =>
      call("GET", `${campaignPath()}/letters/essex/file?format=${format}`, { as: "viewer" });
    const pdf = await call("GET", `${campaignPath()}/letters/essex/file`, { as: "viewer" });
    expect(pdf).toMatchObject({ status: 200, type: "application/pdf" });
    expect(pdf.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.headers.get("content-disposition")).toContain(`${test.campaign}-essex.pdf`);
    const docx = await file("docx");
    expect(docx.type).toMatch(/wordprocessingml/);
    expect(docx.bytes.subarray(0, 2).toString()).toBe("PK");
    const html = await file("html");
    expect(html.type).toMatch(/^text\/html/);
    expect(html.bytes.toString()).toContain("Dear Roger");
    const txt = await file("txt");
    expect(txt.type).toMatch(/^text\/plain/);
    expect(txt.bytes.toString()).toContain("Dear Roger");
    expect(await file("odt")).toMatchObject({ status: 400, json: { field: "format" } });
  });

  it("lists the chasers, and reads one", async () => {
    const { campaign } = test;
    await test.services.approveLetters({ campaign, recipient: "sussex", by: ROLE_EMAILS.approver });
    await test.services.recordSent({
      campaign,
      recipient: "sussex",
      on: "2020-10-13",
      via: "post",
      actor: "t",
    });
    await test.services.chaseLetters({ campaign, asOf: "2021-03-01", actor: "t" });
    const listed = await call("GET", `${campaignPath()}/chasers`, { as: "viewer" });
    expect(listed.status).toBe(200);
    expect(listed.json).toEqual({ campaign, chasers: asJson(await test.services.listChasers({ campaign })) });
    expect(listed.json.chasers).toEqual([
      expect.objectContaining({
        recipient: "sussex",
        chases: expect.objectContaining({ sentOn: "2020-10-13" }),
      }),
    ]);
    const chaser = await call("GET", `${campaignPath()}/letters/sussex?kind=chaser`, { as: "viewer" });
    expect(chaser.json).toMatchObject({ letter: { kind: "chaser", state: "draft" } });
    const sent = await call("GET", `${campaignPath()}/letters/sussex`, { as: "viewer" });
    expect(sent.json).toMatchObject({ letter: { kind: "letter", state: "sent", sentOn: "2020-10-13" } });
  });

  it("reads and edits the directory", async () => {
    const listed = await call("GET", "/api/directory", { as: "viewer" });
    expect(listed.status).toBe(200);
    expect(listed.json).toEqual({ organisations: asJson(await test.services.listOrganisations()) });

    const added = await call("POST", "/api/directory", {
      as: "editor",
      json: { name: "Lewes District Council", kind: "Council", nation: "england" },
    });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ name: "Lewes District Council", created: true });
    const id = added.json.id as number;
    const find = async () => (await test.services.listOrganisations()).find((body) => body.id === id);
    expect(await find()).toMatchObject({
      name: "Lewes District Council",
      kind: "Council",
      nation: "england",
    });

    const patched = await call("PATCH", `/api/directory/${id}`, {
      as: "editor",
      json: { website: "https://www.lewes.gov.uk" },
    });
    expect(patched).toMatchObject({ status: 200, json: { created: false, name: "Lewes District Council" } });
    expect(await find()).toMatchObject({
      kind: "Council",
      nation: "england",
      website: "https://www.lewes.gov.uk",
    });
    const badSite = await call("PATCH", `/api/directory/${id}`, { as: "editor", json: { website: "lewes" } });
    expect(badSite).toMatchObject({ status: 400, json: { field: "website" } });
    const unknown = await call("PATCH", "/api/directory/999999", { as: "editor", json: { kind: "x" } });
    expect(unknown.status).toBe(404);

    const contact = { name: "Pat Clerk", role: "Clerk", email: "pat@lewes.gov.uk" };
    const person = await call("POST", `/api/directory/${id}/contacts`, { as: "editor", json: contact });
    expect(person).toMatchObject({ status: 201, json: { ...contact, organisationId: id, created: true } });
    const same = await call("POST", `/api/directory/${id}/contacts`, {
      as: "editor",
      json: { ...contact, role: "Chief Clerk" },
    });
    expect(same).toMatchObject({ status: 200, json: { created: false, role: "Chief Clerk" } });
    expect((await find())?.contacts).toEqual([
      { id: person.json.id, name: "Pat Clerk", role: "Chief Clerk", email: "pat@lewes.gov.uk" },
    ]);
  });

  it("lets an admin list, add and re-role users, and no one else", async () => {
    expect((await call("GET", "/api/users", { as: "editor" })).status).toBe(403);
    const listed = await call("GET", "/api/users", { as: "admin" });
    expect(listed).toMatchObject({ status: 200, json: { users: asJson(await test.services.listUsers()) } });

    const user = { email: "new.person@example.org", role: "viewer", password: "a long enough password" };
    const added = await call("POST", "/api/users", { as: "admin", json: user });
    expect(added).toEqual(
      expect.objectContaining({ status: 201, json: { email: user.email, role: "viewer" } }),
    );
    const short = await call("POST", "/api/users", {
      as: "admin",
      json: { ...user, email: "b@example.org", password: "short" },
    });
    expect(short).toMatchObject({ status: 400, json: { field: "password" } });

    const changed = await call("PATCH", `/api/users/${encodeURIComponent(user.email)}`, {
      as: "admin",
      json: { role: "editor" },
    });
    expect(changed).toMatchObject({ status: 200, json: { email: user.email, role: "editor" } });
    const users = await test.services.listUsers();
    expect(users.find(({ email }) => email === user.email)).toMatchObject({
      role: "editor",
      hasPassword: true,
    });
    expect(users.map(({ email }) => email)).not.toContain("b@example.org");
    const lastAdmin = await call("PATCH", `/api/users/${ROLE_EMAILS.admin}`, {
      as: "admin",
      json: { role: "viewer" },
    });
    expect(lastAdmin).toMatchObject({ status: 400, json: { field: "role" } });

    // Disabling ends the user's tokens; an admin sees and revokes anyone's token.
    const theirs = await test.services.createApiToken({ email: user.email, name: "theirs", actor: "t" });
    const tokens = await call("GET", "/api/tokens", { as: "admin" });
    expect(tokens.json.tokens).toContainEqual(expect.objectContaining({ id: theirs.id, email: user.email }));
    expect((await call("GET", "/api/tokens", { as: "editor" })).status).toBe(403);
    const disabled = await call("PATCH", `/api/users/${encodeURIComponent(user.email)}`, {
      as: "admin",
      json: { disabled: true },
    });
    expect(disabled).toMatchObject({ status: 200, json: { email: user.email, disabled: true } });
    const me = await fetch(`${test.base}/api/me`, { headers: { authorization: `Bearer ${theirs.token}` } });
    expect(me.status).toBe(401);
    expect(
      (await test.services.listUsers()).find(({ email }) => email === user.email)?.disabledAt,
    ).not.toBeNull();
    const editors = await test.services.createApiToken({ email: ROLE_EMAILS.editor, name: "x", actor: "t" });
    const revoked = await call("POST", `/api/tokens/${editors.id}/revoke`, { as: "admin" });
    expect(revoked).toMatchObject({ status: 200, json: { id: editors.id, email: ROLE_EMAILS.editor } });
    expect((await call("POST", `/api/tokens/${editors.id}/revoke`, { as: "admin" })).status).toBe(404);
  });

  it("refuses a viewer on every endpoint that changes something, changing nothing", async () => {
    const before = {
      campaigns: await test.services.listCampaigns({ asOf: TODAY() }),
      sources: await test.services.campaignSources({ campaign: test.campaign }),
      directory: await test.services.listOrganisations(),
      users: await test.services.listUsers(),
    };
    const id = before.directory[0]?.id ?? 1;
    const writes: [string, string, { json?: unknown; bytes?: Uint8Array | string; type?: string }][] = [
      ["POST", "/api/campaigns", { json: { id: "viewer-2024", title: "t", date: "2024-01-01" } }],
      ["POST", "/api/campaigns/folder", { bytes: exampleZip("viewer-zip"), type: ZIP }],
      ["PUT", `${campaignPath()}/folder`, { bytes: exampleZip(test.campaign), type: ZIP }],
      ["PUT", `${campaignPath()}/letter`, { json: { source: "Hello ((name))." } }],
      ["PUT", `${campaignPath()}/recipients`, { bytes: RECIPIENTS_CSV, type: "text/csv" }],
      ["PATCH", `${campaignPath()}/recipients/essex`, { json: { fields: { salutation: "Hi" } } }],
      ["POST", "/api/directory", { json: { name: "Viewer Council" } }],
      ["PATCH", `/api/directory/${id}`, { json: { kind: "Viewer" } }],
      ["POST", `/api/directory/${id}/contacts`, { json: { name: "Viewer" } }],
      ["POST", "/api/users", { json: { email: "v@example.org", role: "admin", password: "x".repeat(20) } }],
      ["PATCH", `/api/users/${ROLE_EMAILS.viewer}`, { json: { role: "admin" } }],
    ];
    for (const [method, path, options] of writes) {
      const refused = await call(method, path, { as: "viewer", ...options });
      expect(refused, `${method} ${path}`).toMatchObject({ status: 403, json: { error: "forbidden" } });
    }
    expect({
      campaigns: await test.services.listCampaigns({ asOf: TODAY() }),
      sources: await test.services.campaignSources({ campaign: test.campaign }),
      directory: await test.services.listOrganisations(),
      users: await test.services.listUsers(),
    }).toEqual(before);
  });

  it("documents every new endpoint in the OpenAPI document, files as binary", async () => {
    const docs = (await (await fetch(`${test.base}/api/docs`)).json()) as {
      paths: Record<string, Record<string, OpenApiOperation>>;
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    const c = "/api/campaigns/{campaign}";
    const expected = [
      "get /api/campaigns",
      "post /api/campaigns",
      "post /api/campaigns/folder",
      `put ${c}/folder`,
      `get ${c}/letter`,
      `put ${c}/letter`,
      `post ${c}/letter/check`,
      `post ${c}/letter/preview`,
      `put ${c}/recipients`,
      `get ${c}/recipients/{recipient}`,
      `patch ${c}/recipients/{recipient}`,
      `get ${c}/letters/{recipient}`,
      `get ${c}/letters/{recipient}/file`,
      `get ${c}/chasers`,
      "get /api/directory",
      "post /api/directory",
      "patch /api/directory/{id}",
      "post /api/directory/{id}/contacts",
      "get /api/users",
      "post /api/users",
      "patch /api/users/{email}",
    ];
    const documented = Object.entries(docs.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    expect(documented).toEqual(expect.arrayContaining(expected));
    const operation = (method: string, path: string) => docs.paths[path]?.[method];
    expect(Object.keys(operation("post", "/api/campaigns")?.responses ?? {})).toContain("201");
    expect(operation("post", "/api/campaigns")?.description).toContain("Permission: write");
    expect(operation("patch", "/api/users/{email}")?.description).toContain("Permission: admin");
    expect(Object.keys(operation("put", `${c}/recipients`)?.requestBody?.content ?? {}).sort()).toEqual(
      ["text/csv", XLSX].sort(),
    );
    expect(operation("put", `${c}/folder`)?.requestBody?.content[ZIP]?.schema).toMatchObject({
      type: "string",
      format: "binary",
    });
    expect(
      Object.keys(operation("get", `${c}/letters/{recipient}/file`)?.responses["200"]?.content ?? {}),
    ).toContain("application/pdf");
    expect(docs.components.schemas.ApiError?.properties).toHaveProperty("problems");
  });
});

interface OpenApiOperation {
  description?: string;
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses: Record<string, { content?: Record<string, unknown> }>;
}
