import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";
import ExcelJS from "exceljs";
import { Deflate, Zip, ZipPassThrough, strToU8, zipSync, type ZipInputFile } from "fflate";
import { getDocumentProxy, extractText as pdfText } from "unpdf";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { renderDocx } from "../../src/letters/render/docx.ts";
import { PdfRenderer } from "../../src/letters/render/pdf.ts";
import { extractText, MAX_TEXT_CHARS } from "../../src/replies/extract-text.ts";
import { aLetter } from "../support/letter-factory.ts";

// Every file here is made by the test: letters rendered by Postbag itself,
// workbooks by exceljs, an encrypted PDF written byte by byte with the PDF
// standard security handler, and a real zip bomb.

describe("extractText", () => {
  it("reads a PDF letter rendered by Postbag, footnotes included", async () => {
    const bytes = new PdfRenderer().render(aLetter(), { pdfStandard: "ua-1" });
    const { text, problems } = await extractText({ name: "reply.pdf", bytes });
    expect(problems).toEqual([]);
    expect(text).toContain("Violence Reduction Units");
    expect(text).toContain("I was pleased to see the announcement");
    expect(text).toContain("Second note");
  });

  it("says where each page of a PDF starts in its text", async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    for (const words of ["Page one says hello.", "", "Page three says goodbye."]) {
      doc.addPage([300, 200]).drawText(words || " ", { x: 20, y: 100, size: 12, font });
    }
    const { text, pageStarts } = await extractText({ name: "three.pdf", bytes: await doc.save() });
    expect(text).not.toMatch(/[\uFDD0]/);
    expect(pageStarts).toHaveLength(3);
    const [one, two, three] = pageStarts!;
    expect(text.slice(one, two).trim()).toBe("Page one says hello.");
    expect(text.slice(two, three).trim()).toBe("");
    expect(text.slice(three)).toBe("Page three says goodbye.");
  });

  it("finds a PDF by its bytes whatever it is called", async () => {
    const bytes = new PdfRenderer().render(aLetter(), { pdfStandard: "ua-1" });
    const { text } = await extractText({ name: "scan.docx", mediaType: "application/octet-stream", bytes });
    expect(text).toContain("Violence Reduction Units");
  });

  it("says a PDF is encrypted, and does not throw", async () => {
    const bytes = encryptedPdf("Our Strategic Needs Assessment", "secret");
    // The file really is encrypted: with the password pdf.js reads it.
    const unlocked = await getDocumentProxy(new Uint8Array(bytes), { password: "secret", verbosity: 0 });
    expect((await pdfText(unlocked, { mergePages: true })).text).toContain("Our Strategic Needs Assessment");
    expect(await extractText({ name: "SNA.pdf", bytes })).toEqual({
      text: "",
      problems: ["the PDF is encrypted with a password, so its text could not be read"],
    });
  });

  it("says a broken PDF could not be read", async () => {
    const bytes = strToU8("%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage, cut off here");
    const { text, problems } = await extractText({ name: "broken.pdf", bytes });
    expect(text).toBe("");
    expect(problems).toEqual([expect.stringMatching(/^the PDF could not be read \(/)]);
  });

  it("reads a Word document with its footnotes, without the back-links", async () => {
    const bytes = await renderDocx(aLetter());
    const { text, problems } = await extractText({ name: "reply.docx", bytes });
    expect(problems).toEqual([]);
    expect(text).toContain("I was pleased to see the announcement");
    expect(text).toContain("Home Office (2019) Funding");
    expect(text).toContain("Second note");
    expect(text).not.toContain("↑");
  });

  it("reads every sheet of a workbook, hidden ones too, and names them", async () => {
    const workbook = new ExcelJS.Workbook();
    const summary = workbook.addWorksheet("Summary");
    summary.addRow(["Item", "Status"]);
    summary.addRow(["Response Strategy", "Published"]);
    const workings = workbook.addWorksheet("Workings", { state: "hidden" });
    workings.addRow(["Budget", 880000]);
    workbook.addWorksheet("Lookups", { state: "veryHidden" }).addRow(["Q3 delivery"]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const { text, problems } = await extractText({ name: "update.xlsx", bytes });
    expect(problems).toEqual([]);
    expect(text).toBe(
      [
        'Sheet "Summary":',
        "Item\tStatus",
        "Response Strategy\tPublished",
        "",
        'Sheet "Workings" (hidden):',
        "Budget\t880000",
        "",
        'Sheet "Lookups" (hidden):',
        "Q3 delivery",
      ].join("\n"),
    );
  });

  it("reads HTML as text: entities decoded, scripts and styles dropped", async () => {
    const html =
      "<!DOCTYPE html><html><head><style>p { color: red }</style></head><body>" +
      "<h1>Delivery update</h1><p>Caf&eacute; &amp; &pound;5 &#8211; &lt;b&gt;not bold&lt;/b&gt;</p>" +
      '<script>alert("no")</script><p><a href="https://example.org/x">the strategy</a></p></body></html>';
    const { text, problems } = await extractText({ name: "message.txt", bytes: strToU8(html) });
    expect(problems).toEqual([]);
    expect(text).toBe("Delivery update\n\nCafé & £5 – <b>not bold</b>\n\nthe strategy");
  });

  describe("plain text", () => {
    // "Commissioner’s £5 café" in Windows-1252: ’ 0x92, £ 0xA3, é 0xE9.
    const cp1252 = new Uint8Array([
      ...strToU8("Commissioner"),
      0x92,
      ...strToU8("s "),
      0xa3,
      ...strToU8("5 caf"),
      0xe9,
    ]);

    it("decodes with the charset the sender declared", async () => {
      expect(
        await extractText({ name: "note.txt", mediaType: "text/plain; charset=windows-1252", bytes: cp1252 }),
      ).toEqual({ text: "Commissioner’s £5 café", problems: [] });
    });

    it("reads bytes that are not UTF-8 as Windows-1252 when no charset was given, and says so", async () => {
      expect(await extractText({ name: "note.txt", bytes: cp1252 })).toEqual({
        text: "Commissioner’s £5 café",
        problems: ["the text is not UTF-8 and gave no character set: it was read as Windows-1252"],
      });
    });

    it("reads an unknown charset as UTF-8 with replacements, and says so", async () => {
      const { text, problems } = await extractText({
        name: "note.txt",
        mediaType: 'text/plain; charset="x-klingon"',
        bytes: cp1252,
      });
      expect(text).toBe("Commissioner�s �5 caf�");
      expect(problems).toEqual([
        'the character set "x-klingon" is not known: the text was read as UTF-8 and may be garbled',
      ]);
    });

    it("reads UTF-8 and UTF-16 with a byte order mark", async () => {
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Response Strategy ✓", "utf16le")]);
      expect(await extractText({ name: "a.txt", bytes: utf16 })).toEqual({
        text: "Response Strategy ✓",
        problems: [],
      });
      expect(await extractText({ name: "b.txt", bytes: strToU8("\ufeffSNA attached") })).toEqual({
        text: "SNA attached",
        problems: [],
      });
    });

    it("keeps at most 2 MB of text and says it was cut", async () => {
      const { text, problems } = await extractText({
        name: "long.txt",
        bytes: strToU8("a".repeat(3_000_000)),
      });
      expect(text.length).toBe(MAX_TEXT_CHARS);
      expect(problems).toEqual([expect.stringMatching(/^the text was cut after 2,097,152 characters$/)]);
    });
  });

  describe("zip bombs", () => {
    it("refuses a DOCX that declares 200 MB once unpacked, quickly and without unpacking it", async () => {
      const bytes = zipBomb(200);
      expect(bytes.length).toBeLessThan(300_000);
      const started = performance.now();
      const { text, problems } = await extractText({ name: "reply.docx", bytes });
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(text).toBe("");
      expect(problems).toEqual([
        "the Word document was refused: it would unpack to more than 100 MB (a zip bomb?), so it was not opened",
      ]);
    });

    it("refuses a smaller part compressed beyond any real document", async () => {
      const { problems } = await extractText({ name: "reply.docx", bytes: zipBomb(50) });
      expect(problems).toEqual([
        expect.stringMatching(
          /^the Word document was refused: its part "word\/document.xml" is compressed \d+ to 1/,
        ),
      ]);
    });

    it("refuses a part that holds more than its header declares, stopping early", async () => {
      const bytes = zipBomb(200);
      // Make the central directory lie: word/document.xml says it is 1,000 bytes.
      const name = strToU8("word/document.xml");
      const entry = lastIndexOf(bytes, name) - 46;
      new DataView(bytes.buffer, bytes.byteOffset).setUint32(entry + 24, 1000, true);
      const started = performance.now();
      // Named .xlsx, but its parts make it a Word document: the bytes decide.
      const { text, problems } = await extractText({ name: "update.xlsx", bytes });
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(text).toBe("");
      expect(problems).toEqual([
        'the Word document was refused: its part "word/document.xml" holds more than it declares (a zip bomb?), so it was not opened',
      ]);
    });

    it("does not open a zip that is not an Office document", async () => {
      const bytes = zipSync({ "notes.txt": strToU8("SNA") });
      expect(await extractText({ name: "files.zip", bytes })).toEqual({
        text: "",
        problems: ["the file is a zip archive, not a Word or Excel document: its contents were not read"],
      });
    });
  });

  it("says what it cannot read rather than throwing", async () => {
    const wav = new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45, 0, 0]);
    expect(await extractText({ name: "message.wav", mediaType: "audio/wav", bytes: wav })).toEqual({
      text: "",
      problems: ["this kind of file (.wav) has no text to read"],
    });
    // A picture's text is OCR's to read (documents/ocr): without a reading, the caller is told.
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect(await extractText({ name: "logo.png", mediaType: "image/png", bytes: png })).toEqual({
      text: "",
      problems: ["the picture's text was not read (OCR did not run)"],
      unreadScans: true,
    });
    const notZip = await extractText({ name: "reply.docx", bytes: strToU8("PK\u0003\u0004 not really") });
    expect(notZip.text).toBe("");
    expect(notZip.problems).toEqual([
      expect.stringMatching(/^the Word document was refused: the file is not a readable zip/),
    ]);
  });
});

