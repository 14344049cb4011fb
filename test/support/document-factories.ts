import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  InsertedTextRun,
  Packer,
  Paragraph,
  TextRun,
} from "docx";
import ExcelJS from "exceljs";
import { createCanvas } from "@napi-rs/canvas";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { crc32 } from "node:zlib";
import { PDFDocument, PDFName, PDFString, StandardFonts, rgb } from "pdf-lib";
import { greyTiff } from "./grey-tiff.ts";

// Real files, made in memory, each with one kind of thing the publication
// checks must find: workbooks by exceljs, Word documents by the docx library,
// PDFs by pdf-lib, and parts no library writes (pivot caches, external links,
// custom properties, a PDF's second revision) added by hand.

// ---- Excel ----

/** A workbook with a hidden sheet, a very hidden sheet, and a visible sheet with a hidden row and column holding data. */
export async function workbookWithHiddenContent(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Jane Author";
  workbook.lastModifiedBy = "John Editor";
  workbook.company = "Acme Consulting";
  workbook.created = new Date("2024-01-02T03:04:05Z");
  const summary = workbook.addWorksheet("Summary");
  summary.addRow(["Area", "Budget", "Notes"]);
  summary.addRow(["North", 100, "ok"]);
  summary.addRow(["South", 200, "Secret row note"]);
  summary.getRow(3).hidden = true;
  summary.getColumn(3).hidden = true;
  const workings = workbook.addWorksheet("Workings");
  workings.addRow(["draft figure", 42]);
  workings.state = "hidden";
  const staff = workbook.addWorksheet("Staff");
  staff.addRow(["Officer", "Mobile"]);
  staff.addRow(["DS Jane Doe", "07700 900456"]);
  staff.state = "veryHidden";
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A plain visible table, nothing hidden and no personal data. */
export async function cleanWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Budget");
  sheet.addRow(["Year", "Spend"]);
  sheet.addRow([2020, 1000]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A workbook with a pivot cache, an external link, a data model and Power Query, as parts added to the zip. */
export async function workbookWithHiddenParts(): Promise<Buffer> {
  return addParts(await cleanWorkbook(), {
    "xl/pivotCache/pivotCacheDefinition1.xml": `<?xml version="1.0"?><pivotCacheDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cacheSource type="worksheet"><worksheetSource ref="A1:C9" sheet="Raw data"/></cacheSource></pivotCacheDefinition>`,
    "xl/pivotCache/pivotCacheRecords1.xml": `<?xml version="1.0"?><pivotCacheRecords xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0"/>`,
    "xl/externalLinks/externalLink1.xml": `<?xml version="1.0"?><externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><externalBook r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></externalLink>`,
    "xl/externalLinks/_rels/externalLink1.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="file:///C:/Users/jsmith/Secret%20budget.xlsx" TargetMode="External"/></Relationships>`,
    "xl/model/item.data": "binary model",
    "customXml/item1.xml": `<?xml version="1.0"?><DataMashup xmlns="http://schemas.microsoft.com/DataMashup">AAAA</DataMashup>`,
  });
}

/** A workbook whose sheet has a text box (a drawing) with a mobile number in it. */
export async function workbookWithTextBox(): Promise<Buffer> {
  return addParts(await cleanWorkbook(), {
    "xl/drawings/drawing1.xml": `<?xml version="1.0"?><xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor><xdr:sp><xdr:txBody><a:bodyPr/><a:p><a:r><a:t>Figures checked.</a:t></a:r></a:p><a:p><a:r><a:t>Questions: ring </a:t></a:r><a:r><a:t>07700 900123</a:t></a:r></a:p></xdr:txBody></xdr:sp></xdr:twoCellAnchor></xdr:wsDr>`,
  });
}

// ---- Word ----

/** A Word document with a comment, tracked changes (an insertion and a deletion) and hidden text. */
export async function docxWithHiddenContent(): Promise<Buffer> {
  const date = "2024-01-15T10:00:00Z";
  const document = new Document({
    creator: "Jane Author",
    lastModifiedBy: "John Editor",
    title: "Internal draft",
    customProperties: [{ name: "Department", value: "Legal" }],
    comments: {
      children: [
        {
          id: 0,
          author: "Jane Author",
          date: new Date(date),
          children: [new Paragraph("Check with legal before this goes out")],
        },
      ],
    },
    sections: [
      {
        children: [
          new Paragraph({
            children: [
              new CommentRangeStart(0),
              new TextRun("We hold the information you asked for."),
              new CommentRangeEnd(0),
              new TextRun({ children: [new CommentReference(0)] }),
            ],
          }),
          new Paragraph({
            children: [
              new TextRun("The budget was "),
              new DeletedTextRun({ text: "cut after the leak", id: 1, author: "John Editor", date }),
              new InsertedTextRun({ text: "reviewed", id: 2, author: "John Editor", date }),
              new TextRun("."),
            ],
          }),
          new Paragraph({
            children: [
              new TextRun("Visible sentence. "),
              new TextRun({ text: "Internal note: do not disclose the source", vanish: true }),
            ],
          }),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(document));
}

/**
 * A paragraph holding a text box (whose own paragraph ends inside it), then a
 * hidden run: the case a lazy regular expression over the XML missed, since
 * the text box's end tag ended the outer paragraph early.
 */
export async function docxWithTextBoxThenHiddenRun(): Promise<Buffer> {
  const plain = await Packer.toBuffer(
    new Document({ sections: [{ children: [new Paragraph("PLACEHOLDER")] }] }),
  );
  const files = unzipSync(new Uint8Array(plain));
  const xml = strFromU8(files["word/document.xml"]!);
  const paragraph =
    '<w:p><w:r><w:t xml:space="preserve">Our response is attached. </w:t></w:r>' +
    '<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" style="width:200pt;height:40pt">' +
    "<v:textbox><w:txbxContent><w:p><w:r><w:t>A note in a box.</w:t></w:r></w:p></w:txbxContent></v:textbox>" +
    "</v:shape></w:pict></w:r>" +
    "<w:r><w:rPr><w:vanish/></w:rPr><w:t>Hidden after the box: the informant is Sam Reed</w:t></w:r></w:p>";
  const changed = xml.replace(/<w:p>(?:(?!<w:p>).)*?PLACEHOLDER.*?<\/w:p>/s, paragraph);
  if (changed === xml) throw new Error("the placeholder paragraph was not found");
  files["word/document.xml"] = strToU8(changed);
  return Buffer.from(zipSync(files));
}

/** Plain paragraphs, with document properties naming people. */
export async function docxWithPropertiesOnly(): Promise<Buffer> {
  const document = new Document({
    creator: "Jane Author",
    lastModifiedBy: "John Editor",
    title: "Reply",
    customProperties: [{ name: "Reviewer", value: "John Editor" }],
    sections: [{ children: [new Paragraph("We hold the information you asked for.")] }],
  });
  return Buffer.from(await Packer.toBuffer(document));
}

// ---- Pictures ----

/** A small picture with words on it, as a camera or a phone encodes it. */
async function picture(kind: "jpeg" | "png"): Promise<Buffer> {
  const canvas = createCanvas(240, 120);
  const context = canvas.getContext("2d");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, 240, 120);
  context.fillStyle = "#000000";
  context.font = "20px sans-serif";
  context.fillText("Reply, page 1", 20, 60);
  return kind === "jpeg" ? canvas.encode("jpeg", 90) : canvas.encode("png");
}

/**
 * A JPEG whose EXIF says where it was taken (GPS), who took it (Artist) and
 * that it is shown turned a quarter (Orientation 6), as a phone writes it.
 * The EXIF is written here byte by byte: a big-endian TIFF structure with
 * IFD0 and its GPS IFD.
 */
export async function jpegWithGps(): Promise<Buffer> {
  const tiff = Buffer.alloc(164);
  tiff.write("MM", 0, "latin1");
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  const entry = (
    at: number,
    tag: number,
    type: number,
    count: number,
    value: (b: Buffer, o: number) => void,
  ) => {
    tiff.writeUInt16BE(tag, at);
    tiff.writeUInt16BE(type, at + 2);
    tiff.writeUInt32BE(count, at + 4);
    value(tiff, at + 8);
  };
  tiff.writeUInt16BE(3, 8);
  entry(10, 0x0112, 3, 1, (b, o) => b.writeUInt16BE(6, o));
  entry(22, 0x013b, 2, 11, (b, o) => b.writeUInt32BE(50, o));
  entry(34, 0x8825, 4, 1, (b, o) => b.writeUInt32BE(62, o));
  tiff.writeUInt32BE(0, 46);
  tiff.write("Jane Smith\0", 50, "latin1");
  tiff.writeUInt16BE(4, 62);
  entry(64, 0x0001, 2, 2, (b, o) => b.write("N\0", o, "latin1"));
  entry(76, 0x0002, 5, 3, (b, o) => b.writeUInt32BE(116, o));
  entry(88, 0x0003, 2, 2, (b, o) => b.write("W\0", o, "latin1"));
  entry(100, 0x0004, 5, 3, (b, o) => b.writeUInt32BE(140, o));
  tiff.writeUInt32BE(0, 112);
  // 50° 49' 21" N, 0° 8' 14" W: Brighton.
  [50, 1, 49, 1, 21, 1].forEach((n, i) => tiff.writeUInt32BE(n, 116 + i * 4));
  [0, 1, 8, 1, 14, 1].forEach((n, i) => tiff.writeUInt32BE(n, 140 + i * 4));
  const body = Buffer.concat([Buffer.from("Exif\0\0", "latin1"), tiff]);
  const app1 = Buffer.concat([
    Buffer.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff]),
    body,
  ]);
  const jpeg = await picture("jpeg");
  return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
}

/** A PNG with a text chunk naming its author, as image editors write it. */
export async function pngWithAuthor(): Promise<Buffer> {
  const png = await picture("png");
  const data = Buffer.from("Author\0Jane Smith", "latin1");
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write("tEXt", 4, "latin1");
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)) >>> 0, 8 + data.length);
  // After the header chunk (8-byte signature, then IHDR: 4 + 4 + 13 + 4 bytes).
  return Buffer.concat([png.subarray(0, 33), chunk, png.subarray(33)]);
}

