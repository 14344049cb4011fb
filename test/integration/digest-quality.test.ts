import { Document, Packer, Paragraph } from "docx";
import ExcelJS from "exceljs";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OcrPool } from "../../src/documents/ocr/ocr-pool.ts";
import { DocumentPool } from "../../src/documents/pool/document-pool.ts";
import { pooledDocuments } from "../../src/documents/pool/pooled-documents.ts";
import { writeTempPdf } from "../support/pdf-tools.ts";
import { imagePdf, scanPdf } from "../support/scans.ts";
import { NO_POPPLER, POPPLER_REASON } from "../support/tools.ts";
import { fileToSplit, passagesOf, type TextToSplit } from "../../src/digest/passages.ts";
import { proposeValue } from "../../src/digest/propose-value.ts";
import { findThemes } from "../../src/digest/themes.ts";
import {
  indexPassages,
  queryFor,
  rankPassages,
  type BodyPassages,
  type PassageIndex,
} from "../../src/digest/rank-passages.ts";
import { extractText } from "../../src/replies/extract-text.ts";
import { QUESTIONS, vruReplies, type TestReply } from "../fixtures/digest/vru-replies.ts";

// Issue 18: how well the digest finds answers, on 18 replies written for the
// tests (test/fixtures/digest), each made into the file it would come as
// (Word, PDF, a PDF scanned without a text layer, a workbook, or an email's
// text) and read back as Postbag reads
// replies. For each body and question, the top passage must hold the
// answer's phrase; every yes/no and money value proposed must be right. A
// plain keyword baseline (the question's words counted, no stemming, no
// item wording) is measured beside it.

async function fileOf(
  reply: TestReply,
  readScan: (bytes: Buffer) => Promise<TextToSplit>,
): Promise<TextToSplit> {
  const plain = reply.paragraphs.filter((p) => p !== "\f");
  if (reply.form === "email") return { file: null, text: plain.join("\n\n") };
  if (reply.form === "docx") {
    const doc = new Document({ sections: [{ children: plain.map((text) => new Paragraph(text)) }] });
    return read(`${reply.body}.docx`, await Packer.toBuffer(doc));
  }
  if (reply.form === "xlsx") {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Response");
    for (const text of plain) sheet.addRow([text]);
    return read(`${reply.body}.xlsx`, Buffer.from(await workbook.xlsx.writeBuffer()));
  }
  const pdf = await pdfOf(reply.paragraphs);
  if (reply.form === "scan")
    return readScan(await imagePdf(await scanPdf(writeTempPdf(Buffer.from(pdf)), { dpi: 200 })));
  return read(`${reply.body}.pdf`, pdf);
}

async function read(name: string, bytes: Uint8Array): Promise<TextToSplit> {
  const { text, pageStarts, problems } = await extractText({ name, bytes });
  expect(problems).toEqual([]);
  return fileToSplit(name, text, pageStarts);
}

/** Paragraphs wrapped at 80 characters, a blank line between them, a new page at "\f". */
async function pdfOf(paragraphs: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  let page = doc.addPage([595, 842]);
  let y = 780;
  for (const paragraph of paragraphs) {
    if (paragraph === "\f") {
      page = doc.addPage([595, 842]);
      y = 780;
      continue;
    }
    for (const line of paragraph.match(/.{1,80}(\s|$)/g) ?? []) {
      page.drawText(line.trim(), { x: 56, y, size: 10, font });
      y -= 14;
    }
    y -= 14;
  }
  return doc.save();
}

function itemTitleOf(question: (typeof QUESTIONS)[number]): string | undefined {
  return "itemTitle" in question ? question.itemTitle : undefined;
}

/** The baseline: passages scored by how many of the question's own words they hold, as written. */
function keywordTop(question: string, passages: { text: string }[]): string | undefined {
  const words =
    question
      .toLowerCase()
      .match(/[a-z]+/g)
      ?.filter((w) => w.length > 3) ?? [];
  const scored = passages.map((p) => ({
    p,
    n: words.filter((w) => p.text.toLowerCase().includes(w)).length,
  }));
  const best = Math.max(0, ...scored.map((s) => s.n));
  return best === 0 ? undefined : scored.find((s) => s.n === best)?.p.text;
}