/**
 * A DOCX-shaped zip whose word/document.xml inflates to `megabytes` MB of
 * zeros. One megabyte is deflated once by fflate at level 9 and flushed to a
 * byte boundary; the same compressed run, repeated, is a valid stream of many
 * megabytes, so the bomb takes milliseconds to build instead of seconds.
 */
function zipBomb(megabytes: number): Uint8Array {
  const zeros = new Uint8Array(1024 * 1024);
  const run: Uint8Array[] = [];
  const deflate = new Deflate({ level: 9 }, (chunk) => run.push(chunk));
  deflate.push(zeros);
  deflate.flush(true);
  const compressed = concat(run);
  let crc = 0;
  for (let i = 0; i < megabytes; i++) crc = crc32(zeros, crc);
  const parts: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    parts.push(chunk);
  });
  const types = new ZipPassThrough("[Content_Types].xml");
  zip.add(types);
  types.push(strToU8('<?xml version="1.0"?><Types/>'), true);
  // A file fflate zips as it is given: already deflated, with its real size and CRC.
  const document: ZipInputFile = {
    filename: "word/document.xml",
    size: megabytes * zeros.length,
    crc,
    compression: 8,
  };
  zip.add(document);
  for (let i = 0; i < megabytes; i++) document.ondata?.(null, compressed, false);
  // A final, empty stored block ends the stream.
  document.ondata?.(null, new Uint8Array([1, 0, 0, 0xff, 0xff]), true);
  zip.end();
  return concat(parts);
}