/**
 * A two-page TIFF, as a scanner writes one: uncompressed grey pages with a
 * pattern, and the tags that name who made it (Artist, Copyright) and the
 * software and date.
 */
export function tiffWithArtist(): Buffer {
  const pages = [0, 1].map((page) => {
    const [width, height] = [24 + page * 8, 16];
    const data = Uint8Array.from({ length: width * height }, (_, i) => (i * 7 + page * 50) % 256);
    return { width, height, data };
  });
  return greyTiff(pages, {
    t305: ["ScanSoft 2.1"],
    t306: ["2025:03:04 10:11:12"],
    t315: ["Jane Smith"],
    t33432: ["Jane Smith 2025"],
  });
}

// ---- PDF ----

async function pdfWithText(lines: string[]): Promise<{ doc: PDFDocument; bytes: () => Promise<Buffer> }> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  lines.forEach((line, i) => page.drawText(line, { x: 72, y: 760 - i * 20, size: 12, font }));
  return { doc, bytes: async () => Buffer.from(await doc.save()) };
}

export async function cleanPdf(): Promise<Buffer> {
  return (await pdfWithText(["The council holds the information requested.", "It is attached."])).bytes();
}

export async function pdfWithAttachment(): Promise<Buffer> {
  const { doc, bytes } = await pdfWithText(["Please see the attached file."]);
  await doc.attach(strToU8("name,salary\nJane,50000\n"), "salaries.csv", { mimeType: "text/csv" });
  return bytes();
}

