import { createDeflate } from "node:zlib";
import { strToU8, zipSync } from "fflate";
import { PDFDocument, PDFName } from "pdf-lib";

// Decompression bombs, made in memory without ever holding what they unpack
// to: small files that a naive reader would unpack to a gigabyte.

const MB = 1024 * 1024;

/** `bytes` bytes of spaces, deflated in a zlib wrapper (PDF's FlateDecode), 16 MB at a time. */
async function deflatedSpaces(bytes: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (chunk: Buffer) => out.push(chunk));
  const chunk = Buffer.alloc(16 * MB, 0x20);
  for (let written = 0; written < bytes; written += chunk.length) {
    const piece = chunk.subarray(0, Math.min(chunk.length, bytes - written));
    if (!deflate.write(piece)) await new Promise((resolve) => deflate.once("drain", resolve));
  }
  deflate.end();
  await new Promise((resolve) => deflate.once("end", resolve));
  return Buffer.concat(out);
}

/** A one-page PDF about 1 MB large whose page's content stream unpacks to `unpacked` bytes (1 GiB by default). */
export async function pdfInflationBomb(unpacked = 1024 * MB): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const raw = doc.context.stream(await deflatedSpaces(unpacked), { Filter: "FlateDecode" });
  page.node.set(PDFName.of("Contents"), doc.context.register(raw));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** A PDF whose page draws an image that declares 100,000 × 100,000 pixels (decoding it would allocate 30 GB). */
export async function pdfWithHugeImage(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const image = doc.context.stream(await deflatedSpaces(1024), {
    Type: "XObject",
    Subtype: "Image",
    Width: 100_000,
    Height: 100_000,
    ColorSpace: "DeviceRGB",
    BitsPerComponent: 8,
    Filter: "FlateDecode",
  });
  const ref = doc.context.register(image);
  page.node.setXObject(PDFName.of("Im1"), ref);
  const content = doc.context.stream("q 500 0 0 500 50 50 cm /Im1 Do Q");
  page.node.set(PDFName.of("Contents"), doc.context.register(content));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** A .docx-named zip whose document part declares its true size but unpacks to 200 MB of spaces. */
export async function docxInflationBomb(): Promise<Buffer> {
  const spaces = new Uint8Array(200 * MB).fill(0x20);
  return Buffer.from(
    zipSync(
      {
        "[Content_Types].xml": strToU8('<?xml version="1.0"?><Types/>'),
        "word/document.xml": spaces,
      },
      { level: 9 },
    ),
  );
}
