import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { escapeHtml } from "../../src/letters/render/html.ts";
import { aRow, writeCampaign } from "../support/campaign-factory.ts";
import { docxPlainText, readDocxParts } from "../support/docx-text.ts";
import { pdfInfo, poppler } from "../support/pdf-tools.ts";
import { postbag, tempDir } from "../support/render-cli.ts";
import { NO_POPPLER, POPPLER_REASON } from "../support/tools.ts";
import { INJECTION_VALUES } from "../support/injection-values.ts";

// Whatever a value holds, it is printed as written in every format: never
// run as Typst, never parsed as Markdown or HTML, never expanded again.

const VALUES = INJECTION_VALUES;

let out: string;

beforeAll(async () => {
  const rows = VALUES.map((value, i) =>
    aRow({ id: `v${i}`, address_line_1: `Flat ${value}`, salutation: `Dear ${value}`, value }),
  );
  const campaign = await writeCampaign({
    rows,
    letter: "Value: ((value)) end.[^n]\n\n[^n]: Note: ((value)).\n",
  });
  out = join(tempDir(), "out");
  const result = postbag(["render", campaign, "--out", out]);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
});

describe.each(VALUES.map((value, i) => [value, `v${i}`]))("the value %j", (value, id) => {
  const expected = [`Flat ${value}`, `Dear ${value},`];
  // The footnote mark follows "end.": extracted text glues it on as a number.
  const bodyLine = `Value: ${value} end.1`;

  it.skipIf(NO_POPPLER)(`is printed as written in the PDF, on one page (${POPPLER_REASON})`, () => {
    const file = join(out, `${id}.pdf`);
    const lines = poppler("pdftotext", [file, "-"]).split("\n");
    for (const line of [...expected, bodyLine]) expect(lines).toContain(line);
    expect(lines.some((line) => line.includes(`Note: ${value}.`))).toBe(true);
    expect(pdfInfo(file).Pages).toBe("1");
  });

  it("is escaped in the HTML and never becomes markup", () => {
    const html = readFileSync(join(out, `${id}.html`), "utf8");
    for (const line of [...expected, `Value: ${value} end.`]) expect(html).toContain(escapeHtml(line));
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<b>x</b>");
    expect(html).not.toContain("<!-- comment");
  });

  it("is printed as written in the DOCX", async () => {
    const { document } = await readDocxParts(readFileSync(join(out, `${id}.docx`)));
    const lines = docxPlainText(document).split("\n");
    for (const line of [...expected, bodyLine]) expect(lines).toContain(line);
  });

  it("is printed as written in the text file", () => {
    const lines = readFileSync(join(out, `${id}.txt`), "utf8").split("\n");
    for (const line of [
      `Flat ${value}`,
      `Dear ${value},`,
      `Value: ${value} end.[1]`,
      `[1] Note: ${value}.`,
    ]) {
      expect(lines).toContain(line);
    }
  });
});

describe("a bidi control in a value", () => {
  // "Trojan Source": U+202E reverses what follows it wherever text is laid
  // out. In a letter it is shown as a mark and reorders nothing.
  const RLO = "\u202E";
  let dir: string;
  beforeAll(async () => {
    const campaign = await writeCampaign({
      rows: [aRow({ id: "rlo", address_line_1: `1 ${RLO}High Street`, value: `pay ${RLO}0001 pounds` })],
      letter: "Value: ((value)) end.\n",
    });
    dir = join(tempDir(), "out");
    const result = postbag(["render", campaign, "--out", dir]);
    expect(result.stderr).toBe("");
  });

  const expected = ["1 [RLO]High Street", "Value: pay [RLO]0001 pounds end."];

  it.skipIf(NO_POPPLER)(`shows as [RLO] in the PDF and reverses nothing (${POPPLER_REASON})`, () => {
    const text = poppler("pdftotext", [join(dir, "rlo.pdf"), "-"]);
    for (const line of expected) expect(text).toContain(line);
    expect(text).not.toContain(RLO);
  });

  it("shows as [RLO] in the HTML, DOCX and text letters", async () => {
    const html = readFileSync(join(dir, "rlo.html"), "utf8");
    const txt = readFileSync(join(dir, "rlo.txt"), "utf8");
    const { document } = await readDocxParts(readFileSync(join(dir, "rlo.docx")));
    for (const text of [html, txt, docxPlainText(document)]) {
      for (const line of expected) expect(text).toContain(line);
      expect(text).not.toContain(RLO);
    }
  });
});