export async function pdfWithJavaScript(): Promise<Buffer> {
  const { doc, bytes } = await pdfWithText(["A form."]);
  doc.addJavaScript("greeting", 'app.alert("hello");');
  return bytes();
}

/** A dictionary as pdf-lib's context.obj() takes it: strings become names, PDFString.of() a string. */
type LiteralObject = Record<string, unknown>;
/** pdf-lib's own type for it is not exported: the values are checked by pdf-lib as it builds the dictionary. */
const literal = (value: LiteralObject) => value as Record<string, never>;

/** A PDF whose first page has an annotation (a link, a form field) holding `entries`: its /A or /AA. */
export async function pdfWithAnnotation(entries: LiteralObject): Promise<Buffer> {
  const { doc, bytes } = await pdfWithText(["Our strategy is online."]);
  const annotation = doc.context.register(
    doc.context.obj(literal({ Type: "Annot", Rect: [72, 750, 250, 775], Border: [0, 0, 0], ...entries })),
  );
  doc.getPages()[0]!.node.set(PDFName.of("Annots"), doc.context.obj([annotation]));
  return bytes();
}

/** A link whose action opens `address` (a javascript: one runs a script instead). */
export function pdfWithLink(address: string): Promise<Buffer> {
  return pdfWithAnnotation({ Subtype: "Link", A: { S: "URI", URI: PDFString.of(address) } });
}

