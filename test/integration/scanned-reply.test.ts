import exifr from "exifr";
import { eq } from "drizzle-orm";
import { writeFileSync } from "node:fs";
import { buffer } from "node:stream/consumers";
import { join } from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documents, fileTexts, replyFiles } from "../../src/store/schema.ts";
import { documentsOf, recordReplyTo, sendLetters } from "../support/publishing-factory.ts";
import { jpegWithGps } from "../support/document-factories.ts";
import { pdfText } from "../support/pdf-text.ts";
import { writeTempPdf } from "../support/pdf-tools.ts";
import { tempDir } from "../support/render-cli.ts";
import { imagePdf, scanPdf } from "../support/scans.ts";
import { NO_POPPLER, POPPLER_REASON } from "../support/tools.ts";
import { ROLE_EMAILS, startTestApp, WebClient, type TestApp } from "../support/web-app.ts";

// A reply that came on paper, scanned to a PDF without a text layer, through
// the whole of Postbag: recorded (and read by OCR once), its items suggested,
// its personal data found on the scan, a number redacted by pattern, then
// published: public search finds its words and never the redacted number.

const ACTOR = ROLE_EMAILS.admin;
const LINES = [
  "Sussex Police and Crime Commissioner",
  "Dear Commissioner,",
  "Thank you for your letter. We enclose our Response Strategy for",
  "serious violence, published in March 2020, and the Zephyrine",
  "partnership's plan for the coming year.",
  "If you have any questions, please ring Jo Bloggs on 07700 900123.",
  "Yours sincerely,",
];

async function typedLetter(): Promise<string> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595.28, 841.89]);
  LINES.forEach((line, index) => page.drawText(line, { x: 72, y: 760 - index * 22, size: 12, font }));
  const path = join(tempDir(), "typed.pdf");
  writeFileSync(path, await doc.save());
  return path;
}

