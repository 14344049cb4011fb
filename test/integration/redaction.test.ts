import mammoth from "mammoth";
import { strFromU8, unzipSync } from "fflate";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import type { PostbagError } from "../../src/errors.ts";
import {
  parseRedactionSpec,
  redactDocument,
  type RedactionInput,
  type RedactionSpec,
} from "../../src/documents/redaction/redact-document.ts";
import { PdfRenderer } from "../../src/letters/render/pdf.ts";
import { aLetter } from "../support/letter-factory.ts";
import { pdfText } from "../support/pdf-text.ts";
import { pdfInfo, poppler, writeTempPdf } from "../support/pdf-tools.ts";
import {
  NAME,
  PHONE,
  SECRET,
  SECRET_BOX,
  docxFile,
  pageContent,
  pdfHoldsText,
  linkTarget,
  linkedPdf,
  readXlsx,
  rotatedPdf,
  twoPagePdf,
  xlsxFile,
} from "../support/redaction-files.ts";
import { NO_POPPLER, POPPLER_REASON } from "../support/tools.ts";

// Redaction of a document's public copy: what is redacted is gone from the
// bytes (read back with poppler, mammoth and exceljs, and searched for in
// the raw file), "[redacted]" stands in its place, and the rest is kept.

const pdf = (bytes: Buffer) => ({ name: "reply.pdf", mediaType: "application/pdf", bytes });

function thrown(action: () => unknown): PostbagError {
  try {
    action();
  } catch (error) {
    return error as PostbagError;
  }
  throw new Error("nothing was thrown");
}

async function rejected(action: Promise<unknown>): Promise<PostbagError> {
  try {
    await action;
  } catch (error) {
    return error as PostbagError;
  }
  throw new Error("nothing was thrown");
}

