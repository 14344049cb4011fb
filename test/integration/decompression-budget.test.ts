import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { pdfBudgetProblem } from "../../src/documents/budget/pdf-budget.ts";
import { checkDocument } from "../../src/documents/checks/check-document.ts";
import { extractText } from "../../src/replies/extract-text.ts";
import { docxInflationBomb, pdfInflationBomb, pdfWithHugeImage } from "../support/bomb-files.ts";
import { cleanPdf } from "../support/document-factories.ts";
import { EXAMPLE, postbag, tempDir } from "../support/render-cli.ts";

// Decompression bombs: a 1 MB PDF whose page unpacks to 1 GiB, a PDF with an
// image of 100,000 × 100,000 pixels, a Word file whose part unpacks 1,000 to 1.
// Each is reported as too large to check, quickly and in little memory, by
// the publication checks, the text reader and the command line alike.

const MB = 1024 * 1024;
let bomb: Buffer;

beforeAll(async () => {
  bomb = await pdfInflationBomb();
}, 60_000);

describe("a PDF that unpacks to 1 GiB", () => {
  it("is about 1 MB", () => {
    expect(bomb.length).toBeLessThan(2 * MB);
  });

  it("is blocked as too large to check, within seconds and without the memory it asks for", async () => {
    const before = process.memoryUsage().rss;
    const started = performance.now();
    const checked = await checkDocument({ name: "reply.pdf", mediaType: "application/pdf", bytes: bomb });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(process.memoryUsage().rss - before).toBeLessThan(300 * MB);
    expect(checked.findings).toEqual([
      expect.objectContaining({ code: "too-large-to-check", severity: "block" }),
    ]);
    expect(checked.findings[0]!.message).toContain("it unpacks to more than 256 MB (a decompression bomb?)");
  });

  it("is not read for its text, and says why", async () => {
    const read = await extractText({ name: "reply.pdf", bytes: bomb });
    expect(read.text).toBe("");
    expect(read.problems).toEqual([
      expect.stringContaining("the PDF was not opened: it unpacks to more than"),
    ]);
  });

  it("is refused by postbag check-file with the finding", () => {
    const file = join(tempDir("postbag-bomb-"), "reply.pdf");
    writeFileSync(file, bomb);
    const result = postbag(["check-file", file, "--json"]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("too-large-to-check");
  });
});

describe("other bombs and ordinary files", () => {
  it("blocks a PDF image of 100,000 × 100,000 pixels without decoding it", async () => {
    const checked = await checkDocument({
      name: "scan.pdf",
      mediaType: "application/pdf",
      bytes: await pdfWithHugeImage(),
    });
    expect(checked.findings.map((finding) => finding.code)).toEqual(["too-large-to-check"]);
    expect(checked.findings[0]!.message).toContain("an image of 100000 × 100000 pixels");
  });

  it("blocks a Word file whose part unpacks 1,000 to 1", async () => {
    const checked = await checkDocument({
      name: "reply.docx",
      mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      bytes: await docxInflationBomb(),
    });
    expect(checked.findings.map((finding) => finding.code)).toEqual(["too-large-to-check"]);
  }, 30_000);

  it("passes ordinary PDFs: Postbag's own letters and a simple one", async () => {
    const out = join(tempDir("postbag-letters-"), "out");
    expect(postbag(["render", EXAMPLE, "--out", out, "--format", "pdf"]).status).toBe(0);
    expect(pdfBudgetProblem(readFileSync(join(out, "sussex.pdf")))).toBeNull();
    expect(pdfBudgetProblem(await cleanPdf())).toBeNull();
  });
});
