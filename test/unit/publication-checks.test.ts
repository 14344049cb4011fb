import exifr from "exifr";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Document, Packer, Paragraph } from "docx";
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import mammoth from "mammoth";
import { PDFDocument, PDFName, PDFString, StandardFonts } from "pdf-lib";
import * as UTIF from "utif2";
import { describe, expect, it } from "vitest";
import { checkDocument } from "../../src/documents/checks/check-document.ts";
import { EMPTY_CONTEXT, type CheckContext, type CheckedDocument } from "../../src/documents/document.ts";
import { PdfRenderer } from "../../src/letters/render/pdf.ts";
import { extractText } from "../../src/replies/extract-text.ts";
import {
  PERSONAL_TEXT,
  cleanPdf,
  cleanWorkbook,
  docxWithHiddenContent,
  docxWithPropertiesOnly,
  jpegWithGps,
  pngWithAuthor,
  tiffWithArtist,
  docxWithTextBoxThenHiddenRun,
  pdfWithAttachment,
  pdfWithAnnotation,
  pdfWithJavaScript,
  pdfWithLink,
  pdfWithOpenAction,
  pdfWithMetadata,
  pdfWithOlderRevision,
  pdfWithOptionalContent,
  pdfWithTextUnderBox,
  withCustomProperties,
  workbookWithHiddenContent,
  workbookWithHiddenParts,
  workbookWithTextBox,
} from "../support/document-factories.ts";
import { aLetter } from "../support/letter-factory.ts";
import { pdfInfo } from "../support/pdf-tools.ts";
import { tempDir } from "../support/render-cli.ts";
import { missingOutsideCi } from "../support/tools.ts";

// The publication checks on real files made by the test: each hidden thing
// is found where it is, clean files pass, the public copy really lost its
// metadata (read back with the libraries that open such files), and personal
// data is flagged unless the campaign knows it to be public.

const check = (name: string, bytes: Buffer, context: CheckContext = EMPTY_CONTEXT) =>
  checkDocument({ name, mediaType: "application/octet-stream", bytes }, context);

/** code@location of each finding, for comparing whole lists. */
const where = (result: CheckedDocument) => result.findings.map((f) => `${f.code}@${f.location}`);

const finding = (result: CheckedDocument, code: string) => {
  const found = result.findings.find((f) => f.code === code);
  if (!found) throw new Error(`no ${code} finding in ${JSON.stringify(result.findings, null, 2)}`);
  return found;
};

const NO_PDFINFO = missingOutsideCi("pdfinfo");

/** Every part of an Office zip, unpacked, as one text. */
const unzippedText = (zip: Uint8Array) =>
  Object.values(unzipSync(zip))
    .map((part) => strFromU8(part))
    .join("\n");

