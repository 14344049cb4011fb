import { apiClient, type ApiCall } from "../support/api-client.ts";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachDatabase } from "../support/databases.ts";
import { recordReplyTo, sendLetters } from "../support/publishing-factory.ts";
import { ROLE_EMAILS, startTestApp, WebClient, type TestApp } from "../support/web-app.ts";

// Publishing through the staff pages and the JSON API, on the real app and
// database: the campaign from its board, a letter and its replies from the
// letter's page, each document from its review page (findings resolved,
// redactions made, downloads of the public copy). Only approvers and admins
// may publish; every change is audited. The steps build on each other.

const PHONE = "07700 900123";

describeOnEachDatabase("web: publishing", (kind) => {
  let test: TestApp;
  let viewer: WebClient;
  let editor: WebClient;
  let approver: WebClient;
  let api: ApiCall;
  const board = () => `/manage/campaigns/${test.campaign}`;
  const letter = (recipient: string) => `${board()}/letters/${recipient}`;
  const publication = (recipient = "sussex") =>
    test.services.letterPublication({ campaign: test.campaign, recipient });
  const documentNamed = async (name: string) => {
    const found = (await publication()).replies
      .flatMap((reply) => reply.documents)
      .find((doc) => doc.name === name);
    if (!found) throw new Error(`no document ${name}`);
    return found;
  };
  const documentPage = async (name: string) =>
    `${letter("sussex")}/documents/${(await documentNamed(name)).id}`;
  const actions = async (entity: string, entityId: string) =>
    (await test.services.auditTrail({ entity, entityId })).map((entry) => entry.action);

  beforeAll(async () => {
    test = await startTestApp(kind);
    await sendLetters(test.services, test.campaign, ["sussex", "essex"]);
    await recordReplyTo(test.services, test.campaign, {
      recipient: "sussex",
      text: "Our profile of violence reduction is attached.",
      files: [
        { name: "contact.txt", bytes: Buffer.from(`Call me on ${PHONE} about the strategy.\n`) },
        // A number the checks cannot tell is the council's (one said to be a switchboard is not flagged).
        { name: "switchboard.txt", bytes: Buffer.from("The council can be called on 07700 900456.\n") },
      ],
    });
    viewer = await WebClient.signedIn(test.base, "viewer");
    editor = await WebClient.signedIn(test.base, "editor");
    approver = await WebClient.signedIn(test.base, "approver");
    api = await apiClient(test, "publishing");
  }, 120_000);
  afterAll(async () => {
    await test?.close();
  });

  it("refuses every publishing action to a viewer and an editor, and shows them no button", async () => {
    for (const client of [viewer, editor]) {
      const page = await client.get(board());
      expect(page.text).toContain("Publishing");
      expect(page.text).not.toContain("Publish campaign");
      expect((await client.get(letter("sussex"))).text).not.toContain("Publish the letter");
      for (const path of [
        `${board()}/publish`,
        `${letter("sussex")}/publish`,
        `${letter("sussex")}/check-documents`,
      ]) {
        expect((await client.post(path, {})).status).toBe(403);
      }
    }
    expect((await test.services.campaignPublished({ campaign: test.campaign })).published).toBe(false);
  });

  it("offers to check a letter's unchecked documents, then lists each with its state", async () => {
    const before = await approver.get(letter("sussex"));
    expect(before.text).toContain('id="publication"');
    expect(before.text).toContain("Check documents");
    const checked = await approver.post(`${letter("sussex")}/check-documents`, {});
    expect(checked.status).toBe(303);
    const after = await approver.get(letter("sussex"));
    expect(after.text).toContain("Checked 3 documents");
    expect(after.text).not.toContain("Check documents<");
    expect(after.text).toContain(`href="${await documentPage("contact.txt")}"`);
    expect(after.text).toContain("1 finding to resolve");
    expect(after.text).toContain("Ready to publish"); // reply.txt
  });

  it("refuses to publish an unsent letter, with the reason on its page", async () => {
    const page = await approver.get(letter("thames-valley"));
    expect(page.text).toContain("A letter can only be published once it has been sent");
    expect(page.text).not.toContain("Publish the letter");
    const refused = await approver.post(`${letter("thames-valley")}/publish`, {});
    expect(refused.status).toBe(409);
    expect(refused.text).toContain("There is a problem");
    expect(refused.text).toContain('href="#publication"');
    expect(refused.text).toContain("has not been sent, so it cannot be published");
  });

  it("publishes and unpublishes a letter and a reply from the letter's page, audited", async () => {
    const published = await approver.post(`${letter("sussex")}/publish`, {});
    expect(published.status).toBe(303);
    expect(published.headers.get("location")).toBe(`${letter("sussex")}#publication`);
    const page = await approver.get(letter("sussex"));
    expect(page.text).toContain("Letter published (the campaign page and 1 letter made public)");
    expect(page.text).toContain("Unpublish the letter");
    expect((await publication()).letterPublished).toBe(true);

    const { replies } = await publication();
    const reply = replies[0]!;
    expect((await approver.post(`${letter("sussex")}/replies/${reply.id}/publish`, {})).status).toBe(303);
    expect((await publication()).replies[0]!.published).toBe(true);
    expect((await approver.post(`${letter("sussex")}/replies/${reply.id}/unpublish`, {})).status).toBe(303);
    expect((await publication()).replies[0]!.published).toBe(false);
    // A reply of another letter is not this page's.
    expect((await approver.post(`${letter("essex")}/replies/${reply.id}/publish`, {})).status).toBe(404);

    expect((await approver.post(`${letter("sussex")}/unpublish`, {})).status).toBe(303);
    expect((await publication()).letterPublished).toBe(false);
    const letterId = String(
      (await test.services.letterDetail({ campaign: test.campaign, recipient: "sussex", asOf: "2020-12-01" }))
        .letter.id,
    );
    expect(await actions("letter", `${test.campaign}/${letterId}`)).toEqual(
      expect.arrayContaining(["publication.published", "publication.unpublished"]),
    );
    expect(await actions("reply", `${test.campaign}/${reply.id}`)).toEqual([
      "publication.published",
      "publication.unpublished",
    ]);
  });

  it("publishes the campaign from its board, leaving off what was unpublished on purpose, listing the documents left blocked", async () => {
    // The letter published earlier took its campaign page with it; unpublishing the letter left the page.
    const page = await approver.get(board());
    expect(page.text).toContain("Publish everything that is ready");
    // Sussex's letter and reply were unpublished on their own (above): publishing the campaign leaves them off.
    const first = await approver.post(`${board()}/publish`, {});
    expect(first.status).toBe(303);
    const firstPage = await approver.get(first.headers.get("location")!.replace(/#.*/, ""));
    expect(firstPage.text).toContain("left off because someone unpublished it on purpose");
    expect((await publication()).letterPublished).toBe(false);
    // Published again on their own, they are back; the campaign's publish then takes in what sits under them.
    await approver.get(letter("sussex"));
    expect((await approver.post(`${letter("sussex")}/publish`, {})).status).toBe(303);
    const reply = (await publication()).replies[0]!;
    expect((await approver.post(`${letter("sussex")}/replies/${reply.id}/publish`, {})).status).toBe(303);
    await approver.get(board());
    const published = await approver.post(`${board()}/publish`, {});
    expect(published.status).toBe(303);
    const location = published.headers.get("location")!;
    expect(location).toMatch(new RegExp(`^${board()}\\?blocked=\\d+,\\d+#publishing$`));
    const after = await approver.get(location.replace(/#.*/, ""));
    expect(after.text).toContain("Campaign published: 1 document made public");
    expect(after.text).toContain("2 documents were left unpublished until reviewed");
    expect(after.text).toContain(`href="${await documentPage("contact.txt")}"`);
    expect(after.text).toContain(`href="${await documentPage("switchboard.txt")}"`);
    expect(after.text).toContain(`href="/campaigns/${test.campaign}/"`);
    expect(after.text).toContain("Unpublish campaign");
    expect((await test.services.campaignPublished({ campaign: test.campaign })).letters).toBe(2);
    expect(await actions("campaign", `${test.campaign}/${test.campaign}`)).toContain("publication.published");
  });

  it("shows a document's review page, and will not publish it before its findings are dealt with", async () => {
    const path = await documentPage("switchboard.txt");
    const page = await approver.get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1 class="govuk-heading-l">switchboard.txt</h1>');
    expect(page.text).toContain("Personal data");
    expect(page.text).toContain("Mark as safe to publish");
    expect(page.text).toMatch(/<button[^>]*disabled[^>]*>\s*Publish this document/);
    expect(page.text).toContain(`href="${path}/public-copy"`);
    const refused = await approver.post(`${path}/publish`, {});
    expect(refused.status).toBe(409);
    expect(refused.text).toContain("1 finding to resolve");
    expect((await documentNamed("switchboard.txt")).published).toBe(false);
    expect((await viewer.get(path)).text).not.toContain("Mark as safe to publish");
    expect((await viewer.post(`${path}/publish`, {})).status).toBe(403);
  });

  it("resolves a finding with a reason (refused without one), then publishes and unpublishes the document", async () => {
    const path = await documentPage("switchboard.txt");
    const finding = (await documentNamed("switchboard.txt")).findings[0]!;
    await approver.get(path);
    const empty = await approver.post(`${path}/resolve`, { finding: String(finding.id), reason: "  " });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain(`href="#resolve-${finding.id}"`);
    expect((await documentNamed("switchboard.txt")).findings[0]!.resolvedAt).toBeNull();

    const resolved = await approver.post(`${path}/resolve`, {
      finding: String(finding.id),
      reason: "The council's public switchboard",
    });
    expect(resolved.status).toBe(303);
    const page = await approver.get(path);
    expect(page.text).toContain("Finding resolved");
    expect(page.text).toContain("The council&#39;s public switchboard");
    expect(page.text).toContain(ROLE_EMAILS.approver);
    expect((await approver.post(`${path}/publish`, {})).status).toBe(303);
    expect((await documentNamed("switchboard.txt")).published).toBe(true);
    expect((await approver.post(`${path}/unpublish`, {})).status).toBe(303);
    expect((await documentNamed("switchboard.txt")).published).toBe(false);
    const id = (await documentNamed("switchboard.txt")).id;
    expect(await actions("document", `${test.campaign}/${id}`)).toEqual(
      expect.arrayContaining(["finding.resolved", "publication.published", "publication.unpublished"]),
    );
  });

  it("refuses bad redaction input with an error summary, keeping what was typed and saving nothing", async () => {
    const path = await documentPage("contact.txt");
    await approver.get(path);
    const noText = await approver.post(`${path}/redact`, {
      kind: "text",
      text: "",
      reason: "A private number",
    });
    expect(noText.status).toBe(400);
    expect(noText.text).toContain("There is a problem");
    expect(noText.text).toContain('href="#text"');
    expect(noText.text).toContain("A private number</textarea>");
    const noReason = await approver.post(`${path}/redact`, { kind: "text", text: PHONE, reason: "" });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('href="#redaction-reason"');
    expect(noReason.text).toContain(`value="${PHONE}"`);
    const nothing = await approver.post(`${path}/redact`, { kind: "text", text: "not in it", reason: "x" });
    expect(nothing.status).toBe(400);
    expect(nothing.text).toContain("matched nothing");
    const noPattern = await approver.post(`${path}/redact`, { kind: "pattern", reason: "x" });
    expect(noPattern.status).toBe(400);
    expect(noPattern.text).toContain('href="#pattern"');
    expect((await documentNamed("contact.txt")).redactions).toEqual([]);
  });

  it("redacts by text through the form: the public copy has [redacted], the original is kept", async () => {
    const path = await documentPage("contact.txt");
    await approver.get(path);
    const redacted = await approver.post(`${path}/redact`, {
      kind: "text",
      text: PHONE,
      reason: "A private mobile number",
    });
    expect(redacted.status).toBe(303);
    const page = await approver.get(path);
    expect(page.text).toContain("Redacted 1 place in the public copy");
    expect(page.text).toContain("A private mobile number");
    const copy = await approver.getBytes(`${path}/public-copy`);
    expect(copy.response.status).toBe(200);
    expect(copy.response.headers.get("content-disposition")).toMatch(/^attachment; filename="contact\.txt"/);
    expect(copy.bytes.toString()).toContain("[redacted]");
    expect(copy.bytes.toString()).not.toContain(PHONE);
    const original = await approver.getBytes(`${path}/original`);
    expect(original.bytes.toString()).toContain(PHONE);
    // The number is gone from the public copy, so the document may now go out.
    expect((await documentNamed("contact.txt")).readiness.ready).toBe(true);
    expect((await approver.post(`${path}/publish`, {})).status).toBe(303);
    expect((await documentNamed("contact.txt")).published).toBe(true);
  });

  it("unpublishes the whole campaign from its board, audited", async () => {
    const unpublished = await approver.post(`${board()}/unpublish`, {});
    expect(unpublished.status).toBe(303);
    const page = await approver.get(board());
    expect(page.text).toContain("Campaign unpublished");
    expect(await test.services.campaignPublished({ campaign: test.campaign })).toEqual({
      published: false,
      letters: 0,
      documents: 0,
    });
    expect(await actions("campaign", `${test.campaign}/${test.campaign}`)).toEqual([
      "publication.published",
      "publication.published",
      "publication.unpublished",
    ]);
  });

  it("does the same through the JSON API, for those who may publish only", async () => {
    const campaignPath = `/campaigns/${test.campaign}`;
    expect((await api("POST", `${campaignPath}/publish`, "viewer")).status).toBe(403);
    expect((await api("POST", `${campaignPath}/publish`, "editor")).status).toBe(403);
    const published = await api("POST", `${campaignPath}/publish`, "approver");
    expect(published.status).toBe(200);
    expect(published.json["campaign"]).toBe(test.campaign);
    expect(published.json["blocked"]).toEqual([]);
    // switchboard.txt was unpublished on its own (above): it stays off, and the answer says so.
    const withheld = await documentNamed("switchboard.txt");
    expect(published.json["withheld"]).toEqual([{ entity: "document", id: String(withheld.id) }]);
    expect((await api("GET", `${campaignPath}/publication`, "viewer")).json).toEqual({
      published: true,
      letters: 2,
      documents: 2,
    });

    const letterPub = await api("GET", `${campaignPath}/letters/sussex/publication`, "viewer");
    expect(letterPub.status).toBe(200);
    const replies = letterPub.json["replies"] as {
      id: number;
      documents: { id: number; name: string; findings: { id: number }[] }[];
    }[];
    const docs = replies[0]!.documents;
    expect(docs.map((doc) => doc.name).sort()).toEqual(["contact.txt", "reply.txt", "switchboard.txt"]);

    expect((await api("POST", `${campaignPath}/letters/thames-valley/publish`, "approver")).status).toBe(409);
    expect((await api("POST", `${campaignPath}/letters/sussex/unpublish`, "approver")).status).toBe(200);
    const letterAgain = await api("POST", `${campaignPath}/letters/sussex/publish`, "admin");
    expect((letterAgain.json["published"] as { entity: string }[]).map((row) => row.entity)).toEqual([
      "letter",
    ]);
    expect((await api("POST", `${campaignPath}/replies/${replies[0]!.id}/publish`, "approver")).status).toBe(
      200,
    );
    expect((await api("POST", `${campaignPath}/replies/999999/publish`, "approver")).status).toBe(404);

    const contact = docs.find((doc) => doc.name === "contact.txt")!;
    expect((await api("POST", `${campaignPath}/documents/${contact.id}/unpublish`, "approver")).status).toBe(
      200,
    );
    const bad = await api("POST", `${campaignPath}/documents/${contact.id}/redact`, "approver", {
      kind: "box",
      page: 1,
      x: -1,
      y: 0,
      width: 10,
      height: 10,
      reason: "x",
    });
    expect(bad.status).toBe(400);
    const byPattern = await api("POST", `${campaignPath}/documents/${contact.id}/redact`, "approver", {
      kind: "pattern",
      pattern: "email",
      reason: "Every email address",
    });
    // A pattern that finds nothing is refused, so a mistake never passes for a redaction.
    expect(byPattern.status).toBe(400);
    expect(byPattern.json["error"]).toBe("bad_input");
    const switchboard = docs.find((doc) => doc.name === "switchboard.txt")!;
    const again = await api("POST", `${campaignPath}/documents/${switchboard.id}/resolve`, "approver", {
      finding: switchboard.findings[0]!.id,
      reason: "Again",
    });
    expect(again.status).toBe(409);
    expect((await api("POST", `${campaignPath}/documents/${contact.id}/publish`, "approver")).status).toBe(
      200,
    );
    expect((await api("POST", `${campaignPath}/unpublish`, "approver")).json["unpublished"]).toHaveLength(5);
    expect((await api("GET", `${campaignPath}/publication`, "viewer")).json["published"]).toBe(false);
  });

  it("lists the publication routes in the OpenAPI document", async () => {
    const document = (await (await fetch(`${test.base}/api/docs`)).json()) as {
      paths: Record<string, unknown>;
    };
    for (const path of [
      "/api/campaigns/{campaign}/publication",
      "/api/campaigns/{campaign}/publish",
      "/api/campaigns/{campaign}/letters/{recipient}/publication",
      "/api/campaigns/{campaign}/replies/{reply}/unpublish",
      "/api/campaigns/{campaign}/documents/{document}/redact",
      "/api/campaigns/{campaign}/documents/{document}/resolve",
    ]) {
      expect(Object.keys(document.paths)).toContain(path);
    }
  });
});