describe.skipIf(NO_POPPLER)(`the digest on 18 replies whose answers are known (${POPPLER_REASON})`, () => {
  const replies = vruReplies();
  let bodies: BodyPassages[] = [];
  let index: PassageIndex;
  // A scanned reply is read as the app reads it: its pages drawn, then OCR in worker processes.
  const pool = new DocumentPool({ timeoutMs: 120_000 });
  const ocr = new OcrPool({ workers: 1, languages: "eng", pageTimeoutMs: 120_000 });
  const documents = pooledDocuments(pool, ocr);
  const readScan = async (bytes: Buffer) => {
    const { text, pageStarts, scan, problems } = await documents.extractText({ name: "scan.pdf", bytes });
    expect(problems).toEqual([]);
    expect(scan?.pages).toHaveLength(2);
    return fileToSplit("scan.pdf", text, pageStarts);
  };

  beforeAll(async () => {
    bodies = await Promise.all(
      replies.map(async (reply) => ({
        body: reply.body,
        passages: passagesOf(await fileOf(reply, readScan)),
      })),
    );
    index = indexPassages(bodies);
  }, 180_000);
  afterAll(async () => {
    await pool.close();
    await ocr.close();
  });

  it("puts the passage that answers first for at least 80% of bodies and questions, beating plain keywords", () => {
    let right = 0;
    let baseline = 0;
    const misses: string[] = [];
    for (const question of QUESTIONS) {
      const ranked = rankPassages(queryFor(question.question, itemTitleOf(question)), index, 1);
      for (const reply of replies) {
        const phrase = reply.answers[question.id]!.phrase;
        const top = ranked.get(reply.body)?.[0]?.text ?? "";
        if (top.includes(phrase)) right++;
        else misses.push(`${reply.body} / ${question.id} (${reply.form})`);
        const passages = bodies.find((b) => b.body === reply.body)!.passages;
        if (keywordTop(question.question, passages)?.includes(phrase)) baseline++;
      }
    }
    const pairs = replies.length * QUESTIONS.length;
    console.log(
      `precision at 1: ${right}/${pairs} (${Math.round((100 * right) / pairs)}%); keyword baseline ${baseline}/${pairs} (${Math.round((100 * baseline) / pairs)}%); missed: ${misses.join("; ")}`,
    );
    expect(right / pairs).toBeGreaterThanOrEqual(0.8);
    expect(right).toBeGreaterThan(baseline);
  });

  it("finds the themes planted in several replies, each with exactly the bodies that use it", async () => {
    const asked = QUESTIONS.map((question) => question.question).join("\n");
    const themes = await findThemes(
      bodies.map(({ body, passages }) => ({ recipient: body, passages })),
      asked,
    );
    const planted = {
      "custody suite": "custody suites",
      "knife crime": "knife crime",
      "night-time economy": "night-time economy",
      "youth worker": "youth workers",
    };
    for (const [key, phrase] of Object.entries(planted)) {
      const theme = themes.find((candidate) => candidate.key === key);
      const using = replies
        .filter((reply) => reply.paragraphs.some((p) => p.toLowerCase().includes(phrase)))
        .map((r) => r.body);
      expect(using.length, key).toBeGreaterThanOrEqual(2);
      expect(theme?.mentions.map((mention) => mention.recipient).sort(), key).toEqual(using.sort());
      expect(theme?.mentions.every((mention) => mention.quote.toLowerCase().includes(phrase))).toBe(true);
    }
    // What the campaign asks about is not a theme of the answers.
    expect(themes.map((theme) => theme.key)).not.toContain("criminal exploitation");
  });

  it("proposes yes/no, date and money values that are right wherever it proposes one", () => {
    let proposed = 0;
    const wrong: string[] = [];
    for (const question of QUESTIONS.filter((q) => q.kind !== "text")) {
      const ranked = rankPassages(queryFor(question.question, itemTitleOf(question)), index, 1);
      for (const reply of replies) {
        const top = ranked.get(reply.body)?.[0];
        const value = top ? proposeValue(question.kind, top.sentence) : null;
        if (!value) continue;
        proposed++;
        if (value.value !== reply.answers[question.id]!.value)
          wrong.push(`${reply.body} / ${question.id}: ${value.value}`);
      }
    }
    const asked = replies.length * QUESTIONS.filter((q) => q.kind !== "text").length;
    console.log(`values proposed: ${proposed} of ${asked}`);
    expect(wrong).toEqual([]);
    expect(proposed).toBeGreaterThanOrEqual(asked * 0.8);
  });
});
