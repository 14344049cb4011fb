import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { strToU8, zipSync, type Zippable } from "fflate";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachDatabase } from "../support/databases.ts";
import { EXAMPLE } from "../support/render-cli.ts";
import { startTestApp, WebClient, type TestApp } from "../support/web-app.ts";

// Who may change what: a published campaign's public text is an approver's
// decision; a form field a route does not take is refused, not ignored; and
// two people editing the same thing never lose one change without knowing.

const NEW_PURPOSE = "A purpose rewritten by someone who may not publish.";

/** The example campaign as a zip, with its campaign.yaml changed by `edit`. */
function campaignZip(edit: (yaml: string) => string = (yaml) => yaml): File {
  const files: Zippable = {};
  for (const name of readdirSync(EXAMPLE)) {
    const text = readFileSync(join(EXAMPLE, name), "utf8");
    files[name] = strToU8(name === "campaign.yaml" ? edit(text) : text);
  }
  return new File([Buffer.from(zipSync(files))], "campaign.zip", { type: "application/zip" });
}

const withPurpose = (yaml: string) => yaml.replace(/purpose: >-[\s\S]*$/, `purpose: ${NEW_PURPOSE}\n`);

describeOnEachDatabase("who may change what", (kind) => {
  let test: TestApp;
  let editor: WebClient;
  let admin: WebClient;
  const board = () => `/manage/campaigns/${test.campaign}`;
  const purpose = async () => (await test.services.publicCampaign({ campaign: test.campaign }))?.purpose;

  beforeAll(async () => {
    test = await startTestApp(kind);
    editor = await WebClient.signedIn(test.base, "editor");
    admin = await WebClient.signedIn(test.base, "admin");
    const approver = await WebClient.signedIn(test.base, "approver");
    await approver.get(board());
    expect((await approver.post(`${board()}/publish`, {})).status).toBe(303);
  }, 120_000);
  afterAll(() => test?.close());

  it("refuses an editor's zip that changes a published campaign's public text, changing nothing", async () => {
    const before = await purpose();
    expect(before).toContain("Violence Reduction Unit");
    await editor.get(`/manage/campaigns/upload?campaign=${test.campaign}`);
    const refused = await editor.post("/manage/campaigns/upload", {
      campaign: test.campaign,
      file: campaignZip(withPurpose),
    });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain("is published: its title, purpose and requests are on the public site");
    expect(await purpose()).toBe(before);
    const editorToken = await test.services.createApiToken({
      email: "editor@example.org",
      name: "zip",
      actor: "test",
    });
    const version = (await test.services.campaignSources({ campaign: test.campaign })).version;
    const byApi = await fetch(`${test.base}/api/campaigns/${test.campaign}/folder?version=${version}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${editorToken.token}`, "content-type": "application/zip" },
      body: Buffer.from(await campaignZip(withPurpose).arrayBuffer()),
    });
    expect(byApi.status).toBe(403);
    expect(await purpose()).toBe(before);
  });

  it("lets an admin change it, audited as a publication change", async () => {
    await admin.get(`/manage/campaigns/upload?campaign=${test.campaign}`);
    const done = await admin.post("/manage/campaigns/upload", {
      campaign: test.campaign,
      file: campaignZip(withPurpose),
    });
    expect(done.status).toBe(303);
    expect(await purpose()).toBe(NEW_PURPOSE);
    const trail = await test.services.auditTrail({ entity: "campaign", entityId: test.campaign });
    expect(trail.map((entry) => entry.action)).toContain("publication.text-changed");
  });

  it("refuses a field the publish form does not take, and publishes nothing", async () => {
    const unpublish = await admin.post(`${board()}/unpublish`, {});
    expect(unpublish.status).toBe(303);
    await admin.get(board());
    const refused = await admin.post(`${board()}/publish`, { recipient: "sussex" });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("this form takes no field &quot;recipient&quot;: nothing was changed");
    expect((await test.services.campaignPublished({ campaign: test.campaign })).published).toBe(false);
  });

  it("refuses the second of two saves of one recipient made from the same page, showing the first", async () => {
    const path = `${board()}/recipients/essex`;
    const other = await WebClient.signedIn(test.base, "editor");
    await editor.get(path);
    await other.get(path);
    expect((await editor.post(path, { salutation: "Dear Mr Hirst" })).status).toBe(303);
    const second = await other.post(path, { title: "Essex Police, Fire and Crime Commissioner" });
    expect(second.status).toBe(409);
    expect(second.text).toContain("The recipient essex was changed by editor@example.org");
    expect(second.text).toContain("salutation: &quot;Dear Roger&quot; → &quot;Dear Mr Hirst&quot;");
    const fields = await test.services.recipientFields({ campaign: test.campaign, recipient: "essex" });
    expect(fields).toContainEqual({ column: "salutation", value: "Dear Mr Hirst" });
    expect(fields).not.toContainEqual({
      column: "title",
      value: "Essex Police, Fire and Crime Commissioner",
    });
    // The page now carries the new version: saving again is a choice made knowing the other change.
    expect((await other.post(path, { title: "Essex Police, Fire and Crime Commissioner" })).status).toBe(303);
  });

  it("refuses the second of two saves of the letter, showing the letter as saved", async () => {
    const path = `${board()}/template`;
    const other = await WebClient.signedIn(test.base, "editor");
    await editor.get(path);
    await other.get(path);
    const source = (await test.services.campaignSources({ campaign: test.campaign })).letter.source;
    expect((await editor.post(path, { source: `${source}\nThe first change.\n` })).status).toBe(303);
    const second = await other.post(path, { source: `${source}\nThe second change.\n` });
    expect(second.status).toBe(409);
    expect(second.text).toContain("The letter was changed by editor@example.org");
    expect(second.text).toContain("The letter as it is saved now (their change)");
    expect(second.text).toContain("The first change.");
    const saved = (await test.services.campaignSources({ campaign: test.campaign })).letter.source;
    expect(saved).toContain("The first change.");
    expect(saved).not.toContain("The second change.");
  });

  it("refuses a zip that replaces a folder changed since the upload page was opened", async () => {
    const upload = `/manage/campaigns/upload?campaign=${test.campaign}`;
    await admin.get(upload);
    const other = await WebClient.signedIn(test.base, "editor");
    const path = `${board()}/recipients/sussex`;
    await other.get(path);
    expect((await other.post(path, { salutation: "Dear Ms Bourne" })).status).toBe(303);
    const stale = await admin.post("/manage/campaigns/upload", {
      campaign: test.campaign,
      file: campaignZip(withPurpose),
    });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain(`The campaign ${test.campaign} was changed by editor@example.org`);
    const fields = await test.services.recipientFields({ campaign: test.campaign, recipient: "sussex" });
    expect(fields).toContainEqual({ column: "salutation", value: "Dear Ms Bourne" });
  });
});
