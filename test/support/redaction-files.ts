import { inflateSync } from "node:zlib";
import { AlignmentType, Document, ExternalHyperlink, Footer, Packer, Paragraph, TextRun } from "docx";
import ExcelJS from "exceljs";
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  StandardFonts,
  degrees,
} from "pdf-lib";

// Files for the redaction tests, each made here with the library a sender's
// office would use (or near enough), and readers of what redaction left.

export const NAME = "Jane Smith";
export const PHONE = "01632 960 001";
export const SECRET = "CONFIDENTIAL-XYZ";

/** Where the secret is drawn on page 1, in points from the top-left, for a box redaction. */
export const SECRET_BOX = { page: 1, x: 68, y: 842 - 612 - 12, width: 130, height: 18 };

/**
 * Two A4 pages in Helvetica. Page 1: a name, a phone number drawn as two
 * pieces of text on one line, and a secret to black out with a box. Page 2:
 * text nobody redacts.
 */
export async function twoPagePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const one = doc.addPage([595, 842]);
  one.drawText(`Dear ${NAME},`, { x: 72, y: 700, size: 12, font });
  const first = "Please call me on 01632";
  one.drawText(first, { x: 72, y: 660, size: 12, font });
  one.drawText(" 960 001 about the report.", {
    x: 72 + font.widthOfTextAtSize(first, 12),
    y: 660,
    size: 12,
    font,
  });
  one.drawText(SECRET, { x: 72, y: 612, size: 12, font });
  one.drawText("Yours sincerely, the Commissioner", { x: 72, y: 560, size: 12, font });
  const two = doc.addPage([595, 842]);
  two.drawText("Page two thanks the council for its reply.", { x: 72, y: 700, size: 12, font });
  return Buffer.from(await doc.save());
}

/**
 * The two pages, with links: page 1 has a mailto: link to the name's
 * address, page 2 a link to page 1 (which redaction replaces).
 */
export async function linkedPdf(): Promise<Buffer> {
  const doc = await PDFDocument.load(await twoPagePdf());
  const [one, two] = doc.getPages();
  if (!one || !two) throw new Error("two pages expected");
  const mailto = doc.context.obj({
    Type: "Annot",
    Subtype: "Link",
    Rect: [72, 690, 200, 712],
    Border: [0, 0, 0],
    A: { S: "URI", URI: PDFString.of("mailto:jane.smith@example.org") },
  });
  one.node.addAnnot(doc.context.register(mailto));
  const back = doc.context.obj({
    Type: "Annot",
    Subtype: "Link",
    Rect: [72, 690, 300, 712],
    Border: [0, 0, 0],
    Dest: [one.ref, "XYZ", null, null, null],
  });
  two.node.addAnnot(doc.context.register(back));
  return Buffer.from(await doc.save());
}

/** A landscape page stored portrait with /Rotate 90, as scanners and some printers make them. */
export async function rotatedPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.setRotation(degrees(90));
  page.drawText(`Ring ${PHONE} for the inquiry.`, { x: 100, y: 300, size: 14, font, rotate: degrees(90) });
  return Buffer.from(await doc.save());
}

/** Every object of the file as text: streams decoded, as Latin-1. */
export async function pdfStreams(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const streams: string[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    // Objects inside object streams are only seen once parsed: each is written out as text.
    if (!(object instanceof PDFRawStream)) {
      streams.push(object.toString());
      continue;
    }
    const filter = object.dict.lookup(PDFName.of("Filter"));
    const flate = filter === PDFName.of("FlateDecode");
    let contents: Uint8Array = object.contents;
    try {
      if (flate) contents = inflateSync(contents);
    } catch {
      // Not worth failing over: compared raw.
    }
    streams.push(Buffer.from(contents).toString("latin1"));
  }
  return streams;
}

/** Whether the text is anywhere in the file: as written, or as a hex string, in any stream or object. */
export async function pdfHoldsText(bytes: Uint8Array, text: string): Promise<boolean> {
  const hex = Buffer.from(text, "latin1").toString("hex");
  const haystacks = [...(await pdfStreams(bytes)), Buffer.from(bytes).toString("latin1")];
  return haystacks.some(
    (haystack) => haystack.includes(text) || haystack.toLowerCase().includes(hex.toLowerCase()),
  );
}

/** The decoded content stream of a page (1-based). */
export async function pageContent(bytes: Uint8Array, pageNumber: number): Promise<string> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const page = doc.getPage(pageNumber - 1);
  const contents = page.node.lookup(PDFName.of("Contents"));
  const streams =
    contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
  return streams
    .map((stream) => {
      if (!(stream instanceof PDFRawStream)) return stream instanceof PDFStream ? "?" : "";
      return inflateSync(stream.contents).toString("latin1");
    })
    .join("\n");
}

/** A letter whose name is split over two runs (bold, then normal), an "&" and an address in the footer. */
export async function docxFile(): Promise<Buffer> {
  const document = new Document({
    sections: [
      {
        footers: {
          default: new Footer({
            children: [new Paragraph({ children: [new TextRun("Contact: jane.smith@example.org")] })],
          }),
        },
        children: [
          new Paragraph({
            children: [
              new TextRun("Dear "),
              new TextRun({ text: "Jane Sm", bold: true }),
              new TextRun({ text: "ith, thank you for writing." }),
            ],
          }),
          new Paragraph({
            alignment: AlignmentType.LEFT,
            children: [new TextRun(`Ring ${PHONE} or write to Smith & Jones Ltd about the report.`)],
          }),
          new Paragraph({
            children: [
              new ExternalHyperlink({
                link: "mailto:jane.smith@example.org",
                children: [new TextRun("Email me")],
              }),
            ],
          }),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(document));
}

/** A workbook with a name as a shared string, a phone number typed as a number, and rich text. */
export async function xlsxFile(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Contacts");
  sheet.getCell("A1").value = "Name";
  sheet.getCell("B1").value = NAME;
  sheet.getCell("A2").value = "Phone";
  sheet.getCell("B2").value = 1632960001;
  sheet.getCell("B2").numFmt = "00000000000";
  sheet.getCell("A3").value = "Note";
  sheet.getCell("B3").value = {
    richText: [{ text: "Ask " }, { text: "Jane", font: { bold: true } }, { text: " Smith about the budget" }],
  };
  sheet.getCell("A4").value = "Total";
  sheet.getCell("B4").value = 1250;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function readXlsx(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet("Contacts");
  if (!sheet) throw new Error("no sheet Contacts");
  return sheet;
}

/** Where page `from`'s first link goes: the number of the page its destination names, or null. */
export async function linkTarget(bytes: Uint8Array, from: number): Promise<number | null> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const annotations = doc.getPage(from - 1).node.lookup(PDFName.of("Annots"));
  const link = annotations instanceof PDFArray ? annotations.lookup(0) : undefined;
  const destination = link instanceof PDFDict ? link.lookup(PDFName.of("Dest")) : undefined;
  const page = destination instanceof PDFArray ? destination.get(0) : undefined;
  if (!(page instanceof PDFRef)) return null;
  const index = doc.getPages().findIndex((candidate) => candidate.ref === page);
  return index < 0 ? null : index + 1;
}
