import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { missingOutsideCi } from "../support/tools.ts";
import { describe, expect, it } from "vitest";
import type { Inline, Letter } from "../../src/letters/model.ts";
import { renderDocx } from "../../src/letters/render/docx.ts";
import { docxFootnotes, docxPlainText, readDocxParts, xmlUnescape } from "../support/docx-text.ts";
import { aLetter, para, text } from "../support/letter-factory.ts";
import { aPngSignature, anSvgSignature } from "../support/signature-images.ts";
import { INJECTION_VALUES } from "../support/injection-values.ts";

const run = promisify(execFile);

async function render(overrides: Partial<Letter> = {}) {
  const parts = await readDocxParts(await renderDocx(aLetter(overrides)));
  return { ...parts, text: docxPlainText(parts.document) };
}

/** Each run of a part: its properties and its text. */
function runs(xml: string): { props: string; text: string }[] {
  return [...xml.matchAll(/<w:r(?:\s[^>]*)?>([\s\S]*?)<\/w:r>/g)].map(([, inner = ""]) => ({
    props: /<w:rPr>[\s\S]*?<\/w:rPr>/.exec(inner)?.[0] ?? "",
    text: docxPlainText(`<w:p>${inner}</w:p>`),
  }));
}

const runOf = (xml: string, value: string) => runs(xml).find((r) => r.text === value);