describe.skipIf(NO_POPPLER)(`a reply on paper, scanned (${POPPLER_REASON})`, () => {
  let test: TestApp;
  let campaign = "";
  let replyId = 0;
  const services = () => test.services;
  const search = async (q: string) => (await services().searchPublic({ q })).hits.map((hit) => hit.url);

  beforeAll(async () => {
    test = await startTestApp("pglite");
    campaign = test.campaign;
    await sendLetters(services(), campaign, ["sussex"]);
    const scan = await imagePdf(await scanPdf(await typedLetter(), { dpi: 200 }));
    expect(pdfText(writeTempPdf(scan)).trim()).toBe("");
    replyId = await recordReplyTo(services(), campaign, {
      recipient: "sussex",
      text: "",
      files: [{ name: "scan.pdf", bytes: scan }],
    });
  }, 180_000);
  afterAll(() => test?.close());

  it("reads the scan once, when the reply is recorded, and suggests the items it answers", async () => {
    const { db } = await services().database();
    const [stored] = await db
      .select({ text: fileTexts.text, ocr: fileTexts.ocr, problems: fileTexts.problems })
      .from(fileTexts)
      .innerJoin(replyFiles, eq(replyFiles.fileHash, fileTexts.fileHash))
      .where(eq(replyFiles.name, "scan.pdf"));
    expect(stored?.text).toContain("Zephyrine");
    expect(stored?.problems).toEqual([]);
    expect(stored?.ocr?.engine).toMatch(/^tesseract\.js \d+\.\d+\.\d+, eng$/);
    expect(stored?.ocr?.pages[0]?.confidence).toBeGreaterThan(80);
    const suggested = await services().replySuggestions({ reply: replyId });
    expect(suggested.map((suggestion) => suggestion.itemId)).toContain("response-strategy");
    // The letter's page says the file is a scan, read by OCR, and how surely.
    const client = await WebClient.signedIn(test.base, "editor");
    const page = await client.get(`/manage/campaigns/${campaign}/letters/sussex`);
    expect(page.text).toMatch(/Scanned: 1 page read by OCR, \d+% confidence/);
  });

  it("does not flag the campaign's own sender, signatory and contact, nor the body written to", async () => {
    await sendLetters(services(), campaign, ["essex"]);
    await recordReplyTo(services(), campaign, {
      recipient: "essex",
      text: [
        "Dear Ms Perera,",
        "Further to your email (shelley.perera@iasc.independent.gov.uk) and your call on +44 (0) 20 3513 0477,",
        "Roger Hirst has asked me to send Dame Sara Thornton the strategy.",
        "It was written by Jane Trelawny, Procurement Officer (07700 900 321).",
      ].join("\n"),
    });
    const reply = (await documentsOf(services(), campaign, "essex")).get("reply.txt")!;
    expect(reply.findings.map((finding) => [finding.code, finding.message.split(": ")[1]])).toEqual([
      ["personal-phone", '"07700 900 321".'],
      ["personal-name", '"Jane Trelawny".'],
    ]);
  });

  it("cuts a photo's GPS and its taker's name from the public copy, and the findings are gone with them", async () => {
    await sendLetters(services(), campaign, ["thames-valley"]);
    await recordReplyTo(services(), campaign, {
      recipient: "thames-valley",
      text: "A photo of our letter is attached.",
      files: [{ name: "IMG_0042.jpg", bytes: await jpegWithGps() }],
    });
    const photo = (await documentsOf(services(), campaign, "thames-valley")).get("IMG_0042.jpg")!;
    const byCode = new Map(photo.findings.map((finding) => [finding.code, finding]));
    expect(byCode.get("image-gps")?.current).toBe(false);
    expect(byCode.get("image-people")?.current).toBe(false);
    const { db } = await services().database();
    const [row] = await db
      .select({ hash: documents.publicHash })
      .from(documents)
      .where(eq(documents.id, photo.id));
    const publicCopy = await buffer((await services().storedFile(row!.hash!))!);
    expect(await exifr.gps(publicCopy)).toBeUndefined();
  });

  it("finds the phone number on the scan, redacts it there, and publishes what is left to search", async () => {
    let scan = (await documentsOf(services(), campaign, "sussex")).get("scan.pdf")!;
    const phone = scan.findings.find((finding) => finding.code === "personal-phone");
    expect(phone?.location).toMatch(/^page 1 \(scanned\), line \d+$/);
    expect(scan.findings.map((finding) => finding.code)).not.toContain("pdf-no-text");
    const result = await services().addRedaction({
      campaign,
      document: scan.id,
      redaction: { kind: "pattern", pattern: "phone" },
      reason: "a person's mobile number",
      actor: ACTOR,
    });
    expect(result.places).toBe(1);
    scan = (await documentsOf(services(), campaign, "sussex")).get("scan.pdf")!;
    for (const finding of scan.findings.filter((each) => each.current && !each.resolvedAt)) {
      expect(finding.code).not.toBe("personal-phone");
      await services().resolveFinding({
        campaign,
        document: scan.id,
        finding: finding.id,
        reason: "the body's press officer",
        actor: ACTOR,
      });
    }
    await services().setPublication({
      target: { entity: "campaign", campaign },
      published: true,
      actor: ACTOR,
    });
    await services().setPublication({
      target: { entity: "document", campaign, document: scan.id },
      published: true,
      actor: ACTOR,
    });
    expect(await search("Zephyrine")).toEqual([expect.stringContaining("scan.pdf")]);
    expect(await search("07700")).toEqual([]);
    // The public copy itself: the number is gone from its words, the rest can be copied and searched.
    const { db } = await services().database();
    const [row] = await db
      .select({ hash: documents.publicHash })
      .from(documents)
      .where(eq(documents.id, scan.id));
    const publicCopy = await buffer((await services().storedFile(row!.hash!))!);
    const publicText = pdfText(writeTempPdf(publicCopy));
    expect(publicText).toContain("Zephyrine");
    expect(publicText).toContain("[redacted]");
    expect(publicText).not.toContain("07700");
  }, 180_000);
});
