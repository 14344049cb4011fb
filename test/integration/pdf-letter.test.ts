import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PdfRenderer } from "../../src/letters/render/pdf.ts";
import { aLetter, para, text } from "../support/letter-factory.ts";
import { MM, readPdfPages, type PdfLine } from "../support/pdf-text.ts";
import { pdfFonts, pdfInfo, poppler, writeTempPdf } from "../support/pdf-tools.ts";
import { EXAMPLE, postbag, tempDir } from "../support/render-cli.ts";
import { NO_POPPLER, POPPLER_REASON } from "../support/tools.ts";
import { aPngSignature } from "../support/signature-images.ts";

// The printed letter: A4, fonts embedded, tagged, the address inside the
// window and nothing else there, footnotes at the foot of their page.

const WINDOW = { left: 24.6 * MM, right: 120 * MM, top: 39.5 * MM, bottom: 66.3 * MM };
const PRINTABLE = { left: 15 * MM, right: (210 - 15) * MM, top: 5 * MM, bottom: (297 - 5) * MM };
const overlaps = (line: PdfLine, box: typeof WINDOW) =>
  line.xMin < box.right && line.xMax > box.left && line.yMin < box.bottom && line.yMax > box.top;
const inside = (line: PdfLine, box: typeof WINDOW) =>
  line.xMin >= box.left && line.xMax <= box.right && line.yMin >= box.top && line.yMax <= box.bottom;

let out: string;
const renderer = new PdfRenderer();

beforeAll(() => {
  out = join(tempDir(), "letters");
  expect(postbag(["render", EXAMPLE, "--out", out, "--format", "pdf"]).status).toBe(0);
});