describe.skipIf(NO_POPPLER)(`redacting a PDF (${POPPLER_REASON})`, () => {
  const redactions: RedactionSpec[] = [
    { kind: "text", text: NAME },
    { kind: "pattern", pattern: "phone" },
    { kind: "box", ...SECRET_BOX },
  ];

  it("removes text, patterns and boxes from the page, says [redacted], and keeps the rest searchable", async () => {
    const original = await twoPagePdf();
    // The checks below would see the text in the original.
    expect(await pdfHoldsText(original, NAME)).toBe(true);
    expect(pdfText(writeTempPdf(original))).toContain(SECRET);

    const { bytes, matches } = await redactDocument(pdf(original), redactions);
    expect(matches).toEqual([1, 1, 1]);
    const text = pdfText(writeTempPdf(bytes));
    for (const gone of [NAME, "Jane", "Smith", "01632", "960 001", SECRET, "CONFIDENTIAL"]) {
      expect(text).not.toContain(gone);
      expect(await pdfHoldsText(bytes, gone)).toBe(false);
    }
    expect(text.match(/\[redacted\]/g)).toHaveLength(3);
    expect(text).toContain("Dear");
    expect(text).toContain("Please call me on");
    expect(text).toContain("about the report.");
    expect(text).toContain("Yours sincerely, the Commissioner");
    expect(text).toContain("Page two thanks the council for its reply.");
  });

  it("keeps the page count and sizes, adds no producer, and leaves page 2 as it was", async () => {
    const original = await twoPagePdf();
    const { bytes } = await redactDocument(pdf(original), redactions);
    const info = pdfInfo(writeTempPdf(bytes));
    expect(info.Pages).toBe("2");
    expect(info.Producer).toBeUndefined();
    expect(info.Creator).toBeUndefined();
    const [before, after] = await Promise.all([PDFDocument.load(original), PDFDocument.load(bytes)]);
    expect(after.getPages().map((page) => page.getSize())).toEqual(
      before.getPages().map((page) => page.getSize()),
    );
    expect(await pageContent(bytes, 2)).toBe(await pageContent(original, 2));
    // Page 1 is now a picture and invisible text (render mode 3) in Helvetica, not embedded.
    expect(await pageContent(bytes, 1)).toMatch(/\/Im\S* Do/);
    expect(await pageContent(bytes, 1)).toContain("3 Tr");
    const fonts = poppler("pdffonts", ["-f", "1", "-l", "1", writeTempPdf(bytes)]);
    expect(fonts.split("\n").slice(2).filter(Boolean)).toEqual([
      expect.stringMatching(/^Helvetica\s+Type 1/),
    ]);
  });

  it("gives the same bytes for the same redactions", async () => {
    const original = await twoPagePdf();
    const first = await redactDocument(pdf(original), redactions);
    const second = await redactDocument(pdf(original), redactions);
    expect(first.bytes.equals(second.bytes)).toBe(true);
  });

  it("counts 0 for what it does not find, and then leaves the file as it was", async () => {
    const original = await twoPagePdf();
    const { bytes, matches } = await redactDocument(pdf(original), [
      { kind: "text", text: "Nobody Here" },
      { kind: "pattern", pattern: "email" },
    ]);
    expect(matches).toEqual([0, 0]);
    expect(bytes.equals(original)).toBe(true);
  });

  it("refuses a box on a page the document does not have", async () => {
    const error = await rejected(
      redactDocument(pdf(await twoPagePdf()), [{ kind: "box", page: 3, x: 0, y: 0, width: 10, height: 10 }]),
    );
    expect(error.code).toBe("bad_input");
    expect(error.location.field).toBe("page");
    expect(error.detail).toBe("page 3 does not exist: the document has 2 pages");
  });

  it("drops the links of a replaced page, matches a link's address, and keeps links to a replaced page", async () => {
    const original = await linkedPdf();
    expect(await pdfHoldsText(original, "jane.smith@example.org")).toBe(true);
    expect(await linkTarget(original, 2)).toBe(1);
    const { bytes, matches } = await redactDocument(pdf(original), [
      { kind: "text", text: NAME },
      { kind: "pattern", pattern: "email" },
    ]);
    expect(matches).toEqual([1, 1]);
    expect(await pdfHoldsText(bytes, "jane.smith")).toBe(false);
    // Nor did page 2's link drag the old page 1 along (its content stream holds the name).
    expect(await pdfHoldsText(bytes, NAME)).toBe(false);
    expect(await linkTarget(bytes, 2)).toBe(1);
  });

  it("redacts a rotated page, which keeps its rotation", async () => {
    const original = await rotatedPdf();
    const { bytes, matches } = await redactDocument(pdf(original), [{ kind: "pattern", pattern: "phone" }]);
    expect(matches).toEqual([1]);
    const text = pdfText(writeTempPdf(bytes));
    expect(text).not.toContain("01632");
    expect(text).toContain("[redacted]");
    expect(text).toContain("for the inquiry.");
    expect(pdfInfo(writeTempPdf(bytes))["Page rot"]).toBe("90");
  });

  it("redacts a letter rendered by Postbag, embedded subset fonts and all", async () => {
    const original = new PdfRenderer().render(aLetter(), { pdfStandard: "ua-1" });
    expect(pdfText(writeTempPdf(original))).toContain("Katy Bourne");
    const { bytes, matches } = await redactDocument(pdf(original), [
      { kind: "text", text: "Katy Bourne" },
      { kind: "pattern", pattern: "phone" },
    ]);
    expect(matches[0]).toBeGreaterThanOrEqual(1);
    expect(matches[1]).toBeGreaterThanOrEqual(1);
    const text = pdfText(writeTempPdf(bytes));
    expect(text).not.toContain("Katy Bourne");
    expect(text).not.toContain("3513");
    expect(text).toContain("[redacted]");
    expect(text).toContain("Violence Reduction Units");
    // Nor is the name left in the document's title, metadata or structure tree.
    expect(await pdfHoldsText(original, "Katy Bourne")).toBe(true);
    expect(await pdfHoldsText(bytes, "Katy Bourne")).toBe(false);
  });
});