describe("publication checks: Excel", () => {
  it("checks the words in a sheet's text boxes for personal data, at their line", async () => {
    const result = await check("figures.xlsx", await workbookWithTextBox());
    expect(where(result)).toEqual(["personal-phone@drawing 1 (text boxes), line 2"]);
  });

  it("finds hidden and very hidden sheets, and hidden rows and columns holding data", async () => {
    const result = await check("budget.xlsx", await workbookWithHiddenContent());
    expect(result.kind).toBe("xlsx");
    expect(where(result).filter((w) => w.startsWith("xlsx-"))).toEqual([
      "xlsx-hidden-rows@sheet Summary",
      "xlsx-hidden-columns@sheet Summary",
      "xlsx-hidden-sheet@sheet Workings",
      "xlsx-very-hidden-sheet@sheet Staff",
    ]);
    expect(
      result.findings.filter((f) => f.code.startsWith("xlsx-")).every((f) => f.severity === "block"),
    ).toBe(true);
    expect(finding(result, "xlsx-hidden-rows").message).toContain("row 3");
    expect(finding(result, "xlsx-hidden-columns").message).toMatch(/column C\b/);
  });

  it("reads the very hidden sheet for personal data, naming the sheet", async () => {
    const result = await check("budget.xlsx", await workbookWithHiddenContent());
    expect(finding(result, "personal-phone")).toMatchObject({ severity: "review", location: "sheet Staff" });
    expect(finding(result, "personal-phone").message).toContain("07700 900456");
    expect(finding(result, "personal-name").message).toContain("DS Jane Doe");
  });

  it("finds pivot caches, external links, data models and Power Query", async () => {
    const result = await check("model.xlsx", await workbookWithHiddenParts());
    expect(where(result)).toEqual([
      "xlsx-pivot-cache@pivot cache 1",
      "xlsx-external-link@external link 1",
      "xlsx-data-model@data model",
      "xlsx-data-model@Power Query",
    ]);
    expect(finding(result, "xlsx-pivot-cache").message).toContain('"Raw data"');
    expect(finding(result, "xlsx-external-link").message).toContain("C:/Users/jsmith/Secret%20budget.xlsx");
  });

  it("finds cell comments, naming the sheet", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Figures");
    sheet.getCell("A1").value = 12;
    sheet.getCell("A1").note = "Do not share this figure";
    const result = await check("figures.xlsx", Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(where(result)).toEqual(["xlsx-comments@sheet Figures"]);
    expect(finding(result, "xlsx-comments").message).toContain("Do not share this figure");
  });

  it("passes a plain workbook", async () => {
    expect((await check("budget.xlsx", await cleanWorkbook())).findings).toEqual([]);
  });

  it("empties the properties of the public copy, which still opens with its sheets", async () => {
    const original = withCustomProperties(await workbookWithHiddenContent(), { Owner: "Jane Author" });
    const result = await check("budget.xlsx", original);
    expect(result.metadataRemoved).toEqual(
      expect.arrayContaining([
        "docProps/core.xml: creator",
        "docProps/core.xml: lastModifiedBy",
        "docProps/app.xml: Company",
        "docProps/custom.xml: Owner",
      ]),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(result.publicCopy as unknown as ArrayBuffer);
    expect(workbook.creator ?? "").toBe("");
    expect(workbook.lastModifiedBy ?? "").toBe("");
    expect(workbook.company ?? "").toBe("");
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Summary", "Workings", "Staff"]);
    expect(workbook.getWorksheet("Summary")?.getCell("A3").value).toBe("South");
    const parts = unzipSync(result.publicCopy);
    expect(parts["docProps/custom.xml"]).toBeUndefined();
    expect(strFromU8(parts["[Content_Types].xml"] ?? new Uint8Array())).not.toContain("custom.xml");
    expect(strFromU8(parts["_rels/.rels"] ?? new Uint8Array())).not.toContain("custom.xml");
    for (const name of ["Jane Author", "John Editor", "Acme Consulting"]) {
      expect(unzippedText(original)).toContain(name);
      expect(unzippedText(result.publicCopy)).not.toContain(name);
    }
  });
});

describe("publication checks: pictures", () => {
  const pixels = async (bytes: Buffer) => {
    const image = await loadImage(bytes);
    const canvas = createCanvas(image.width, image.height);
    canvas.getContext("2d").drawImage(image, 0, 0);
    return {
      width: image.width,
      data: canvas.getContext("2d").getImageData(0, 0, image.width, image.height).data,
    };
  };

  it("blocks a photo that says where it was taken and who took it, and leaves both out of the public copy", async () => {
    const photo = await jpegWithGps();
    const result = await check("IMG_0042.JPG", photo);
    expect(result.kind).toBe("image");
    expect(where(result)).toEqual(["image-gps@metadata", "image-people@metadata", "image-unread@picture"]);
    expect(finding(result, "image-gps").message).toContain("GPS 50.82250, -0.13722");
    expect(finding(result, "image-people").message).toContain('Artist "Jane Smith"');
    const before = await exifr.parse(photo, { gps: true });
    expect(before.latitude).toBeCloseTo(50.8225, 3);
    const after = (await exifr.parse(result.publicCopy, { gps: true, xmp: true, iptc: true })) ?? {};
    expect(after.latitude).toBeUndefined();
    expect(after.Artist).toBeUndefined();
    // Still shown the right way up, and the very same pixels.
    expect(await exifr.orientation(result.publicCopy)).toBe(6);
    expect(result.metadataRemoved).toEqual(["JPEG EXIF or XMP"]);
    const [original, copy] = [await pixels(photo), await pixels(result.publicCopy)];
    expect(copy.width).toBe(original.width);
    expect(Buffer.from(copy.data).equals(Buffer.from(original.data))).toBe(true);
  });

  it("cuts a PNG's text chunks from the public copy, keeping its pixels", async () => {
    const png = await pngWithAuthor();
    const result = await check("screenshot.png", png);
    expect(result.kind).toBe("image");
    expect(result.metadataRemoved).toEqual(["PNG tEXt"]);
    expect(result.publicCopy.includes("Jane Smith")).toBe(false);
    expect(png.includes("Jane Smith")).toBe(true);
    const [original, copy] = [await pixels(png), await pixels(result.publicCopy)];
    expect(Buffer.from(copy.data).equals(Buffer.from(original.data))).toBe(true);
  });
});

describe("publication checks: TIFF", () => {
  const pages = (bytes: Buffer) => {
    const buffer = Uint8Array.from(bytes).buffer;
    return UTIF.decode(buffer).map((page) => {
      UTIF.decodeImage(buffer, page);
      return { width: page.width, height: page.height, rgba: Buffer.from(UTIF.toRGBA8(page)) };
    });
  };

  it("blocks a TIFF naming who made it, and writes every page afresh without its tags, pixel for pixel", async () => {
    const tiff = tiffWithArtist();
    const result = await check("scan.tif", tiff);
    expect(result.kind).toBe("image");
    expect(where(result)).toEqual(["image-people@metadata", "image-unread@picture"]);
    expect(finding(result, "image-people").message).toContain('Artist "Jane Smith"');
    expect(result.metadataRemoved).toEqual(["TIFF software", "TIFF date", "TIFF artist", "TIFF copyright"]);
    expect(result.publicCopy.includes("Jane Smith")).toBe(false);
    expect(result.publicCopy.includes("ScanSoft")).toBe(false);
    expect((await exifr.parse(result.publicCopy, { tiff: true })) ?? {}).not.toHaveProperty("Artist");
    const [original, copy] = [pages(tiff), pages(result.publicCopy)];
    expect(copy).toHaveLength(2);
    copy.forEach((page, i) => {
      expect([page.width, page.height]).toEqual([original[i]?.width, original[i]?.height]);
      expect(page.rgba.equals(original[i]!.rgba)).toBe(true);
    });
  });
});

describe("publication checks: Word", () => {
  it("finds hidden text after a text box in the same paragraph", async () => {
    const result = await check("reply.docx", await docxWithTextBoxThenHiddenRun());
    expect(where(result)).toContain("docx-hidden-text@main text, paragraph 1");
    expect(finding(result, "docx-hidden-text").message).toContain("the informant is Sam Reed");
    // The text box's own paragraph is read as one of its own, and nothing in it is hidden.
    expect(result.findings.filter((each) => each.code === "docx-hidden-text")).toHaveLength(1);
  });

  it("finds each comment, the tracked changes and the hidden text, quoting them", async () => {
    const result = await check("reply.docx", await docxWithHiddenContent());
    expect(result.kind).toBe("docx");
    expect(where(result)).toEqual([
      "docx-comments@comment 1",
      "docx-tracked-changes@main text",
      "docx-hidden-text@main text, paragraph 3",
    ]);
    expect(finding(result, "docx-comments").message).toContain('"Check with legal before this goes out"');
    expect(finding(result, "docx-comments").message).toContain('"Jane Author"');
    expect(finding(result, "docx-tracked-changes").message).toContain("1 insertion, 1 deletion");
    expect(finding(result, "docx-tracked-changes").message).toContain('"cut after the leak"');
    expect(finding(result, "docx-hidden-text").message).toContain(
      '"Internal note: do not disclose the source"',
    );
  });

  it("passes a plain document, and its public copy opens without its properties", async () => {
    const original = await docxWithPropertiesOnly();
    const result = await check("reply.docx", original);
    expect(result.findings).toEqual([]);
    expect(result.metadataRemoved).toEqual(
      expect.arrayContaining([
        "docProps/core.xml: creator",
        "docProps/core.xml: lastModifiedBy",
        "docProps/custom.xml: Reviewer",
      ]),
    );
    const { value } = await mammoth.extractRawText({ buffer: result.publicCopy });
    expect(value).toContain("We hold the information you asked for.");
    const parts = unzipSync(result.publicCopy);
    expect(parts["docProps/custom.xml"]).toBeUndefined();
    // Every part [Content_Types].xml lists is in the zip: the package is still consistent.
    const types = strFromU8(parts["[Content_Types].xml"] ?? new Uint8Array());
    for (const [, name] of types.matchAll(/PartName="\/([^"]+)"/g)) expect(parts[name ?? ""]).toBeDefined();
    for (const name of ["Jane Author", "John Editor"]) {
      expect(unzippedText(original)).toContain(name);
      expect(unzippedText(result.publicCopy)).not.toContain(name);
    }
  });
});

describe("publication checks: PDF", () => {
  it("finds an attached file, naming it", async () => {
    const result = await check("reply.pdf", await pdfWithAttachment());
    expect(where(result)).toEqual(["pdf-embedded-files@document"]);
    expect(finding(result, "pdf-embedded-files").message).toContain('"salaries.csv"');
  });

  it("finds JavaScript", async () => {
    expect(where(await check("form.pdf", await pdfWithJavaScript()))).toEqual(["pdf-javascript@document"]);
  });

  it("finds a link that runs a script, however its scheme is spelt, and not an ordinary link", async () => {
    for (const address of [
      "javascript:app.alert(1)",
      " JavaScript:this.exportDataObject()",
      "java\tscript:x()",
    ]) {
      const result = await check("reply.pdf", await pdfWithLink(address));
      expect(where(result)).toEqual(["pdf-javascript@page 1"]);
      expect(finding(result, "pdf-javascript").message).toContain("runs a script when clicked");
    }
    expect(
      where(await check("reply.pdf", await pdfWithLink("https://www.example.gov.uk/strategy.pdf"))),
    ).toEqual([]);
  });

  it("finds JavaScript in a form field's actions, a Launch action and a form that submits itself", async () => {
    const field = await pdfWithAnnotation({
      Subtype: "Widget",
      FT: "Tx",
      T: PDFString.of("name"),
      AA: { K: { S: "JavaScript", JS: PDFString.of("event.value = event.value.toUpperCase();") } },
    });
    expect(where(await check("form.pdf", field))).toEqual(["pdf-javascript@page 1"]);
    const launch = await pdfWithOpenAction({ S: "Launch", F: PDFString.of("cmd.exe") });
    expect(where(await check("reply.pdf", launch))).toEqual(["pdf-launch-action@document"]);
    const submit = await pdfWithAnnotation({
      Subtype: "Widget",
      FT: "Btn",
      A: { S: "SubmitForm", F: PDFString.of("https://collector.example.net/form") },
    });
    const submitted = await check("form.pdf", submit);
    expect(where(submitted)).toEqual(["pdf-form-submission@page 1"]);
    expect(finding(submitted, "pdf-form-submission").message).toContain("collector.example.net");
  });

  it("finds optional content layers and says which are hidden", async () => {
    const result = await check("layers.pdf", await pdfWithOptionalContent());
    expect(where(result)).toEqual(["pdf-optional-content@document"]);
    expect(finding(result, "pdf-optional-content").message).toContain('"Draft notes" (hidden)');
  });

  it("finds text under a filled box, quoting it, and not under a translucent highlight", async () => {
    const result = await check("redacted.pdf", await pdfWithTextUnderBox());
    const hidden = result.findings.filter((f) => f.code === "pdf-text-under-box");
    expect(hidden).toHaveLength(1);
    expect(hidden[0]).toMatchObject({ severity: "block", location: "page 1" });
    expect(hidden[0]?.message).toContain('"Sergeant Hidden Person"');
    expect(hidden[0]?.message).not.toContain("officer in charge");
  });

  it("finds an earlier revision's words, and leaves the earlier revision out of the public copy", async () => {
    const original = pdfWithOlderRevision();
    const result = await check("updated.pdf", original);
    expect(where(result)).toEqual(["pdf-older-revision@revision 1 of 2"]);
    expect(finding(result, "pdf-older-revision").message).toContain("Alpha Zulu of Acacia Avenue");
    expect(original.includes("Acacia Avenue")).toBe(true);
    expect(result.publicCopy.includes("Acacia Avenue")).toBe(false);
    expect(result.publicCopy.toString("latin1").match(/%%EOF/g)).toHaveLength(1);
    const { text } = await extractText({ name: "public.pdf", bytes: result.publicCopy });
    expect(text).toBe("Final: the matter is closed");
  });

  it("finds comments and redactions marked but never applied", async () => {
    const doc = await PDFDocument.load(await cleanPdf());
    const annotation = (fields: Record<string, unknown>) =>
      doc.context.register(doc.context.obj({ Type: "Annot", Rect: [72, 700, 200, 720], ...fields } as never));
    const note = annotation({
      Subtype: "Text",
      Contents: PDFString.of("Ask legal first"),
      T: PDFString.of("Jane"),
    });
    const redact = annotation({ Subtype: "Redact" });
    doc.getPage(0).node.set(PDFName.of("Annots"), doc.context.obj([note, redact]));
    const result = await check("reply.pdf", Buffer.from(await doc.save()));
    expect(where(result)).toEqual(["pdf-comments@page 1", "pdf-unapplied-redaction@page 1"]);
    expect(finding(result, "pdf-comments").message).toContain('"Ask legal first"');
  });

  it("finds nothing hidden in a letter Postbag rendered itself", async () => {
    const bytes = Buffer.from(new PdfRenderer().render(aLetter(), { pdfStandard: "ua-1" }));
    const result = await check("letter.pdf", bytes);
    expect(result.findings.filter((f) => f.severity === "block")).toEqual([]);
    // Its recipient is named twice, with and without post-nominals: one finding.
    expect(result.findings.filter((f) => f.code === "personal-name").map((f) => f.message)).toEqual([
      expect.stringContaining('"Dame Sara Thornton DBE QPM"'),
    ]);
  });

  it("passes a plain PDF", async () => {
    expect((await check("reply.pdf", await cleanPdf())).findings).toEqual([]);
  });

  it("removes the Info dictionary and XMP metadata, adding nothing of pdf-lib's own", async () => {
    const original = await pdfWithMetadata();
    const result = await check("reply.pdf", original);
    expect(result.findings).toEqual([]);
    expect(result.metadataRemoved).toEqual(
      expect.arrayContaining([
        "PDF Info: Author",
        "PDF Info: Title",
        "PDF Info: Keywords",
        "PDF Info: Creator",
        "PDF Info: Producer",
        "XMP metadata",
        "XMP metadata (page 1)",
      ]),
    );
    const copy = await PDFDocument.load(result.publicCopy, { updateMetadata: false });
    expect(copy.getAuthor()).toBeUndefined();
    expect(copy.getTitle()).toBeUndefined();
    expect(copy.getKeywords()).toBeUndefined();
    expect(copy.getCreator()).toBeUndefined();
    expect(copy.getProducer()).toBeUndefined();
    expect(copy.getModificationDate()).toBeUndefined();
    expect(copy.catalog.has(PDFName.of("Metadata"))).toBe(false);
    expect(copy.getPage(0).node.has(PDFName.of("Metadata"))).toBe(false);
    // The XMP streams are not compressed, so their words can be looked for in the bytes.
    for (const text of ["Jane Author XMP", "Page XMP Person"]) {
      expect(original.includes(text)).toBe(true);
      expect(result.publicCopy.includes(text)).toBe(false);
    }
    // The public copy has no object streams: any Info dictionary would show its keys in the bytes.
    for (const key of ["/Author", "/Producer", "/Creator", "/ModDate", "/Info"]) {
      expect(result.publicCopy.includes(key)).toBe(false);
    }
    expect((await extractText({ name: "public.pdf", bytes: result.publicCopy })).text).toContain(
      "The council holds the information requested.",
    );
  });

  it.skipIf(NO_PDFINFO)("leaves poppler's pdfinfo nothing to show of the author", async () => {
    const original = await pdfWithMetadata();
    const result = await check("reply.pdf", original);
    const folder = tempDir("postbag-checks-");
    writeFileSync(join(folder, "original.pdf"), original);
    expect(pdfInfo(join(folder, "original.pdf")).Author).toBe("Jane Author");
    const file = join(folder, "public.pdf");
    writeFileSync(file, result.publicCopy);
    const info = pdfInfo(file);
    expect(info.Pages).toBe("1");
    expect(info.Author).toBeUndefined();
    expect(info.Title).toBeUndefined();
    expect(info.Producer).toBeUndefined();
    expect(info.Metadata).toBeUndefined();
  });

  it("finds personal data page by page", async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage().drawText("Nothing personal here.", { x: 72, y: 700, size: 12, font });
    doc.addPage().drawText("Write to sam.jones@example.org", { x: 72, y: 700, size: 12, font });
    const result = await check("reply.pdf", Buffer.from(await doc.save()));
    expect(where(result)).toEqual(["personal-email@page 2"]);
  });
});

