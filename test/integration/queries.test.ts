import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { auditTrail, auditTrailForLetter } from "../../src/campaigns/queries/audit-trail.ts";
import { listOrganisations } from "../../src/campaigns/queries/directory.ts";
import { letterDetail } from "../../src/campaigns/queries/letter-detail.ts";
import { letterFile } from "../../src/campaigns/queries/letter-file.ts";
import { listCampaigns } from "../../src/campaigns/queries/list-campaigns.ts";
import { repliesOverTime } from "../../src/campaigns/queries/replies-over-time.ts";
import { saveContact } from "../../src/campaigns/queries/save-contact.ts";
import { saveOrganisation } from "../../src/campaigns/queries/save-organisation.ts";
import { approveLetters } from "../../src/campaigns/records/approve-letters.ts";
import { chaseLetters } from "../../src/campaigns/chasers/chase-letters.ts";
import { importCampaign } from "../../src/campaigns/records/import-campaign.ts";
import { parseItemUpdate, recordReply } from "../../src/campaigns/records/record-reply.ts";
import { recordSent } from "../../src/campaigns/records/record-sent.ts";
import { fileStore } from "../../src/files/file-store.ts";
import { readCampaignFolder } from "../../src/files/read-campaign-folder.ts";
import type { Format, Letter } from "../../src/letters/model.ts";
import { RenderPool } from "../../src/letters/pool/render-pool.ts";
import { renderToBytes } from "../../src/letters/pool/render-to-bytes.ts";
import { renderHtml } from "../../src/letters/render/html.ts";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { letters, letterVersionFiles, letterVersions, recipients } from "../../src/store/schema.ts";
import { addUser } from "../../src/users/add-user.ts";
import { describeOnEachDatabase, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { copyOfExample } from "../support/records.ts";
import { tempDir } from "../support/render-cli.ts";

// The read side the staff pages and the JSON API call, on PGlite and
// PostgreSQL, over a campaign taken through the real use cases: imported,
// approved (real PDFs from the render pool), sent, partly answered, chased;
// plus two later campaigns left as drafts, to check the order of the list.

const ASOF = "2020-12-01";

/** A copy of the example campaign under another id, date and title. */
function anotherCampaign(id: string, date: string, title: string): string {
  const { dir } = copyOfExample();
  const file = join(dir, "campaign.yaml");
  const yaml = readFileSync(file, "utf8")
    .replace("id: vru-2020", `id: ${id}`)
    .replace("date: 2020-10-13", `date: ${date}`)
    .replace("title: Violence Reduction Units", `title: "${title}"`);
  writeFileSync(file, yaml);
  return dir;
}

describeOnEachDatabase("queries", (kind) => {
  let test: TestDatabase;
  let database: Database;
  const pool = new RenderPool({ workers: 2, recycleAfter: 100 });
  const rendered: Format[] = [];
  const deps = {
    readCampaignFolder,
    database: async () => database,
    fileStore: fileStore(tempDir("postbag-files-")),
    renderPdfs: (list: Letter[]) => renderToBytes(pool, list, "pdf"),
    // What services wire letterFile's renderLetter to: one letter through the pool.
    async renderLetter(letter: Letter, format: Format) {
      rendered.push(format);
      const bytes = (await renderToBytes(pool, [letter], format)).get(letter.id);
      if (!bytes) throw new Error(`no ${format} for ${letter.id}`);
      return bytes;
    },
  };
  let due = "";

  beforeAll(async () => {
    test = await freshDatabase(kind);
    database = await openDatabase(test.location);
    await database.migrate();
    await importCampaign({ dir: copyOfExample().dir, actor: "ed@example.org" }, deps);
    const later = anotherCampaign("vru-2021", "2021-03-01", "Violence Reduction Units: follow-up");
    await importCampaign({ dir: later, actor: "ed@example.org" }, deps);
    await importCampaign(
      { dir: anotherCampaign("vru-2021b", "2021-03-01", "A second look"), actor: "t" },
      deps,
    );
    await addUser({ email: "ann@example.org", role: "approver", actor: "admin" }, deps);
    await approveLetters({ campaign: "vru-2020", by: "ann@example.org" }, deps);
    const sent = await recordSent({ campaign: "vru-2020", on: "2020-10-13", via: "post", actor: "ed" }, deps);
    due = sent.sent.find((letter) => letter.recipient === "sussex")?.due ?? "";
    const file = join(tempDir(), "reply.pdf");
    writeFileSync(file, "%PDF-1.7 a reply");
    const reply = (recipient: string, on: string, items: string[], files: string[] = []) =>
      recordReply(
        { campaign: "vru-2020", recipient, on, files, items: items.map(parseItemUpdate), actor: "ed" },
        deps,
      );
    await reply(
      "sussex",
      "2020-10-20",
      ["needs-assessment=received", "response-strategy=public:https://x.org/s"],
      [file],
    );
    await reply("essex", "2020-10-20", ["needs-assessment=declined"]);
    await reply("nottinghamshire", "2020-11-02", []);
    await chaseLetters({ campaign: "vru-2020", asOf: ASOF, actor: "ed" }, deps);
  });
  afterAll(async () => {
    // The pool has nothing to close: each batch stops its workers when it ends.
    await database?.close();
    await test?.drop();
  });

  it("lists campaigns newest first, then by title, with their counts", async () => {
    const list = await listCampaigns({ asOf: ASOF }, deps);
    expect(list.map((campaign) => [campaign.id, campaign.title, campaign.date])).toEqual([
      ["vru-2021b", "A second look", "2021-03-01"],
      ["vru-2021", "Violence Reduction Units: follow-up", "2021-03-01"],
      ["vru-2020", "Violence Reduction Units", "2020-10-13"],
    ]);
    expect(list[2]).toEqual({
      id: "vru-2020",
      title: "Violence Reduction Units",
      date: "2020-10-13",
      templateVersion: 1,
      letters: 5,
      byState: { replied: 3, sent: 2 },
      sent: 5,
      replied: 3,
      overdue: 2,
      chasers: 2,
    });
    expect(list[0]).toMatchObject({ letters: 5, byState: { draft: 5 }, sent: 0, replied: 0, chasers: 0 });
    // Before the due date nothing is overdue.
    expect((await listCampaigns({ asOf: "2020-11-01" }, deps))[2]?.overdue).toBe(0);
  });

  it("shows one letter with its versions, items, replies and content", async () => {
    const detail = await letterDetail({ campaign: "vru-2020", recipient: "sussex", asOf: ASOF }, deps);
    expect(detail.campaign).toEqual({ id: "vru-2020", title: "Violence Reduction Units" });
    expect(detail.recipient).toMatchObject({
      key: "sussex",
      nation: "england",
      organisation: "Sussex Police and Crime Commissioner",
    });
    expect(detail.recipient.fields.salutation).toBe("Dear Katy");
    expect(detail.letter).toMatchObject({
      kind: "letter",
      state: "replied",
      sentOn: "2020-10-13",
      sentVia: "post",
      dueOn: due,
      overdue: false,
      currentVersion: 1,
    });
    expect(due).toBe("2020-11-10");
    expect(detail.versions).toHaveLength(1);
    expect(detail.versions[0]).toMatchObject({ number: 1, approvedBy: "ann@example.org", formats: ["pdf"] });
    expect(detail.versions[0]?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(detail.items).toEqual([
      {
        id: "needs-assessment",
        title: "Problem Profile or Strategic Needs Assessment",
        state: "received",
        publicUrl: null,
      },
      { id: "response-strategy", title: "Response Strategy", state: "public", publicUrl: "https://x.org/s" },
      {
        id: "delivery-updates",
        title: "Updates on progress on delivery",
        state: "requested",
        publicUrl: null,
      },
    ]);
    expect(detail.replies).toHaveLength(1);
    expect(detail.replies[0]).toMatchObject({ receivedOn: "2020-10-20", channel: "post" });
    expect(detail.replies[0]?.files).toEqual([
      {
        name: "reply.pdf",
        hash: createHash("sha256").update("%PDF-1.7 a reply").digest("hex"),
        size: 16,
        mediaType: "application/pdf",
        // Its text was not read here (the use case is called without a reader): nothing to say of it.
        problems: [],
        ocr: null,
      },
    ]);
    expect(detail.chasers).toEqual([]);
    // The content is a whole Letter again: a renderer takes it as it is.
    expect(detail.content?.address[0]).toBe("Katy Bourne OBE");
    expect(detail.content?.source.addressColumns.slice(0, 3)).toEqual(["name", "title", "address_line_1"]);
    expect(renderHtml(detail.content as Letter)).toContain("Dear Katy");
  });

  it("flags an unanswered letter overdue and lists its chaser, which has its own detail", async () => {
    const detail = await letterDetail({ campaign: "vru-2020", recipient: "thames-valley", asOf: ASOF }, deps);
    expect(detail.letter).toMatchObject({ state: "sent", overdue: true, veryOverdue: false });
    expect(detail.chasers).toMatchObject([{ recipient: "thames-valley", state: "draft" }]);
    const chaser = await letterDetail(
      { campaign: "vru-2020", recipient: "thames-valley", asOf: ASOF, kind: "chaser" },
      deps,
    );
    expect(chaser.letter).toMatchObject({ kind: "chaser", id: detail.chasers[0]?.id, state: "draft" });
    expect(chaser.letter.parentLetterId).toBe(detail.letter.id);
    expect(chaser.content?.title).toBe("Violence Reduction Units: reminder: letter to Anthony Stansfeld");
    expect(chaser.items).toEqual([]);
  });

  it("says which input matched nothing", async () => {
    await expect(
      letterDetail({ campaign: "nope", recipient: "sussex", asOf: ASOF }, deps),
    ).rejects.toMatchObject({ code: "not_found", location: { field: "campaign" } });
    await expect(
      letterDetail({ campaign: "vru-2020", recipient: "nobody", asOf: ASOF }, deps),
    ).rejects.toMatchObject({ code: "not_found", location: { field: "recipient" } });
    await expect(
      letterDetail({ campaign: "vru-2020", recipient: "sussex", asOf: ASOF, kind: "chaser" }, deps),
    ).rejects.toMatchObject({ code: "not_found", location: { field: "recipient" } });
    await expect(
      letterDetail({ campaign: "vru-2020", recipient: "sussex", asOf: "1 Dec" }, deps),
    ).rejects.toMatchObject({ code: "bad_input", location: { field: "as-of" } });
  });

  it("gathers a letter's audit trail, with its recipient, items and chasers, oldest first", async () => {
    const sussex = await auditTrailForLetter({ campaign: "vru-2020", recipient: "sussex" }, deps);
    expect(sussex.map((entry) => [entry.action, entry.entityId])).toEqual([
      ["recipient.created", "vru-2020/sussex"],
      ["letter.created", "vru-2020/sussex"],
      ["letter.approved", "vru-2020/sussex"],
      ["letter.sent", "vru-2020/sussex"],
      ["letter.replied", "vru-2020/sussex"],
      ["item.updated", "vru-2020/sussex/needs-assessment"],
      ["item.updated", "vru-2020/sussex/response-strategy"],
    ]);
    expect(sussex[2]).toMatchObject({ actor: "ann@example.org", before: { state: "draft" } });
    expect(sussex[3]?.after).toMatchObject({ state: "sent", sentOn: "2020-10-13", dueOn: "2020-11-10" });
    const thames = await auditTrailForLetter({ campaign: "vru-2020", recipient: "thames-valley" }, deps);
    expect(thames.map((entry) => entry.action).slice(-2)).toEqual(["letter.sent", "chaser.created"]);
    const letterOnly = await auditTrail({ entity: "letter", entityId: "vru-2020/sussex" }, deps);
    expect(letterOnly.map((entry) => entry.action)).toEqual([
      "letter.created",
      "letter.approved",
      "letter.sent",
      "letter.replied",
    ]);
    await expect(
      auditTrailForLetter({ campaign: "vru-2020", recipient: "nobody" }, deps),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("counts replies and letters sent per day, with running totals", async () => {
    expect(await repliesOverTime({ campaign: "vru-2020" }, deps)).toEqual([
      { date: "2020-10-13", replies: 0, cumulative: 0, sent: 5, sentCumulative: 5 },
      { date: "2020-10-20", replies: 2, cumulative: 2, sent: 0, sentCumulative: 5 },
      { date: "2020-11-02", replies: 1, cumulative: 3, sent: 0, sentCumulative: 5 },
    ]);
    expect(await repliesOverTime({ campaign: "vru-2021" }, deps)).toEqual([]);
  });

  it("serves the approved PDF as it was stored, and renders the rest", async () => {
    rendered.length = 0;
    const pdf = await letterFile({ campaign: "vru-2020", recipient: "sussex", format: "pdf" }, deps);
    const [stored] = await database.db
      .select({ hash: letterVersionFiles.fileHash })
      .from(letterVersionFiles)
      .innerJoin(letterVersions, eq(letterVersions.id, letterVersionFiles.versionId))
      .innerJoin(letters, eq(letters.id, letterVersions.letterId))
      .innerJoin(recipients, eq(recipients.id, letters.recipientId))
      .where(and(eq(recipients.key, "sussex"), eq(letters.campaignId, "vru-2020")));
    expect(createHash("sha256").update(pdf.bytes).digest("hex")).toBe(stored?.hash);
    expect(pdf).toMatchObject({ mediaType: "application/pdf", fileName: "vru-2020-sussex.pdf" });
    expect(rendered).toEqual([]);

    const txt = await letterFile({ campaign: "vru-2020", recipient: "sussex", format: "txt" }, deps);
    expect(Buffer.from(txt.bytes).toString("utf8")).toContain("Dear Katy");
    expect(txt).toMatchObject({ mediaType: "text/plain; charset=utf-8", fileName: "vru-2020-sussex.txt" });
    const draft = await letterFile({ campaign: "vru-2021", recipient: "essex", format: "pdf" }, deps);
    expect(Buffer.from(draft.bytes).subarray(0, 5).toString()).toBe("%PDF-");
    expect(draft.fileName).toBe("vru-2021-essex.pdf");
    const chaser = await letterFile(
      { campaign: "vru-2020", recipient: "thames-valley", format: "docx", kind: "chaser" },
      deps,
    );
    expect(Buffer.from(chaser.bytes).subarray(0, 2).toString()).toBe("PK");
    expect(chaser.fileName).toMatch(/^vru-2020-thames-valley-chaser-\d+\.docx$/);
    expect(rendered).toEqual(["txt", "pdf", "docx"]);
    await expect(
      letterFile({ campaign: "vru-2020", recipient: "sussex", format: "odt" as Format }, deps),
    ).rejects.toMatchObject({ code: "bad_input", location: { field: "format" } });
  });

  it("lists the directory: bodies by name, their contacts and campaigns", async () => {
    const directory = await listOrganisations(deps);
    expect(directory.map((body) => body.name)).toEqual([
      "Nottinghamshire Police and Crime Commissioner",
      "Police, Fire and Crime Commissioner for Essex",
      "South Yorkshire Police and Crime Commissioner",
      "Sussex Police and Crime Commissioner",
      "Thames Valley Police and Crime Commissioner",
    ]);
    const sussex = directory[3];
    expect(sussex).toMatchObject({ nation: "england" });
    expect(sussex?.contacts).toMatchObject([
      { name: "Katy Bourne OBE", role: "Sussex Police and Crime Commissioner" },
    ]);
    expect(sussex?.campaigns.map((campaign) => campaign.id)).toEqual(["vru-2021", "vru-2021b", "vru-2020"]);
  });

  it("edits an organisation and its contacts, each with an audit entry", async () => {
    const essex = (await listOrganisations(deps)).find((body) => body.name.includes("Essex"));
    const id = essex?.id ?? 0;
    const saved = await saveOrganisation(
      {
        id,
        name: " Essex PFCC ",
        kind: "PCC",
        nation: "England",
        website: "https://www.essex.pfcc.police.uk",
        actor: "ed",
      },
      deps,
    );
    expect(saved).toMatchObject({ id, name: "Essex PFCC", kind: "PCC", nation: "england", created: false });
    const bad = (options: Partial<Parameters<typeof saveOrganisation>[0]>) =>
      saveOrganisation({ id, name: "Essex PFCC", actor: "ed", ...options }, deps);
    await expect(bad({ name: "  " })).rejects.toMatchObject({ location: { field: "name" } });
    await expect(bad({ website: "www.essex" })).rejects.toMatchObject({ location: { field: "website" } });
    await expect(bad({ website: "javascript:alert(1)" })).rejects.toMatchObject({
      location: { field: "website" },
    });
    await expect(bad({ nation: "Wessex" })).rejects.toMatchObject({ location: { field: "nation" } });
    await expect(bad({ name: "Sussex Police and Crime Commissioner" })).rejects.toMatchObject({
      code: "bad_input",
      location: { field: "name" },
    });
    await expect(bad({ id: 999_999 })).rejects.toMatchObject({
      code: "not_found",
      location: { field: "id" },
    });

    const added = await saveContact(
      {
        organisationId: id,
        name: "Pat Doe",
        role: "Chief Executive",
        email: "pat@essex.example.org",
        actor: "ed",
      },
      deps,
    );
    expect(added).toMatchObject({ name: "Pat Doe", created: true });
    const edited = await saveContact(
      {
        organisationId: id,
        contactId: added.id,
        name: "Pat Doe",
        role: "Chief Executive",
        email: "",
        actor: "ed",
      },
      deps,
    );
    expect(edited).toMatchObject({ id: added.id, email: "", created: false });
    const contact = (options: Partial<Parameters<typeof saveContact>[0]>) =>
      saveContact({ organisationId: id, name: "Pat Doe", actor: "ed", ...options }, deps);
    await expect(contact({ email: "pat at essex" })).rejects.toMatchObject({ location: { field: "email" } });
    await expect(contact({ name: "" })).rejects.toMatchObject({ location: { field: "name" } });
    await expect(contact({ organisationId: 999_999 })).rejects.toMatchObject({ code: "not_found" });

    const listed = (await listOrganisations(deps)).find((body) => body.id === id);
    expect(listed).toMatchObject({ name: "Essex PFCC", website: "https://www.essex.pfcc.police.uk" });
    expect(listed?.contacts.map((person) => person.name)).toEqual(["Pat Doe", "Roger Hirst"]);
    const trail = await auditTrail({ entity: "organisation", entityId: String(id) }, deps);
    expect(trail).toMatchObject([
      {
        action: "organisation.updated",
        actor: "ed",
        before: { name: "Police, Fire and Crime Commissioner for Essex" },
      },
    ]);
    const created = await saveOrganisation({ name: "Home Office", nation: "", actor: "ed" }, deps);
    expect(created).toMatchObject({ name: "Home Office", nation: null, website: "", created: true });
    // Without an id, a contact of the same name is the one edited, as an import matches them.
    const byName = await saveContact({ organisationId: id, name: "Pat Doe", role: "CEO", actor: "ed" }, deps);
    expect(byName).toMatchObject({ id: added.id, role: "CEO", created: false });
    const contactTrail = await auditTrail({ entity: "contact", entityId: String(added.id) }, deps);
    expect(contactTrail.map((entry) => entry.action)).toEqual([
      "contact.created",
      "contact.updated",
      "contact.updated",
    ]);
  });
});