describe("redacting a Word document", () => {
  it("removes a name split over a bold and a normal run, a phone number, an address and text with an &", async () => {
    const { bytes, matches } = await redactDocument(
      { name: "reply.docx", mediaType: "application/octet-stream", bytes: await docxFile() },
      [
        { kind: "text", text: NAME },
        { kind: "pattern", pattern: "phone" },
        { kind: "pattern", pattern: "email" },
        { kind: "text", text: "Smith & Jones" },
        { kind: "text", text: "Nobody Here" },
      ],
    );
    // The address: in the footer, and as the link's target.
    expect(matches).toEqual([1, 1, 2, 1, 0]);
    const { value } = await mammoth.extractRawText({ buffer: bytes });
    expect(value).not.toMatch(/Jane|Sm|ith,|01632|Jones/);
    expect(value).toContain("Dear [redacted], thank you for writing.");
    expect(value).toContain("Ring [redacted] or write to [redacted] Ltd about the report.");
    const parts = unzipSync(bytes);
    const footer = Object.entries(parts).find(([name]) => /^word\/footer\d*\.xml$/.test(name));
    expect(strFromU8(footer?.[1] ?? new Uint8Array())).toContain("Contact: [redacted]");
    const everything = Object.values(parts)
      .map((part) => strFromU8(part))
      .join("\n");
    expect(everything).not.toContain("jane.smith");
    expect(everything).not.toContain("Jane Sm");
  });

  it("gives the same bytes for the same redactions", async () => {
    const input = { name: "reply.docx", mediaType: "", bytes: await docxFile() };
    const first = await redactDocument(input, [{ kind: "text", text: NAME }]);
    const second = await redactDocument(input, [{ kind: "text", text: NAME }]);
    expect(first.bytes.equals(second.bytes)).toBe(true);
  });

  it("refuses a box", async () => {
    const error = await rejected(
      redactDocument({ name: "reply.docx", mediaType: "", bytes: await docxFile() }, [
        { kind: "box", page: 1, x: 0, y: 0, width: 10, height: 10 },
      ]),
    );
    expect(error.code).toBe("bad_input");
    expect(error.detail).toBe("box redaction is for PDF pages; use text or a pattern");
  });
});

describe("redacting a workbook", () => {
  it("removes a shared string, rich text and a phone number typed as a number", async () => {
    const { bytes, matches } = await redactDocument(
      { name: "figures.xlsx", mediaType: "", bytes: await xlsxFile() },
      [
        { kind: "text", text: NAME },
        { kind: "pattern", pattern: "phone" },
      ],
    );
    expect(matches).toEqual([2, 1]);
    const sheet = await readXlsx(bytes);
    expect(sheet.getCell("B1").text).toBe("[redacted]");
    expect(sheet.getCell("B2").value).toBe("[redacted]");
    expect(sheet.getCell("B3").text).toBe("Ask [redacted] about the budget");
    expect(sheet.getCell("A1").text).toBe("Name");
    expect(sheet.getCell("B4").value).toBe(1250);
    const everything = Object.values(unzipSync(bytes))
      .map((part) => strFromU8(part))
      .join("\n");
    expect(everything).not.toContain("Jane");
    expect(everything).not.toContain("1632960001");
  });
});