describe("publication checks: files that cannot be checked", () => {
  it("blocks a broken PDF as unreadable, without throwing", async () => {
    const result = await check("broken.pdf", Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage"));
    expect(result.kind).toBe("pdf");
    expect(result.findings).toEqual([expect.objectContaining({ code: "unreadable", severity: "block" })]);
  });

  it("blocks a broken Word document as unreadable", async () => {
    const result = await check("reply.docx", Buffer.from("PK\u0003\u0004 not really a zip"));
    expect(result.kind).toBe("docx");
    expect(where(result)).toEqual(["unreadable@file"]);
  });

  it("blocks a PDF that only pretends to be one", async () => {
    const result = await check("reply.pdf", Buffer.from("%PDF-1.4\nthis is not a PDF at all\n%%EOF\n"));
    expect(where(result)).toEqual(["unreadable@file"]);
  });

  it.each([
    ["archive.zip", Buffer.from(zipSync({ "notes.txt": strToU8("hello") }))],
    ["old.doc", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])],
  ])("says it cannot check %s", async (name, bytes) => {
    const result = await check(name, bytes);
    expect(result.kind).toBe("other");
    expect(where(result)).toEqual(["unchecked-type@file"]);
    expect(result.findings[0]?.message).toContain("cannot check this kind of file");
  });

  it("goes by the bytes, not the name", async () => {
    expect((await check("scan.docx", await cleanPdf())).kind).toBe("pdf");
  });
});

