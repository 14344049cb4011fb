import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { organisations } from "../../src/store/schema.ts";
import { describeOnEachDatabase } from "../support/databases.ts";
import { ROLE_EMAILS, startTestApp, WebClient, type TestApp } from "../support/web-app.ts";

// /manage/directory: the public bodies and their contacts, over HTTP against
// the real app and database. The demo import files each recipient under its
// title (recipients.csv has no organisation column), with the person as contact.

const DEMO_BODIES = [
  "Nottinghamshire Police and Crime Commissioner",
  "Thames Valley Police and Crime Commissioner",
  "Sussex Police and Crime Commissioner",
  "Police, Fire and Crime Commissioner for Essex",
  "South Yorkshire Police and Crime Commissioner",
];
const SUSSEX = "Sussex Police and Crime Commissioner";
const SCRIPT = "<script>alert(1)</script>";
const summary = (text: string) => /class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(text)?.[0] ?? "";

describeOnEachDatabase("directory pages", (kind) => {
  let app: TestApp;
  let editor: WebClient;
  let viewer: WebClient;
  let sussex = 0;
  const entry = async (id: number) =>
    (await app.services.listOrganisations()).find((organisation) => organisation.id === id);
  const trail = (entity: string, id: number) => app.services.auditTrail({ entity, entityId: String(id) });

  beforeAll(async () => {
    app = await startTestApp(kind);
    editor = await WebClient.signedIn(app.base, "editor");
    viewer = await WebClient.signedIn(app.base, "viewer");
    sussex = (await app.services.listOrganisations()).find((body) => body.name === SUSSEX)?.id ?? 0;
  });
  afterAll(async () => {
    await app?.close();
  });

  it("lists the demo campaign's five bodies with their campaign, and filters by name", async () => {
    const page = await viewer.get("/manage/directory");
    expect(page.status).toBe(200);
    for (const name of DEMO_BODIES) expect(page.text).toContain(`>${name}</a>`);
    expect(page.text).toContain(`href="/manage/directory/${sussex}"`);
    expect(page.text.match(/href="\/manage\/campaigns\/vru-2020"/g)).toHaveLength(5);
    expect(page.text).toContain("England");
    expect(page.text).not.toContain("Add an organisation");
    expect((await editor.get("/manage/directory")).text).toContain('href="/manage/directory/new"');

    const filtered = await viewer.get("/manage/directory?text=SUSSEX");
    expect(filtered.text).toContain(`>${SUSSEX}</a>`);
    expect(filtered.text).not.toContain("Thames Valley");
    expect(filtered.text).toContain("1 of 5 organisations");
  });

  it("shows an organisation's details, contacts and campaigns; unknown ids are 404", async () => {
    const page = await viewer.get(`/manage/directory/${sussex}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<h1 class="govuk-heading-l">${SUSSEX}</h1>`);
    expect(page.text).toContain("Katy Bourne OBE");
    expect(page.text).toContain('href="/manage/campaigns/vru-2020">Violence Reduction Units</a>');
    expect(page.text).not.toContain("/edit");
    for (const path of [
      "/manage/directory/999999",
      "/manage/directory/abc",
      `/manage/directory/${sussex}/contacts/999999`,
    ]) {
      expect((await editor.get(path)).status).toBe(404);
    }
  });

  it("lets an editor change the website and add a contact, with audit entries", async () => {
    expect((await editor.get(`/manage/directory/${sussex}/edit`)).text).toContain(`value="${SUSSEX}"`);
    const saved = await editor.post(`/manage/directory/${sussex}/edit`, {
      name: SUSSEX,
      kind: "Police and Crime Commissioner",
      nation: "england",
      website: "https://www.sussex-pcc.gov.uk/",
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`/manage/directory/${sussex}`);
    const page = await editor.get(`/manage/directory/${sussex}`);
    expect(page.text).toContain(`${SUSSEX} saved`);
    expect(page.text).toContain(
      '<a class="govuk-link" href="https://www.sussex-pcc.gov.uk/" rel="noopener noreferrer">',
    );
    expect(page.text).toContain("Police and Crime Commissioner");
    const updates = await trail("organisation", sussex);
    expect(updates.at(-1)).toMatchObject({ action: "organisation.updated", actor: ROLE_EMAILS.editor });

    await editor.get(`/manage/directory/${sussex}/contacts/new`);
    const added = await editor.post(`/manage/directory/${sussex}/contacts/new`, {
      name: "Mark Streater",
      role: "Chief Executive",
      email: "mark@sussex-pcc.example.org",
    });
    expect(added.status).toBe(303);
    expect(added.headers.get("location")).toBe(`/manage/directory/${sussex}`);
    const withContact = await editor.get(`/manage/directory/${sussex}`);
    expect(withContact.text).toContain(`Mark Streater added to ${SUSSEX}`);
    expect(withContact.text).toContain('href="mailto:mark@sussex-pcc.example.org"');
    const contact = (await entry(sussex))?.contacts.find((person) => person.name === "Mark Streater");
    expect(contact).toMatchObject({ role: "Chief Executive", email: "mark@sussex-pcc.example.org" });
    expect(await trail("contact", contact?.id ?? 0)).toMatchObject([
      { action: "contact.created", actor: ROLE_EMAILS.editor },
    ]);

    await editor.get(`/manage/directory/${sussex}/contacts/${contact?.id}`);
    const changed = await editor.post(`/manage/directory/${sussex}/contacts/${contact?.id}`, {
      name: "Mark Streater",
      role: "Chief Executive Officer",
      email: "",
    });
    expect(changed.status).toBe(303);
    expect((await entry(sussex))?.contacts.find((person) => person.id === contact?.id)?.role).toBe(
      "Chief Executive Officer",
    );
  });

  it("adds an organisation from /manage/directory/new", async () => {
    await editor.get("/manage/directory/new");
    const added = await editor.post("/manage/directory/new", {
      name: "Dyfed-Powys Police and Crime Commissioner",
      kind: "",
      nation: "wales",
      website: "",
    });
    expect(added.status).toBe(303);
    const id = Number(/^\/manage\/directory\/(\d+)$/.exec(added.headers.get("location") ?? "")?.[1]);
    expect(await entry(id)).toMatchObject({ nation: "wales", website: "" });
    expect((await editor.get(`/manage/directory/${id}`)).text).toContain("Wales");
    expect(await trail("organisation", id)).toMatchObject([{ action: "organisation.created" }]);
  });

  it("refuses a bad email, a bad or javascript: website and a blank name beside the field, saving nothing", async () => {
    const before = await entry(sussex);
    const count = (await app.services.listOrganisations()).length;
    const audits = (await trail("organisation", sussex)).length;
    const form = { name: SUSSEX, kind: "", nation: "england" };
    await editor.get(`/manage/directory/${sussex}/edit`);
    for (const website of ["not a website", "javascript:alert(1)//x.org"]) {
      const bad = await editor.post(`/manage/directory/${sussex}/edit`, { ...form, website });
      expect(bad.status).toBe(400);
      expect(summary(bad.text)).toContain('href="#website"');
      expect(summary(bad.text)).toContain("is not a web address");
      expect(bad.text).not.toContain('href="javascript:');
    }
    const blank = await editor.post(`/manage/directory/${sussex}/edit`, { ...form, name: "  ", website: "" });
    expect(blank.status).toBe(400);
    expect(summary(blank.text)).toContain('href="#name"');
    expect(summary(blank.text)).toContain("Enter the organisation&#39;s name");
    const unnamed = await editor.post("/manage/directory/new", { name: "", kind: "", nation: "" });
    expect(unnamed.status).toBe(400);
    expect(summary(unnamed.text)).toContain('href="#name"');

    await editor.get(`/manage/directory/${sussex}/contacts/new`);
    const badEmail = await editor.post(`/manage/directory/${sussex}/contacts/new`, {
      name: "Someone New",
      role: "",
      email: "not-an-email",
    });
    expect(badEmail.status).toBe(400);
    expect(summary(badEmail.text)).toContain('href="#email"');
    expect(summary(badEmail.text)).toContain("is not an email address");
    expect(badEmail.text).toContain('value="Someone New"');

    expect(await entry(sussex)).toEqual(before);
    expect((await app.services.listOrganisations()).length).toBe(count);
    expect(await trail("organisation", sussex)).toHaveLength(audits);
  });

  it("refuses a viewer's posts (403) and changes nothing", async () => {
    const before = await entry(sussex);
    await viewer.get(`/manage/directory/${sussex}`);
    expect((await viewer.get(`/manage/directory/${sussex}/edit`)).status).toBe(403);
    expect((await viewer.get("/manage/directory/new")).status).toBe(403);
    const posts: Record<string, Record<string, string>> = {
      [`/manage/directory/${sussex}/edit`]: { name: "Renamed by a viewer", nation: "", website: "" },
      [`/manage/directory/${sussex}/contacts/new`]: { name: "Viewer's contact" },
      "/manage/directory/new": { name: "Viewer's organisation" },
    };
    for (const [path, form] of Object.entries(posts))
      expect((await viewer.post(path, form)).status).toBe(403);
    expect(await entry(sussex)).toEqual(before);
    expect((await app.services.listOrganisations()).some((body) => body.name.startsWith("Viewer"))).toBe(
      false,
    );
  });

  it("shows markup in names as text, and never links a javascript: website stored by an import", async () => {
    await editor.get(`/manage/directory/${sussex}/contacts/new`);
    const added = await editor.post(`/manage/directory/${sussex}/contacts/new`, { name: SCRIPT, email: "" });
    expect(added.status).toBe(303);
    const page = await viewer.get(`/manage/directory/${sussex}`);
    expect(page.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page.text).not.toContain(SCRIPT);

    // Imports do not check websites, so put one straight into the table as an import could.
    const { db } = await app.services.database();
    const [body] = await db
      .insert(organisations)
      .values({ name: `${SCRIPT} Council`, website: "javascript:alert(1)" })
      .returning();
    for (const path of ["/manage/directory", `/manage/directory/${body?.id}`]) {
      const shown = await viewer.get(path);
      expect(shown.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt; Council");
      expect(shown.text).not.toContain(SCRIPT);
      expect(shown.text).toContain("javascript:alert(1)");
      expect(shown.text).not.toMatch(/href="\s*javascript:/i);
    }
    await db.delete(organisations).where(eq(organisations.id, body?.id ?? 0));
  });
});
