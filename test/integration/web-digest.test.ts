import { appendFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordReplyTo, sendLetters } from "../support/publishing-factory.ts";
import { ROLE_EMAILS, startTestApp, WebClient, type TestApp } from "../support/web-app.ts";

// Issue 18: the digest page of the real app. A person accepts a proposal,
// keeps an answer of their own, and rejects one; each decision writes one
// audit entry, an accepted answer keeps its quote, and a viewer may look but
// not decide.

describe("the digest page", () => {
  let test: TestApp;
  let editor: WebClient;
  const services = () => test.services;
  const cell = (recipient: string, question: string) =>
    `/manage/campaigns/${test.campaign}/digest/answers/${recipient}/${question}`;
  const trail = (recipient: string, question: string) =>
    services().auditTrail({ entity: "digest-answer", entityId: `${test.campaign}/${recipient}/${question}` });

  beforeAll(async () => {
    test = await startTestApp("pglite", {
      editCampaign: (dir) =>
        appendFileSync(
          join(dir, "campaign.yaml"),
          "\nquestions:\n  - id: funding\n    question: How much goes to early intervention?\n    kind: money\n",
        ),
    });
    await sendLetters(services(), test.campaign, ["sussex", "essex"]);
    const letter = (text: string) => [{ name: "reply.txt", bytes: Buffer.from(text) }];
    await recordReplyTo(services(), test.campaign, {
      recipient: "sussex",
      text: "",
      files: letter(
        "Our Response Strategy was published on 1 April 2020 and is attached.\n\nWe spend £350,000 on early intervention.\n\nOur knife crime campaign runs in every school.\n\nThe youth club in Crawley is open late.\n",
      ),
    });
    await recordReplyTo(services(), test.campaign, {
      recipient: "essex",
      text: "",
      files: letter(
        "Our early intervention budget is £1.2m this year.\n\nWe fund knife crime workshops for parents.\n\nA youth club opened in Harlow.\n",
      ),
    });
    editor = await WebClient.signedIn(test.base, "editor");
  }, 120_000);
  afterAll(() => test?.close());

  it("shows each body's proposals with their quotes, linked from the campaign's page", async () => {
    expect((await editor.get(`/manage/campaigns/${test.campaign}`)).text).toContain(
      `/manage/campaigns/${test.campaign}/digest`,
    );
    const page = await editor.get(`/manage/campaigns/${test.campaign}/digest`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("How much goes to early intervention?");
    expect(page.text).toContain("We spend £350,000 on early intervention.");
    expect(page.text).toContain("350000");
    expect(page.text).toContain("0 of 20 answers accepted");
  });

  it("accepts, keeps a person's own answer, and rejects, each with one audit entry", async () => {
    expect((await editor.post(cell("sussex", "funding"), { decision: "accept" })).status).toBe(303);
    expect(
      (await editor.post(cell("essex", "funding"), { decision: "edit", value: "£1.2 million (2020/21)" }))
        .status,
    ).toBe(303);
    expect((await editor.post(cell("sussex", "response-strategy"), { decision: "reject" })).status).toBe(303);
    const digest = await services().campaignDigest({ campaign: test.campaign });
    const answer = (recipient: string, question: string) =>
      digest.bodies.find((b) => b.recipient === recipient)!.cells.find((c) => c.question === question)!
        .answer;
    expect(answer("sussex", "funding")).toMatchObject({
      decision: "accepted",
      value: "350000",
      quote: "We spend £350,000 on early intervention.",
      file: "reply.txt",
      decidedBy: ROLE_EMAILS.editor,
    });
    expect(answer("essex", "funding")).toMatchObject({
      decision: "accepted",
      value: "£1.2 million (2020/21)",
    });
    expect(answer("sussex", "response-strategy")).toMatchObject({ decision: "rejected", value: null });
    for (const [recipient, question, action] of [
      ["sussex", "funding", "digest.accepted"],
      ["essex", "funding", "digest.edited"],
      ["sussex", "response-strategy", "digest.rejected"],
    ] as const) {
      expect((await trail(recipient, question)).map((entry) => entry.action)).toEqual([action]);
    }
    const page = await editor.get(`/manage/campaigns/${test.campaign}/digest`);
    expect(page.text).toContain("2 of 20 answers accepted");
    expect(page.text).toContain("£1.2 million (2020/21)");
  });

  it("refuses an empty answer at its cell, and a viewer's decision", async () => {
    const refused = await editor.post(cell("essex", "funding"), { decision: "edit", value: "  " });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("Write the answer to keep");
    const viewer = await WebClient.signedIn(test.base, "viewer");
    expect((await viewer.get(`/manage/campaigns/${test.campaign}/digest`)).text).not.toContain(
      "Keep my answer",
    );
    expect((await viewer.post(cell("essex", "funding"), { decision: "reject" })).status).toBe(403);
    expect((await trail("essex", "funding")).length).toBe(1);
  });

  it("reads chosen bodies side by side on one question, and says when a question does not exist", async () => {
    const all = await editor.get(`/manage/campaigns/${test.campaign}/digest/questions/funding`);
    expect(all.status).toBe(200);
    expect(all.text).toContain("We spend £350,000 on early intervention.");
    expect(all.text).toContain("Our early intervention budget is £1.2m this year.");
    const one = await editor.get(`/manage/campaigns/${test.campaign}/digest/questions/funding?body=essex`);
    expect(one.text).toContain("£1.2m");
    expect(one.text).not.toContain("We spend £350,000");
    expect((await editor.get(`/manage/campaigns/${test.campaign}/digest/questions/nothing`)).status).toBe(
      404,
    );
  });

  it("shows the themes two bodies share, which a person renames, merges and hides, each audited", async () => {
    const page = await editor.get(`/manage/campaigns/${test.campaign}/digest`);
    expect(page.text).toContain("Which body mentions which theme");
    expect(page.text).toContain("knife crime");
    const theme = `/manage/campaigns/${test.campaign}/digest/themes/knife%20crime`;
    expect((await editor.post(theme, { action: "rename", label: "Knife crime prevention" })).status).toBe(
      303,
    );
    let digest = await services().campaignDigest({ campaign: test.campaign });
    expect(digest.themes.find((t) => t.key === "knife crime")).toMatchObject({
      label: "Knife crime prevention",
      hidden: false,
    });
    expect(
      digest.themes
        .find((t) => t.key === "knife crime")
        ?.mentions.map((m) => m.recipient)
        .sort(),
    ).toEqual(["essex", "sussex"]);
    const club = `/manage/campaigns/${test.campaign}/digest/themes/youth%20club`;
    expect((await editor.post(club, { action: "merge", into: "knife crime" })).status).toBe(303);
    digest = await services().campaignDigest({ campaign: test.campaign });
    expect(digest.themes.map((t) => t.key)).not.toContain("youth club");
    expect(digest.themes.find((t) => t.key === "knife crime")?.mentions).toHaveLength(2);
    expect((await editor.post(theme, { action: "hide" })).status).toBe(303);
    digest = await services().campaignDigest({ campaign: test.campaign });
    expect(digest.themes.find((t) => t.key === "knife crime")?.hidden).toBe(true);
    const refused = await editor.post(theme, { action: "rename", label: " " });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("Write the theme");
    const trail = await services().auditTrail({
      entity: "digest-theme",
      entityId: `${test.campaign}/knife crime`,
    });
    expect(trail.map((entry) => entry.action)).toEqual(["digest.theme.rename", "digest.theme.hide"]);
    const merged = await services().auditTrail({
      entity: "digest-theme",
      entityId: `${test.campaign}/youth club`,
    });
    expect(merged.map((entry) => entry.action)).toEqual(["digest.theme.merge"]);
  });

  it("downloads the grid as XLSX too, the same rows", async () => {
    const { response, bytes } = await editor.getBytes(`/manage/campaigns/${test.campaign}/digest.xlsx`);
    expect(response.headers.get("content-type")).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String)));
    expect(rows[0]).toContain("quote");
    const sussex = rows.find((row) => row[1] === "sussex" && row[2]?.startsWith("How much"));
    expect(sussex?.slice(4, 9)).toEqual([
      "accepted",
      "350000",
      "reply.txt",
      "1",
      "We spend £350,000 on early intervention.",
    ]);
    // The link opens the reply's file in the staff app (signed in).
    const link = new URL(sussex![9]!);
    expect(link.pathname).toMatch(
      new RegExp(`^/manage/campaigns/${test.campaign}/letters/sussex/files/[0-9a-f]{64}$`),
    );
    const file = await editor.getBytes(link.pathname);
    expect(file.bytes.toString("utf8")).toContain("We spend £350,000 on early intervention.");
    expect((await editor.get(`/manage/campaigns/${test.campaign}/digest.pdf`)).status).toBe(404);
  });

  it("downloads the grid as CSV with each accepted answer's quote", async () => {
    const { response, bytes } = await editor.getBytes(`/manage/campaigns/${test.campaign}/digest.csv`);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const rows = bytes.toString("utf8").trim().split("\r\n");
    expect(rows[0]).toBe("body,recipient,question,item state,decision,answer,file,page,quote,link");
    expect(rows.find((row) => row.includes(",sussex,How much"))).toContain(
      ',accepted,350000,reply.txt,1,"We spend £350,000 on early intervention."',
    );
  });
});