describe("publication checks: personal data", () => {
  it("ends a name at a possessive", async () => {
    const result = await check("reply.txt", Buffer.from("Dr Schubert’s Responses were late.\n"));
    expect(result.findings.map((f) => f.message)).toEqual([expect.stringContaining('"Dr Schubert"')]);
  });

  const text = (context: CheckContext = EMPTY_CONTEXT) =>
    check("reply.txt", Buffer.from(PERSONAL_TEXT), context);

  it("flags each kind for review, with the line it is on and the value", async () => {
    const result = await text();
    expect(result.kind).toBe("text");
    expect(result.findings.every((f) => f.severity === "review")).toBe(true);
    expect(where(result)).toEqual([
      "personal-email@line 5",
      "personal-phone@line 5",
      "ni-number@line 6",
      "home-postcode@line 6",
      "home-postcode@line 7",
      "personal-name@line 1",
      // Not line 3's Chief Constable: a name with a public office's title is an office-holder's.
      "personal-name@line 5",
      "personal-name@line 11",
    ]);
    const messages = result.findings.map((f) => f.message).join("\n");
    for (const value of [
      "priya.patel@police.example.gov.uk",
      "07700 900123",
      "AB 12 34 56 C",
      "SW1A 2AA",
      "Ms Campaigner",
      "Mrs Priya Patel",
      "Jordan Example",
    ]) {
      expect(messages).toContain(`"${value}"`);
    }
  });

  it("does not flag role mailboxes or an office under a signature", async () => {
    const messages = (await text()).findings.map((f) => f.message).join("\n");
    expect(messages).not.toContain("foi@");
    expect(messages).not.toContain("press.office@");
    expect(messages).not.toContain("Information Rights Team");
  });

  it("does not flag the campaign's office-holders or the bodies' postcodes", async () => {
    const result = await text({
      publicPeople: ["Sir Andy Marsh QPM", "Priya Patel"],
      publicPostcodes: ["ls14ap"],
      publicEmailDomains: ["police.example.gov.uk"],
      publicAddresses: [],
      publicPhones: [],
      publicNames: [],
    });
    expect(where(result)).toEqual([
      "personal-email@line 5",
      "personal-phone@line 5",
      "ni-number@line 6",
      "home-postcode@line 6",
      "personal-name@line 1",
      "personal-name@line 11",
    ]);
  });

  it("makes one finding per value, however often it appears", async () => {
    const result = await check("reply.txt", Buffer.from("Ring 07700 900123.\n\nAgain: 07700900123.\n"));
    expect(where(result)).toEqual(["personal-phone@line 1"]);
    expect(result.findings[0]?.message).toContain("Also at line 3");
  });

  it("reads a Word document's text, and finds the name under its sign-off", async () => {
    const document = new Document({
      sections: [
        {
          children: [
            "We hold the information.",
            "Kind regards,",
            "Alex Person",
            "alex.person@example.org",
          ].map((line) => new Paragraph(line)),
        },
      ],
    });
    const result = await check("reply.docx", Buffer.from(await Packer.toBuffer(document)));
    expect(where(result)).toEqual(["personal-email@text", "personal-name@text"]);
    expect(finding(result, "personal-name").message).toContain('"Alex Person"');
  });
});
