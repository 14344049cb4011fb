import { afterAll, beforeAll, expect, it } from "vitest";
import { auditTrailForLetter } from "../../src/campaigns/queries/audit-trail.ts";
import { letterDetail } from "../../src/campaigns/queries/letter-detail.ts";
import { listChasers } from "../../src/campaigns/queries/list-chasers.ts";
import { replyFile } from "../../src/campaigns/queries/reply-file.ts";
import { approveLetters } from "../../src/campaigns/records/approve-letters.ts";
import { chaseLetters } from "../../src/campaigns/chasers/chase-letters.ts";
import { importCampaign } from "../../src/campaigns/records/import-campaign.ts";
import { recordReply } from "../../src/campaigns/records/record-reply.ts";
import { recordSent } from "../../src/campaigns/records/record-sent.ts";
import { fileStore } from "../../src/files/file-store.ts";
import { readCampaignFolder } from "../../src/files/read-campaign-folder.ts";
import type { Letter } from "../../src/letters/model.ts";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { addUser } from "../../src/users/add-user.ts";
import { describeOnEachDatabase, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { copyOfExample } from "../support/records.ts";
import { tempDir } from "../support/render-cli.ts";

// What the web app's letter and chaser pages added to the use cases: a list
// of a campaign's chasers, approving a chaser, a reply's uploaded bytes with
// its sender and text, and a reply's file given only through its own letter.
// PDFs are stand-ins: rendering is tested elsewhere, and these tests are about records.

describeOnEachDatabase("chasers and reply files", (kind) => {
  let test: TestDatabase;
  let database: Database;
  const deps = {
    readCampaignFolder,
    database: async () => database,
    fileStore: fileStore(tempDir("postbag-files-")),
    renderPdfs: async (letters: Letter[]) =>
      new Map(letters.map((letter) => [letter.id, Buffer.from(`%PDF-1.7 stand-in for ${letter.id}`)])),
  };
  const campaign = "vru-2020";

  beforeAll(async () => {
    test = await freshDatabase(kind);
    database = await openDatabase(test.location);
    await database.migrate();
    await importCampaign({ dir: copyOfExample().dir, actor: "ed@example.org" }, deps);
    await addUser({ email: "ann@example.org", role: "approver", actor: "admin" }, deps);
    await addUser({ email: "vic@example.org", role: "viewer", actor: "admin" }, deps);
    await approveLetters({ campaign, by: "ann@example.org" }, deps);
    await recordSent({ campaign, on: "2020-10-13", via: "post", actor: "ed" }, deps);
  });
  afterAll(async () => {
    await database?.close();
    await test?.drop();
  });

  it("lists no chasers before any, and refuses an unknown campaign", async () => {
    expect(await listChasers({ campaign }, deps)).toEqual([]);
    await expect(listChasers({ campaign: "nope" }, deps)).rejects.toMatchObject({ code: "not_found" });
  });

  it("records a reply from uploaded bytes, with its sender, text and file", async () => {
    const bytes = Buffer.from("%PDF-1.7 the assessment");
    const result = await recordReply(
      {
        campaign,
        recipient: "essex",
        on: "2020-10-20",
        channel: "email",
        sender: "Office of the PFCC",
        text: "Attached.",
        files: [{ name: "Assessment.PDF", bytes }],
        items: [],
        actor: "ed",
      },
      deps,
    );
    const detail = await letterDetail({ campaign, recipient: "essex", asOf: "2020-12-01" }, deps);
    expect(detail.replies[0]).toMatchObject({
      channel: "email",
      sender: "Office of the PFCC",
      text: "Attached.",
      files: [{ name: "Assessment.PDF", mediaType: "application/pdf", size: bytes.length }],
    });
    const hash = result.files[0]?.hash ?? "";
    const file = await replyFile({ campaign, recipient: "essex", hash }, deps);
    expect(file).toMatchObject({ name: "Assessment.PDF", mediaType: "application/pdf" });
    expect(Buffer.concat(await file.stream.toArray())).toEqual(bytes);
    // The same file asked for through another letter is not given.
    await expect(replyFile({ campaign, recipient: "sussex", hash }, deps)).rejects.toMatchObject({
      code: "not_found",
      location: { field: "hash" },
    });
  });

  it("lists each chaser with its recipient's name and the letter it chases", async () => {
    await chaseLetters({ campaign, asOf: "2020-12-01", actor: "ed" }, deps);
    const chasers = await listChasers({ campaign }, deps);
    // Every letter sent and unanswered: all but essex's, which had its reply.
    const recipients = chasers.map((chaser) => chaser.recipient);
    expect(recipients).toContain("sussex");
    expect(recipients).not.toContain("essex");
    expect(recipients.length).toBeGreaterThan(1);
    expect(chasers.find((chaser) => chaser.recipient === "sussex")).toMatchObject({
      name: "Katy Bourne OBE",
      state: "draft",
      chases: { sentOn: "2020-10-13", dueOn: "2020-11-10", state: "sent" },
    });
  });

  it("approves one recipient's chaser, audited under the chaser, leaving its letter as it was", async () => {
    const result = await approveLetters(
      { campaign, recipient: "sussex", kind: "chaser", by: "ann@example.org" },
      deps,
    );
    expect(result.approved).toEqual(["sussex"]);
    const chaser = await letterDetail(
      { campaign, recipient: "sussex", kind: "chaser", asOf: "2020-12-01" },
      deps,
    );
    expect(chaser.letter.state).toBe("approved");
    expect(chaser.versions[0]).toMatchObject({ approvedBy: "ann@example.org", formats: ["pdf"] });
    const first = await letterDetail({ campaign, recipient: "sussex", asOf: "2020-12-01" }, deps);
    expect(first.letter.state).toBe("sent");
    const trail = await auditTrailForLetter({ campaign, recipient: "sussex" }, deps);
    expect(trail.at(-1)).toMatchObject({
      action: "chaser.approved",
      actor: "ann@example.org",
      entityId: `${campaign}/sussex/chaser-${chaser.letter.id}`,
    });
    // Naming a recipient approves that chaser only.
    const others = (await listChasers({ campaign }, deps)).filter((row) => row.recipient !== "sussex");
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((row) => row.state === "draft")).toBe(true);
  });

  it("refuses to approve a chaser twice, one that does not exist, or as a viewer", async () => {
    const approve = (recipient: string, by = "ann@example.org") =>
      approveLetters({ campaign, recipient, kind: "chaser", by }, deps);
    await expect(approve("sussex")).rejects.toMatchObject({ code: "invalid_transition" });
    await expect(approve("essex")).rejects.toMatchObject({
      code: "not_found",
      message: expect.stringContaining('no chaser to "essex"'),
    });
    await expect(approve("thames-valley", "vic@example.org")).rejects.toMatchObject({ code: "forbidden" });
  });
});