describe.skipIf(NO_POPPLER)(`PDF letters (${POPPLER_REASON})`, () => {
  describe.each(["nottinghamshire", "thames-valley", "sussex", "essex", "south-yorkshire"])(
    "%s.pdf",
    (id) => {
      const file = () => join(out, `${id}.pdf`);

      it("is A4 on every page, tagged, titled and in British English", () => {
        const info = pdfInfo(file());
        expect(info["Page size"]).toBe("595.276 x 841.89 pts (A4)");
        expect(info.Tagged).toBe("yes");
        expect(info.Title).toMatch(/^Violence Reduction Units: letter to /);
        expect(info.CreationDate).toMatch(/Oct 13 .* 2020/);
        const xmp = poppler("pdfinfo", ["-meta", file()]);
        expect(xmp).toContain("<rdf:li>en-GB</rdf:li>");
        expect(xmp).toContain("<pdfuaid:part>1</pdfuaid:part>");
        for (const page of readPdfPages(file())) {
          expect(page.width).toBeCloseTo(210 * MM, 1);
          expect(page.height).toBeCloseTo(297 * MM, 1);
        }
      });

      it("embeds every font, all of them the shipped Arimo", () => {
        const fonts = pdfFonts(file());
        expect(fonts.length).toBeGreaterThan(0);
        for (const font of fonts) {
          expect(font.embedded).toBe(true);
          expect(font.name).toMatch(/^[A-Z]{6}\+Arimo-(Regular|Bold|Italic|BoldItalic)$/);
        }
      });

      it("prints the address inside the envelope window and nothing else there", () => {
        const [page] = readPdfPages(file());
        const lines = page?.lines ?? [];
        const inWindow = lines.filter((line) => overlaps(line, WINDOW));
        expect(inWindow.length).toBeGreaterThanOrEqual(5);
        for (const line of inWindow) expect(inside(line, WINDOW)).toBe(true);
        // The window holds exactly the address block: name, title, address lines, postcode.
        const salutation = lines.findIndex((line) => line.text.startsWith("Dear "));
        const dateLine = lines.find((line) => line.text === "13 October 2020");
        expect(dateLine?.yMin).toBeGreaterThanOrEqual(95 * MM);
        expect(inWindow.every((line) => lines.indexOf(line) < salutation)).toBe(true);
      });

      it("keeps all text inside the printable area", () => {
        for (const page of readPdfPages(file())) {
          for (const line of page.lines) expect(inside(line, PRINTABLE), line.text).toBe(true);
        }
      });

      it("puts each footnote at the foot of the page of its reference, and numbers every page", () => {
        const pages = readPdfPages(file());
        const lines = pages.flatMap((page) => page.lines);
        for (let n = 1; n <= 5; n += 1) {
          const note = lines.find((line) => line.text.startsWith(`${n} `) && line.height < 11);
          const reference = lines.find(
            (line) => new RegExp(`[a-z]${n}(?![0-9])`).test(line.text) && line.height >= 11,
          );
          expect(note, `note ${n}`).toBeDefined();
          expect(reference?.page, `reference ${n}`).toBe(note?.page);
          // At the foot: below every body line of its page.
          const body = lines.filter((line) => line.page === note?.page && line.height >= 11);
          expect(Math.max(...body.map((line) => line.yMax))).toBeLessThan(note?.yMin ?? 0);
        }
        pages.forEach((page, index) => {
          expect(page.lines.map((line) => line.text)).toContain(`Page ${index + 1} of ${pages.length}`);
        });
      });

      it("has clickable links", () => {
        const urls = poppler("pdfinfo", ["-url", file()]);
        expect(urls).toContain(
          "https://www.gov.uk/government/news/funding-for-violence-reduction-units-announced",
        );
        expect(urls).toContain("mailto:April.McCoig@iasc.independent.gov.uk");
      });
    },
  );

  describe("rendering", () => {
    it("gives byte-identical PDFs for the same input, from separate compilers", () => {
      const letter = aLetter();
      const first = renderer.render(letter, { pdfStandard: "ua-1" });
      const second = new PdfRenderer().render(letter, { pdfStandard: "ua-1" });
      expect(first.equals(second)).toBe(true);
      expect(
        first.equals(renderer.render(aLetter({ salutation: "Dear Kate" }), { pdfStandard: "ua-1" })),
      ).toBe(false);
    });

    it("prints what Arimo lacks with the shipped Noto fallbacks: emoji, symbols, Devanagari", () => {
      const name = "Asha ✓ → 😀 अनिल";
      const file = writeTempPdf(
        renderer.render(aLetter({ address: [name, "1 Road"] }), { pdfStandard: "ua-1" }),
      );
      expect(poppler("pdftotext", [file, "-"])).toContain("Asha ✓ → 😀");
      expect(
        pdfFonts(file)
          .map((font) => font.name.replace(/^[A-Z]{6}\+/, ""))
          .sort(),
      ).toEqual([
        "Arimo-Bold",
        "Arimo-Italic",
        "Arimo-Regular",
        "NotoEmoji-Regular",
        "NotoSans-Regular",
        "NotoSansSymbols2-Regular",
      ]);
    });

    it("refuses a character none of its fonts has with the letter's row, not Typst's diagnostic", () => {
      expect(() =>
        renderer.render(aLetter({ address: ["王小明", "1 Road"] }), { pdfStandard: "ua-1" }),
      ).toThrow(/^recipients\.csv, line 2: "王" \(U\+738B\) is in none of the letter's fonts/);
    });

    it("makes PDF/A-2b on request", () => {
      const file = writeTempPdf(renderer.render(aLetter(), { pdfStandard: "a-2b" }));
      const xmp = poppler("pdfinfo", ["-meta", file]);
      expect(xmp).toContain("<pdfaid:part>2</pdfaid:part>");
      expect(xmp).toContain("<pdfaid:conformance>B</pdfaid:conformance>");
      expect(pdfInfo(file).Tagged).toBe("yes");
    });

    it("prints the signature image when there is one", () => {
      const signatory = { name: "Pat Jones", role: "Commissioner", signature: aPngSignature() };
      const withImage = writeTempPdf(renderer.render(aLetter({ signatory }), { pdfStandard: "ua-1" }));
      const without = writeTempPdf(renderer.render(aLetter(), { pdfStandard: "ua-1" }));
      const imageRows = (file: string) =>
        poppler("pdfimages", ["-list", file])
          .split("\n")
          .slice(2)
          .filter((row) => row.trim().split(/\s+/)[2] === "image");
      expect(imageRows(withImage)).toHaveLength(1);
      expect(imageRows(without)).toHaveLength(0);
    });

    it("carries footnotes over pages in a long letter, each to its reference's page", () => {
      const body = Array.from({ length: 14 }, (_, i) =>
        para(
          text(`Paragraph ${i} `.repeat(60)),
          text(`marker${i + 1}`),
          { t: "fnref", n: i + 1, first: true },
          text(" end."),
        ),
      );
      const footnotes = body.map((_, i) => ({ n: i + 1, c: [text(`Note number ${i + 1}.`)] }));
      const file = writeTempPdf(renderer.render(aLetter({ body, footnotes }), { pdfStandard: "ua-1" }));
      const lines = readPdfPages(file).flatMap((page) => page.lines);
      expect(new Set(lines.map((line) => line.page)).size).toBeGreaterThanOrEqual(3);
      for (let n = 1; n <= 14; n += 1) {
        const note = lines.find((line) => line.text === `${n} Note number ${n}.`);
        const reference = lines.find((line) => new RegExp(`\\bmarker${n}${n}\\b`).test(line.text));
        expect(note, `note ${n}`).toBeDefined();
        expect(note?.page, `note ${n}`).toBe(reference?.page);
      }
    });
  });
});