describe("redacting HTML and text", () => {
  it("redacts HTML's text across inline tags and entities, and attribute values", async () => {
    const html =
      '<!doctype html><html><head><title>Reply</title></head><body><p class="Jane">Write to <b>Jane</b> Smith at ' +
      '<a href="mailto:jane@example.org" title="Jane Smith">jane&#64;example.org</a> &amp; call ' +
      `${PHONE}.</p></body></html>`;
    const { bytes, matches } = await redactDocument(
      { name: "reply.html", mediaType: "text/html", bytes: Buffer.from(html) },
      [
        { kind: "text", text: NAME },
        { kind: "pattern", pattern: "email" },
        { kind: "pattern", pattern: "phone" },
      ],
    );
    expect(matches).toEqual([2, 2, 1]);
    expect(bytes.toString("utf8")).toBe(
      '<!doctype html><html><head><title>Reply</title></head><body><p class="Jane">Write to <b>[redacted]</b> at ' +
        '<a href="mailto:[redacted]" title="[redacted]">[redacted]</a> &amp; call [redacted].</p></body></html>',
    );
  });

  it("redacts plain text and keeps its encoding", async () => {
    const text = Buffer.from("Call 01632 960 001 or 01632 960 002.\nRegards, Zoë Smith\n", "latin1");
    const { bytes, matches } = await redactDocument(
      { name: "reply.txt", mediaType: "text/plain", bytes: text },
      [
        { kind: "pattern", pattern: "phone" },
        { kind: "text", text: "Zoë Smith" },
        { kind: "text", text: "Nobody" },
      ],
    );
    expect(matches).toEqual([2, 1, 0]);
    expect(bytes.toString("latin1")).toBe("Call [redacted] or [redacted].\nRegards, [redacted]\n");
  });

  it("matches whole words only, and any white space between them", async () => {
    const text = Buffer.from("Annual report by Ann\nLee; Ann  Lee agreed.");
    const { bytes, matches } = await redactDocument({ name: "a.txt", mediaType: "text/plain", bytes: text }, [
      { kind: "text", text: "Ann Lee" },
    ]);
    expect(matches).toEqual([2]);
    expect(bytes.toString()).toBe("Annual report by [redacted]; [redacted] agreed.");
  });

  it("refuses a file it cannot redact", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const error = await rejected(
      redactDocument({ name: "photo.png", mediaType: "image/png", bytes: png }, [
        { kind: "text", text: "x" },
      ]),
    );
    expect(error.code).toBe("bad_input");
    expect(error.detail).toBe("Postbag cannot redact this kind of file");
  });
});

describe("parseRedactionSpec", () => {
  it("reads each kind", () => {
    expect(parseRedactionSpec({ kind: "text", text: "  Jane Smith " })).toEqual({ kind: "text", text: NAME });
    expect(parseRedactionSpec({ kind: "pattern", pattern: "ni-number" })).toEqual({
      kind: "pattern",
      pattern: "ni-number",
    });
    expect(
      parseRedactionSpec({ kind: "box", page: "2", x: "10.5", y: 0, width: "100", height: "20" }, "pdf"),
    ).toEqual({ kind: "box", page: 2, x: 10.5, y: 0, width: 100, height: 20 });
  });

  it.each<[RedactionInput, string, RegExp]>([
    [{ kind: "text", text: "   " }, "text", /enter the text/],
    [
      { kind: "pattern", pattern: "ssn" },
      "pattern",
      /no pattern "ssn": choose one of email, phone, ni-number, postcode/,
    ],
    [{ kind: "box", page: "two", x: 0, y: 0, width: 1, height: 1 }, "page", /must be a number/],
    [{ kind: "box", page: 0, x: 0, y: 0, width: 1, height: 1 }, "page", /whole number from 1/],
    [{ kind: "box", page: 1, x: "", y: 0, width: 1, height: 1 }, "x", /enter the x/],
    [{ kind: "box", page: 1, x: 0, y: -1, width: 1, height: 1 }, "y", /0 or more/],
    [{ kind: "box", page: 1, x: 0, y: 0, width: "0", height: 1 }, "width", /more than 0/],
    [{ kind: "box", page: 1, x: 0, y: 0, width: 1, height: "tall" }, "height", /must be a number/],
    [{ kind: "circle" }, "kind", /"text", "pattern" or "box"/],
  ])("refuses %j, naming the field", (input, field, detail) => {
    const error = thrown(() => parseRedactionSpec(input, "pdf"));
    expect(error.code).toBe("bad_input");
    expect(error.location.field).toBe(field);
    expect(error.detail).toMatch(detail);
  });

  it("refuses a box on anything but a PDF", () => {
    const error = thrown(() =>
      parseRedactionSpec({ kind: "box", page: 1, x: 0, y: 0, width: 1, height: 1 }, "docx"),
    );
    expect(error.location.field).toBe("kind");
    expect(error.detail).toBe("box redaction is for PDF pages; use text or a pattern");
  });
});