/** A PDF that does `action` as soon as it is opened (the catalog's /OpenAction). */
export async function pdfWithOpenAction(action: LiteralObject): Promise<Buffer> {
  const { doc, bytes } = await pdfWithText(["Opened."]);
  doc.catalog.set(PDFName.of("OpenAction"), doc.context.obj(literal(action)));
  return bytes();
}

/** Text drawn, then a black rectangle drawn over part of it: the naive redaction. */
export async function pdfWithTextUnderBox(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText("The officer in charge was", { x: 72, y: 700, size: 12, font });
  page.drawText("Sergeant Hidden Person", { x: 72, y: 680, size: 12, font });
  page.drawRectangle({ x: 70, y: 676, width: 140, height: 16, color: rgb(0, 0, 0) });
  // A translucent highlight over the first line hides nothing.
  page.drawRectangle({ x: 70, y: 696, width: 140, height: 16, color: rgb(1, 1, 0), opacity: 0.3 });
  return Buffer.from(await doc.save());
}

/** A PDF with an optional content layer that is switched off. */
export async function pdfWithOptionalContent(): Promise<Buffer> {
  const { doc, bytes } = await pdfWithText(["Layered."]);
  const group = doc.context.register(doc.context.obj({ Type: "OCG", Name: PDFString.of("Draft notes") }));
  doc.catalog.set(
    PDFName.of("OCProperties"),
    doc.context.obj({ OCGs: [group], D: doc.context.obj({ Order: [group], OFF: [group] }) }),
  );
  return bytes();
}

/** Info dictionary filled in, and XMP metadata on the catalog and the page. */
export async function pdfWithMetadata(): Promise<Buffer> {
  const { doc, bytes } = await pdfWithText(["The council holds the information requested."]);
  doc.setAuthor("Jane Author");
  doc.setTitle("Internal draft");
  doc.setSubject("Budget");
  doc.setKeywords(["leak", "budget"]);
  doc.setCreator("Secret Editor 9");
  const xmp = (who: string) =>
    doc.context.register(
      doc.context.stream(
        `<?xpacket begin=""?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${who}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`,
        { Type: "Metadata", Subtype: "XML" },
      ),
    );
  doc.catalog.set(PDFName.of("Metadata"), xmp("Jane Author XMP"));
  doc.getPage(0).node.set(PDFName.of("Metadata"), xmp("Page XMP Person"));
  return bytes();
}

/**
 * A PDF written by hand in two revisions: the first page says something, an
 * incremental update replaces the page with other words. Streams are not
 * compressed, so the old words can be looked for in the raw bytes.
 */