function concat(chunks: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function lastIndexOf(haystack: Uint8Array, needle: Uint8Array): number {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).lastIndexOf(
    Buffer.from(needle),
  );
}

/**
 * A one-page PDF encrypted with the standard security handler, revision 2
 * (40-bit RC4, PDF 1.7 §7.6.3), with a user password: qpdf is not installed
 * here and pdf-lib cannot encrypt, so it is written by hand. Node's OpenSSL has
 * no RC4, hence the few lines below.
 */
function encryptedPdf(line: string, userPassword: string): Uint8Array {
  const PAD = Buffer.from("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a", "hex");
  const padded = (password: string) => Buffer.concat([Buffer.from(password, "latin1"), PAD]).subarray(0, 32);
  const md5 = (...parts: Buffer[]) => createHash("md5").update(Buffer.concat(parts)).digest();
  const id = Buffer.from("0123456789abcdef0123456789abcdef", "hex");
  const permissions = -4;
  const owner = rc4(md5(padded("owner-password")).subarray(0, 5), padded(userPassword));
  const p = Buffer.alloc(4);
  p.writeInt32LE(permissions);
  const key = md5(padded(userPassword), owner, p, id).subarray(0, 5);
  const user = rc4(key, PAD);
  const objectKey = (num: number) =>
    md5(key, Buffer.from([num & 0xff, (num >> 8) & 0xff, num >> 16, 0, 0])).subarray(0, 10);

  const content = rc4(objectKey(5), Buffer.from(`BT /F1 12 Tf 72 720 Td (${line}) Tj ET`, "latin1"));
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    content,
    `<< /Filter /Standard /V 1 /R 2 /Length 40 /O <${owner.toString("hex")}> /U <${user.toString("hex")}> /P ${permissions} >>`,
  ];
  const chunks: Buffer[] = [Buffer.from("%PDF-1.4\n")];
  const offsets: number[] = [];
  let length = chunks[0]?.length ?? 0;
  const add = (chunk: Buffer) => {
    chunks.push(chunk);
    length += chunk.length;
  };
  objects.forEach((body, index) => {
    offsets.push(length);
    const head = `${index + 1} 0 obj\n`;
    if (typeof body === "string") add(Buffer.from(`${head}${body}\nendobj\n`, "latin1"));
    else
      add(
        Buffer.concat([
          Buffer.from(`${head}<< /Length ${body.length} >>\nstream\n`),
          body,
          Buffer.from("\nendstream\nendobj\n"),
        ]),
      );
  });
  const xref = length;
  const rows = offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  add(
    Buffer.from(
      `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${rows}` +
        `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 6 0 R /ID [<${id.toString("hex")}> <${id.toString("hex")}>] >>\n` +
        `startxref\n${xref}\n%%EOF\n`,
    ),
  );
  return new Uint8Array(Buffer.concat(chunks));
}

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  let j = 0;
  for (let i = 0; i < 256; i++) {
    j = (j + (s[i] ?? 0) + (key[i % key.length] ?? 0)) & 0xff;
    [s[i], s[j]] = [s[j] ?? 0, s[i] ?? 0];
  }
  const out = Buffer.alloc(data.length);
  let i = 0;
  j = 0;
  for (let n = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + (s[i] ?? 0)) & 0xff;
    [s[i], s[j]] = [s[j] ?? 0, s[i] ?? 0];
    out[n] = (data[n] ?? 0) ^ (s[((s[i] ?? 0) + (s[j] ?? 0)) & 0xff] ?? 0);
  }
  return out;
}