describe("renderDocx", () => {
  it("sets the title, author, language, font and A4 page", async () => {
    const docx = await render();
    expect(xmlUnescape(/<dc:title>([^<]*)<\/dc:title>/.exec(docx.core)?.[1] ?? "")).toBe(
      "VRU letters: letter to Katy Bourne OBE",
    );
    expect(docx.core).toContain("<dc:creator>Dame Sara Thornton DBE QPM</dc:creator>");
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(docx.styles)?.[0] ?? "";
    expect(defaults).toContain('w:ascii="Arial"');
    expect(defaults).toContain('<w:sz w:val="22"/>');
    expect(defaults).toContain('<w:lang w:val="en-GB"/>');
    expect(docx.document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  });

  it("prints the frame in letter order, every letterhead and address line on its own line", async () => {
    const lines = (await render()).text.split("\n");
    const expected = [
      "Dame Sara Thornton DBE QPM",
      "Independent Anti-Slavery Commissioner",
      "5th Floor, Globe House",
      "89 Eccleston Square",
      "London, SW1V 1PN",
      "Tel: +44 (0) 20 3513 0477",
      "Email: office@example.org",
      "Katy Bourne OBE",
      "Sussex Police and Crime Commissioner",
      "Sackville House",
      "Lewes",
      "BN7 2FZ",
      "13 October 2020",
      "Dear Katy,",
      "Violence Reduction Units",
    ];
    expect(lines.slice(0, expected.length)).toEqual(expected);
    const signOff = lines.indexOf("Yours sincerely,");
    expect(signOff).toBeGreaterThan(expected.length);
    expect(lines.slice(signOff + 1).filter((line) => line !== "")).toEqual([
      "Dame Sara Thornton",
      "Independent Anti-Slavery Commissioner",
    ]);
    expect(runOf((await render()).document, "Dame Sara Thornton DBE QPM")?.props).toContain("<w:b/>");
  });

  it("leaves out an empty phone, email and signatory name", async () => {
    const letter = aLetter();
    const docx = await render({
      sender: { ...letter.sender, phone: "", email: "" },
      signatory: { ...letter.signatory, name: "" },
    });
    expect(docx.text).not.toContain("Tel:");
    expect(docx.text).not.toContain("Email:");
    expect(docx.text).not.toContain("Dame Sara Thornton\n");
  });

  it("writes real footnotes, numbered in order, with their links", async () => {
    const docx = await render();
    expect(docxFootnotes(docx.footnotes)).toEqual([
      // On paper a link's address follows its text.
      { id: 1, text: "Home Office (2019) Funding (https://www.gov.uk/a)" },
      { id: 2, text: "Second note" },
    ]);
    expect(docx.footnotesRels).toMatch(/Target="https:\/\/www\.gov\.uk\/a" TargetMode="External"/);
  });

  it("puts footnote references where they stand, and cites a note again without a second note", async () => {
    const docx = await render();
    expect(docx.text).toContain("I was pleased to see the announcement1 in late 2019");
    expect(docx.text).toContain("See GOV.UK and the report again1 and another2.");
    // One <w:footnoteReference> per note; a later reference is a NOTEREF to the first one.
    const ids = [...docx.document.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => m[1]);
    expect(ids).toEqual(["1", "2"]);
    expect(docx.document).toContain("NOTEREF _RefFootnote1 \\f \\h");
    expect(docx.document).toMatch(
      /<w:bookmarkStart w:name="_RefFootnote1"[^>]*\/><w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:footnoteReference w:id="1"\/>/,
    );
  });

  it("makes links real hyperlinks", async () => {
    const docx = await render();
    const rel =
      /<Relationship Id="([^"]+)" Type="[^"]+\/hyperlink" Target="https:\/\/www\.gov\.uk\/" TargetMode="External"\/>/.exec(
        docx.documentRels,
      );
    expect(rel).not.toBeNull();
    expect(docx.document).toMatch(
      new RegExp(
        `<w:hyperlink [^>]*r:id="${rel?.[1]}"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t[^>]*>GOV\\.UK</w:t>`,
      ),
    );
  });

  it("formats strong, em, both nested, headings and line breaks", async () => {
    const both: Inline = { t: "strong", c: [text("bold "), { t: "em", c: [text("both")] }] };
    const docx = await render({ body: [para(both, { t: "br" }, { t: "em", c: [text("italic")] })] });
    expect(runOf(docx.document, "bold ")?.props).toMatch(/<w:b\/>/);
    expect(runOf(docx.document, "both")?.props).toMatch(/<w:b\/>[\s\S]*<w:i\/>/);
    expect(runOf(docx.document, "italic")?.props).not.toContain("<w:b/>");
    expect(docx.text).toContain("bold both\nitalic");
    const heading = await render();
    expect(runOf(heading.document, "Violence Reduction Units")?.props).toContain("<w:b/>");
  });

  it("makes Word lists: bullets, and numbers from each list's start", async () => {
    const docx = await render({
      body: [
        { t: "ol", start: 3, items: [[para(text("third"))], [para(text("fourth"))]] },
        { t: "ul", items: [[para(text("a point"))]] },
        { t: "ol", start: 1, items: [[para(text("first again"))]] },
      ],
    });
    const numIdOf = (value: string) =>
      new RegExp(`<w:numId w:val="(\\d+)"/></w:numPr></w:pPr><w:r><w:t[^>]*>${value}<`).exec(
        docx.document,
      )?.[1];
    const [third, fourth, point, again] = ["third", "fourth", "a point", "first again"].map(numIdOf);
    expect(third).toBeDefined();
    expect(fourth).toBe(third);
    expect(new Set([third, point, again]).size).toBe(3);
    const num = (id: string | undefined) =>
      new RegExp(`<w:num w:numId="${id}">[\\s\\S]*?</w:num>`).exec(docx.numbering)?.[0] ?? "";
    const abstract = (id: string | undefined) => {
      const abstractId = /<w:abstractNumId w:val="(\d+)"\/>/.exec(num(id))?.[1];
      return (
        new RegExp(`<w:abstractNum w:abstractNumId="${abstractId}"[\\s\\S]*?</w:abstractNum>`).exec(
          docx.numbering,
        )?.[0] ?? ""
      );
    };
    expect(num(third)).toContain('<w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/>');
    expect(abstract(third)).toMatch(
      /<w:lvl w:ilvl="0"[^>]*><w:start w:val="3"\/><w:numFmt w:val="decimal"\/>/,
    );
    expect(num(again)).toContain('<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>');
    expect(abstract(point)).toMatch(
      /<w:lvl w:ilvl="0"[^>]*><w:start w:val="1"\/><w:numFmt w:val="bullet"\/>/,
    );
  });

  it("starts the block after a page break on a new page", async () => {
    const docx = await render({ body: [para(text("one")), { t: "pagebreak" }, para(text("two"))] });
    expect(docx.document).toMatch(/<w:p><w:pPr><w:pageBreakBefore\/><\/w:pPr><w:r><w:t[^>]*>two</);
  });

  it("numbers every page in the footer: Page N of M", async () => {
    const [footer = ""] = (await render()).footers;
    expect(footer).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
    expect(footer).toMatch(/<w:instrText[^>]*>NUMPAGES<\/w:instrText>/);
    expect(footer.indexOf(">PAGE<")).toBeLessThan(footer.indexOf(">NUMPAGES<"));
    expect(docxPlainText(footer)).toBe("Page  of ");
  });

  it("embeds a PNG signature at its own shape, and an SVG with a PNG fallback", async () => {
    const png = await render({ signatory: { ...aLetter().signatory, signature: aPngSignature(300, 100) } });
    expect(png.files).toContain("word/media/image1.png");
    const extent = /<wp:extent cx="(\d+)" cy="(\d+)"\/>/.exec(png.document);
    expect(Number(extent?.[1]) / Number(extent?.[2])).toBeCloseTo(3, 1);
    expect(png.document).toContain('descr="Signature of Dame Sara Thornton"');

    const svg = await render({ signatory: { ...aLetter().signatory, signature: anSvgSignature() } });
    expect(
      svg.files
        .filter((name) => name.startsWith("word/media/"))
        .map((name) => name.split(".").pop())
        .sort(),
    ).toEqual(["png", "svg"]);
    expect(svg.document).toContain("<asvg:svgBlip");

    expect((await render()).document).not.toContain("<w:drawing>");
  });

  describe("prints values as written, never as markup or fields", () => {
    const values = [...INJECTION_VALUES, "CURRENT", "TOTAL_PAGES", "]]> &amp; &#x41;"];

    it.each(values)("%s", async (value) => {
      const letter = aLetter();
      const docx = await render({
        title: value,
        sender: { ...letter.sender, name: value, address: [value] },
        address: [value, "Lewes"],
        salutation: value,
        sign_off: value,
        signatory: { ...letter.signatory, name: value },
        body: [
          { t: "h", c: [text(value)] },
          para(text(value), { t: "strong", c: [text(value)] }, { t: "fnref", n: 1, first: true }),
          para({ t: "link", href: "https://example.org/?a=1&b=<2>", c: [text(value)] }),
        ],
        footnotes: [{ n: 1, c: [text(value)] }],
      });
      const lines = docx.text.split("\n");
      expect(xmlUnescape(/<dc:title>([^<]*)<\/dc:title>/.exec(docx.core)?.[1] ?? "")).toBe(value);
      expect(lines.filter((line) => line === value)).toHaveLength(5); // letterhead x2, address, heading, signatory
      // The link, its address printed after it as written.
      expect(lines).toContain(`${value} (https://example.org/?a=1&b=<2>)`);
      expect(lines).toContain(`${value},`);
      expect(lines).toContain(`${value}${value}1`);
      expect(docxFootnotes(docx.footnotes)).toEqual([{ id: 1, text: value }]);
      expect(xmlUnescape(/Target="([^"]*)" TargetMode/.exec(docx.documentRels)?.[1] ?? "")).toBe(
        "https://example.org/?a=1&b=<2>",
      );
      expect(docx.document).not.toMatch(/<w:instrText[^>]*>(PAGE|NUMPAGES)</);
      expect(docx.document).not.toContain("<script");
    });
  });

  it.skipIf(missingOutsideCi("soffice"))(
    "opens in LibreOffice, which reads it back as the letter (needs LibreOffice (soffice); .ci/run installs it)",
    { timeout: 120_000 },
    async () => {
      const dir = await mkdtemp(join(tmpdir(), "postbag-docx-"));
      try {
        const file = join(dir, "sussex.docx");
        const letter = aLetter({ signatory: { ...aLetter().signatory, signature: aPngSignature() } });
        await writeFile(file, await renderDocx(letter));
        await run(
          "soffice",
          [
            `-env:UserInstallation=file://${join(dir, "profile")}`,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            dir,
            file,
          ],
          { timeout: 60_000 },
        );
        await run("pdftotext", [join(dir, "sussex.pdf"), join(dir, "sussex.txt")], { timeout: 30_000 });
        const pdfText = (await readFile(join(dir, "sussex.txt"), "utf8")).replace(/[ \t]+/g, " ");
        for (const expected of [
          "Dame Sara Thornton DBE QPM",
          "Sackville House\nLewes\nBN7 2FZ",
          "13 October 2020",
          "Dear Katy,",
          "Violence Reduction Units",
          "I was pleased to see the announcement1 in late 2019",
          "See GOV.UK and the report again1 and another2.",
          "Yours sincerely,",
          "Home Office (2019) Funding",
          "Second note",
          "Page 1 of 1",
        ]) {
          expect(pdfText).toContain(expected);
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
