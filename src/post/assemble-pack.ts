import type { PDFDocument } from "pdf-lib";
import { PostbagError } from "../errors.ts";

// Joins letters into one PDF for a duplex printer. Every letter starts on an
// odd page (the front of a sheet): after a letter with an odd page count a
// blank A4 page is added, so no sheet ever carries the end of one letter and
// the start of the next, and every letter can be folded into its own envelope.

export interface PackPart {
  recipient: string;
  pdf: Uint8Array;
}

export interface PackedLetter {
  recipient: string;
  /** 1-based page of the pack on which the letter starts: always odd. */
  firstPage: number;
  /** The letter's own pages, without the blank one added after it. */
  pages: number;
  /** Sheets of paper printed on both sides. */
  sheets: number;
}

export async function assemblePack(
  parts: PackPart[],
  title: string,
): Promise<{ bytes: Uint8Array; letters: PackedLetter[]; pages: number }> {
  // pdf-lib is loaded only by a process that makes a pack (a command starts without it).
  const { PageSizes, PDFDocument: Pdf } = await import("pdf-lib");
  const pack: PDFDocument = await Pdf.create();
  pack.setTitle(title);
  pack.setCreator("Postbag");
  const letters: PackedLetter[] = [];
  for (const { recipient, pdf } of parts) {
    const source = await loadLetter(recipient, pdf);
    const firstPage = pack.getPageCount() + 1;
    for (const page of await pack.copyPages(source, source.getPageIndices())) pack.addPage(page);
    const pages = source.getPageCount();
    if (pages % 2 === 1) pack.addPage(PageSizes.A4);
    letters.push({ recipient, firstPage, pages, sheets: Math.ceil(pages / 2) });
  }
  return { bytes: await pack.save(), letters, pages: pack.getPageCount() };
}

/** A stored PDF pdf-lib cannot read is a damaged file store: name the letter. */
async function loadLetter(recipient: string, pdf: Uint8Array): Promise<PDFDocument> {
  try {
    const { PDFDocument: Pdf } = await import("pdf-lib");
    const source = await Pdf.load(pdf, { updateMetadata: false });
    if (source.getPageCount() > 0) return source;
  } catch {
    // Reported below, with the letter's recipient.
  }
  throw new PostbagError("render_failed", `the stored PDF of the letter to ${recipient} cannot be read`, {
    field: "recipient",
  });
}