export function pdfWithOlderRevision(): Buffer {
  const page = (contents: number) =>
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents ${contents} 0 R >>`;
  const stream = (text: string) => {
    const content = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
    return `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
  };
  return handWrittenPdf([
    {
      1: "<< /Type /Catalog /Pages 2 0 R >>",
      2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      3: page(4),
      4: stream("Draft: the informant was Alpha Zulu of Acacia Avenue"),
      5: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    },
    {
      2: "<< /Type /Pages /Kids [7 0 R] /Count 1 >>",
      6: stream("Final: the matter is closed"),
      7: page(6),
    },
  ]);
}

/** Each revision: its objects by number, then an xref section and a trailer (with /Prev after the first). */
export function handWrittenPdf(revisions: Record<number, string>[]): Buffer {
  let pdf = "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n";
  let prev: number | undefined;
  let size = 1;
  for (const objects of revisions) {
    const offsets: [number, number][] = [];
    for (const [number, body] of Object.entries(objects)) {
      offsets.push([Number(number), Buffer.byteLength(pdf, "latin1")]);
      pdf += `${number} 0 obj\n${body}\nendobj\n`;
      size = Math.max(size, Number(number) + 1);
    }
    const xref = Buffer.byteLength(pdf, "latin1");
    pdf += "xref\n0 1\n0000000000 65535 f \n";
    for (const [number, offset] of offsets) {
      pdf += `${number} 1\n${String(offset).padStart(10, "0")} 00000 n \n`;
    }
    pdf += `trailer\n<< /Size ${size} /Root 1 0 R${prev === undefined ? "" : ` /Prev ${prev}`} >>\nstartxref\n${xref}\n%%EOF\n`;
    prev = xref;
  }
  return Buffer.from(pdf, "latin1");
}

// ---- Zip parts ----

/** Adds parts to an Office zip, and custom properties (with their relationship and content type) when asked. */
export function addParts(zip: Uint8Array, parts: Record<string, string>): Buffer {
  const files = unzipSync(zip);
  for (const [name, text] of Object.entries(parts)) files[name] = strToU8(text);
  return Buffer.from(zipSync(files));
}

/** An Office file with docProps/custom.xml added, listed in [Content_Types].xml and _rels/.rels. */
export function withCustomProperties(zip: Uint8Array, properties: Record<string, string>): Buffer {
  const files = unzipSync(zip);
  const list = Object.entries(properties)
    .map(
      ([name, value], i) =>
        `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${i + 2}" name="${name}"><vt:lpwstr>${value}</vt:lpwstr></property>`,
    )
    .join("");
  files["docProps/custom.xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${list}</Properties>`,
  );
  const types = strFromU8(files["[Content_Types].xml"] ?? new Uint8Array());
  files["[Content_Types].xml"] = strToU8(
    types.replace(
      "</Types>",
      `<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>`,
    ),
  );
  const rels = strFromU8(files["_rels/.rels"] ?? new Uint8Array());
  files["_rels/.rels"] = strToU8(
    rels.replace(
      "</Relationships>",
      `<Relationship Id="rIdCustom" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>`,
    ),
  );
  return Buffer.from(zipSync(files));
}

// ---- Text ----

/** A reply's text with every kind of personal data, and public things that must not be flagged. */
export const PERSONAL_TEXT = [
  "Dear Ms Campaigner,",
  "",
  "Thank you for your request. Chief Constable Sir Andy Marsh QPM has asked me to reply.",
  "You may write to foi@police.example.gov.uk or to the press.office@police.example.gov.uk team.",
  "Our case officer, Mrs Priya Patel, can be reached at priya.patel@police.example.gov.uk or on 07700 900123.",
  "The complainant's National Insurance number is AB 12 34 56 C and they live at SW1A 2AA.",
  "Our headquarters are at LS1 4AP.",
  "",
  "Yours sincerely",
  "",
  "Jordan Example",
  "Information Rights Team",
].join("\n");
