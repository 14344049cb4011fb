import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { isPostbagError } from "../../src/errors.ts";
import { PAGE_BREAK } from "../../src/learn/read/letter-text.ts";
import { readPdfLetterText } from "../../src/learn/read/pdf-letter-text.ts";
import { pageLines } from "../../src/learn/read/pdf-lines.ts";
import { writeLetterText } from "../../src/learn/read/pdf-write.ts";
import { writeCampaign } from "../support/campaign-factory.ts";
import { EXAMPLE, postbag, tempDir } from "../support/render-cli.ts";

// The example campaign rendered to PDF by the real command, read back as
// letter text, and compared with what the campaign says the letter is: the
// recipients' addresses, letter.md's notes, the same letter rendered as text.

const pdfDir = tempDir("postbag-learn-pdf-");
const txtDir = tempDir("postbag-learn-txt-");

beforeAll(() => {
  for (const [dir, format] of [
    [pdfDir, "pdf"],
    [txtDir, "txt"],
  ] as const) {
    const result = postbag(["render", EXAMPLE, "--out", dir, "--format", format]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  }
}, 120_000);

const recipients = parse(readFileSync(join(EXAMPLE, "recipients.csv"), "utf8"), { columns: true }) as Record<
  string,
  string
>[];
/** letter.md's note definitions, in the order they are referenced (which is also their order in the file). */
const notes = [...readFileSync(join(EXAMPLE, "letter.md"), "utf8").matchAll(/^\[\^\w+\]: (.*)$/gm)].map(
  (match) => match[1] ?? "",
);

const read = async (dir: string, name: string) =>
  (await readPdfLetterText(new Uint8Array(readFileSync(join(dir, name))), name)).text;
const blocksOf = (text: string) => text.trimEnd().split(/\n{2,}/);
const isNote = (block: string) => /^\[\^\d+\]: /.test(block);
const withoutLinks = (text: string) => text.replace(/\[([^\]]*)\]\((?:https?|mailto):[^)]*\)/g, "$1");
/** A wrapped paragraph's lines as one: the renderer does not hyphenate, so "co-" + "ordinating" keeps its hyphen. */
const joinLines = (block: string) => block.replace(/(\p{L}-)\n/gu, "$1").replace(/\n/g, " ");
const words = (text: string) => text.split(/\s+/).filter(Boolean);

/** The body's paragraphs, between the salutation and the sign-off, as words. */
function paragraphs(blocks: string[], salutation: string): string[][] {
  const start = blocks.indexOf(salutation) + 1;
  const end = blocks.findIndex((block) => /^Yours (sincerely|faithfully),$/.test(block));
  return blocks.slice(start, end).map((block) => words(block));
}

describe.each([
  ["sussex", "Dear Katy,"],
  ["nottinghamshire", "Dear Paddy,"],
])("%s.pdf read back as letter text", (id, salutation) => {
  let text = "";
  let blocks: string[] = [];
  beforeAll(async () => {
    text = await read(pdfDir, `${id}.pdf`);
    blocks = blocksOf(text);
  });

  it("keeps the frame's lines apart: the address in order, the date, the salutation", () => {
    const row = recipients.find((recipient) => recipient.id === id) ?? {};
    const address = ["name", "title", ...[1, 2, 3, 4, 5, 6, 7].map((n) => `address_line_${n}`), "postcode"]
      .map((column) => row[column] ?? "")
      .filter((line) => line !== "");
    expect(address.length).toBeGreaterThan(5);
    expect(blocks).toContain(address.join("\n"));
    expect(blocks).toContain("13 October 2020");
    expect(blocks).toContain(salutation);
    expect(blocks[0]?.split("\n")).toEqual([
      "Dame Sara Thornton DBE QPM",
      "Independent Anti-Slavery Commissioner",
      "5th Floor, Globe House",
      "89 Eccleston Square",
      "London, SW1V 1PN",
      "Tel: +44 (0) 20 3513 0477",
      "Email: shelley.perera@iasc.independent.gov.uk",
    ]);
  });

  it("writes the five notes from the page feet as note blocks, links kept", () => {
    expect(notes).toHaveLength(5);
    expect(blocks.filter(isNote)).toEqual(notes.map((note, index) => `[^${index + 1}]: ${note}`));
    // Notes 1–3 are at the foot of page 1, 4 and 5 at the foot of page 2.
    const page = blocks.indexOf(PAGE_BREAK);
    expect(blocks.slice(page - 3, page).map((block) => block.slice(0, 5))).toEqual([
      "[^1]:",
      "[^2]:",
      "[^3]:",
    ]);
    expect(blocks.slice(-2).map((block) => block.slice(0, 5))).toEqual(["[^4]:", "[^5]:"]);
  });

  it("glues each reference to the word it marks", () => {
    const body = withoutLinks(text);
    expect(body).toContain("announcement[^1] in late 2019");
    expect(body).toContain("slavery[^2], therefore");
    expect(body).toContain("report[^3] recently published");
    expect(body).toContain("findings[^4] from my call");
    expect(body).toContain("trafficking[^5] to inform");
    expect(text.match(/\[\^\d+\](?!:)/g)).toEqual(["[^1]", "[^2]", "[^3]", "[^4]", "[^5]"]);
  });

  it("leaves out page numbers and marks the page break", () => {
    expect(text).not.toMatch(/Page \d/);
    expect(text.split("\n").filter((line) => line === PAGE_BREAK)).toHaveLength(1);
    expect(text).toMatch(/\n\n<<page>>\n\n/);
  });

  it("writes web and mail links as Markdown links", () => {
    expect(text).toContain("[Annual Report](https://www.antislaverycommissioner.co.uk/) outlining");
    expect(text).toContain(
      "[April.McCoig@iasc.independent.gov.uk](mailto:April.McCoig@iasc.independent.gov.uk).",
    );
    // A link wrapped across two lines is one link.
    expect(text).toContain("[Strategic Plan\n2019-2021](https://www.antislaverycommissioner.co.uk/):");
  });

  it("has the same body paragraphs as the letter rendered as text", () => {
    const txt = readFileSync(join(txtDir, `${id}.txt`), "utf8").replace(/ <(?:https?|mailto):[^>]*>/g, "");
    const expected = paragraphs(blocksOf(txt), salutation);
    // A paragraph the page break splits (as the parser will) is one paragraph again.
    const body = blocks
      .filter((block) => !isNote(block))
      .reduce<string[]>((joined, block, index, all) => {
        if (block === PAGE_BREAK) return joined;
        const previous = joined.at(-1);
        const split = all[index - 1] === PAGE_BREAK && previous !== undefined && !/[.:!?]$/.test(previous);
        return split ? [...joined.slice(0, -1), `${previous}\n${block}`] : [...joined, block];
      }, []);
    const actual = paragraphs(
      body.map((block) => joinLines(withoutLinks(block)).replace(/\[\^(\d+)\]/g, "[$1]")),
      salutation,
    );
    expect(expected.length).toBeGreaterThan(5);
    expect(actual).toEqual(expected);
  });
});

describe("a paragraph split by a page break", () => {
  const sentence = (n: number, s: number) =>
    `Sentence ${s} of paragraph ${n} says what the committee decided and why it matters to the people of the district.`;
  const paragraph = (n: number) =>
    `Paragraph ${n} begins here. ${[1, 2, 3, 4].map((s) => sentence(n, s)).join(" ")}`;
  const letter = [
    `Thank you for your letter about the budget.[^note] ${paragraph(1)}`,
    ...[2, 3, 4, 5, 6, 7, 8].map(paragraph),
    "[^note]: A note at the foot of the first page, long enough to wrap onto a second line of the small type used for notes.",
  ].join("\n\n");

  it("is left as two blocks around the page break, with page 1's note between", async () => {
    const dir = await writeCampaign({ letter });
    const out = tempDir("postbag-learn-split-");
    const result = postbag(["render", dir, "--out", out, "--format", "pdf"]);
    expect(result.status).toBe(0);
    const blocks = blocksOf(await read(out, "lewes.pdf"));

    const page = blocks.indexOf(PAGE_BREAK);
    expect(page).toBeGreaterThan(0);
    expect(blocks[page - 1]).toBe(
      "[^1]: A note at the foot of the first page, long enough to wrap onto a second line of the small type used for notes.",
    );
    expect(blocks.filter(isNote)).toHaveLength(1);
    // The page starts mid-paragraph: its first block is not a paragraph's start.
    const before =
      blocks
        .slice(0, page)
        .filter((block) => !isNote(block))
        .at(-1) ?? "";
    const after = blocks[page + 1] ?? "";
    expect(after).not.toMatch(/^Paragraph \d/);
    const n = Number(/^Paragraph (\d)/.exec(before)?.[1]);
    expect(words(joinLines(`${before}\n${after}`))).toEqual(words(paragraph(n)));
  }, 120_000);
});

describe("layouts the example does not have", () => {
  // Text items as pdf.js lists them: x and y in the transform, a width from the size.
  const item = (str: string, size: number, x: number, y: number) => ({
    str,
    transform: [size, 0, 0, size, x, y],
    width: str.length * 0.5 * size,
    height: size,
  });

  it("reads a raised note number, a note's hyphen at a wrap and lone page numbers", () => {
    const page1 = [
      item("Dear Ann,", 11, 72, 700),
      item("The report", 11, 72, 680),
      item("1", 7, 127, 684),
      item("was clear and", 11, 133, 680),
      item("it said so in", 11, 72, 666),
      item("as many words.", 11, 72, 652),
      // Word's notes: the number raised in small type, no hanging indent.
      item("1", 7, 72, 103),
      item("Published by the co-", 9, 78, 100),
      item("ordinating body.", 9, 72, 89),
      item("1", 9, 290, 40),
    ];
    const page2 = [item("Yours sincerely,", 11, 72, 780), item("2", 9, 290, 40)];
    expect(writeLetterText([pageLines(page1, []), pageLines(page2, [])])).toBe(
      [
        "Dear Ann,",
        "",
        "The report[^1] was clear and",
        "it said so in",
        "as many words.",
        "",
        "[^1]: Published by the co-ordinating body.",
        "",
        PAGE_BREAK,
        "",
        "Yours sincerely,",
        "",
      ].join("\n"),
    );
  });
});

describe("files that are not letters in PDF", () => {
  it("refuses a file that is not a PDF, naming it", async () => {
    const bytes = new TextEncoder().encode("Dear Katy,\n\nThis is not a PDF.\n");
    const error: unknown = await readPdfLetterText(bytes, "letter.pdf").catch((caught: unknown) => caught);
    expect(isPostbagError(error)).toBe(true);
    if (!isPostbagError(error)) return;
    expect(error.code).toBe("learn");
    expect(error.location.file).toBe("letter.pdf");
    expect(error.message).toMatch(/^letter\.pdf: the file is not a PDF that can be read/);
  });

  it("refuses a PDF without text (a scan)", async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage([595, 842]);
    const error: unknown = await readPdfLetterText(await pdf.save(), "scan.pdf").catch(
      (caught: unknown) => caught,
    );
    expect(isPostbagError(error) && error.code === "learn" && error.location.file === "scan.pdf").toBe(true);
    expect((error as Error).message).toMatch(/^scan\.pdf: the PDF has no text to read/);
  });
});
