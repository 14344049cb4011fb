import { PDFDict, PDFName, PDFRef, type PDFDocument, type PDFObject } from "pdf-lib";
import { reachable } from "./pdf-objects.ts";
import { stringValue } from "./pdf-values.ts";

// The public copy of a PDF: no Info dictionary (author, title, creator,
// producer, dates), no XMP metadata stream anywhere (catalog, pages, images,
// fonts), no applications' private data (PieceInfo, where some editors keep
// the whole original), and only the objects the last revision reaches:
// pdf-lib parses every object in the file, incremental updates' old ones
// included, and would write them all back.

export async function publicPdf(
  doc: PDFDocument,
): Promise<{ publicCopy: Buffer; metadataRemoved: string[] }> {
  const { context } = doc;
  const removed: string[] = [];
  const info = context.lookup(context.trailerInfo.Info);
  if (info instanceof PDFDict) {
    for (const [key, value] of info.entries())
      if (hasContent(value)) removed.push(`PDF Info: ${key.decodeText()}`);
  }
  deleteIfIndirect(doc, context.trailerInfo.Info);
  context.trailerInfo.Info = undefined;

  const pageNumbers = new Map<PDFObject, number>(doc.getPages().map((page, i) => [page.node, i + 1]));
  let others = 0;
  for (const dict of reachable(doc, doc.catalog)) {
    if (dict.has(PDFName.of("Metadata"))) {
      const page = pageNumbers.get(dict);
      if (dict === doc.catalog) removed.push("XMP metadata");
      else if (page !== undefined) removed.push(`XMP metadata (page ${page})`);
      else others += 1;
      deleteIfIndirect(doc, dict.get(PDFName.of("Metadata")));
      dict.delete(PDFName.of("Metadata"));
    }
    if (dict.has(PDFName.of("PieceInfo"))) {
      removed.push("application data (PieceInfo)");
      dict.delete(PDFName.of("PieceInfo"));
    }
  }
  if (others > 0) removed.push(`XMP metadata (${others} images, fonts or other objects)`);

  const unused = collectGarbage(doc);
  if (unused > 0) removed.push(`${unused} unused objects (earlier revisions, deleted content)`);
  // No default page, no regenerated form appearances (they would add fonts), and no Info:
  // the document was loaded with updateMetadata false, so pdf-lib adds no Producer or dates.
  const bytes = await doc.save({
    useObjectStreams: false,
    addDefaultPage: false,
    updateFieldAppearances: false,
  });
  return { publicCopy: Buffer.from(bytes), metadataRemoved: [...new Set(removed)] };
}

/** Deletes every indirect object the trailer does not reach; returns how many. */
function collectGarbage(doc: PDFDocument): number {
  const { context } = doc;
  const seen = new Set<PDFObject>();
  for (const root of [context.trailerInfo.Root, context.trailerInfo.Encrypt]) {
    if (root) reachable(doc, root, seen);
  }
  let deleted = 0;
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    if (!seen.has(object)) {
      context.delete(ref);
      deleted += 1;
    }
  }
  return deleted;
}

/** Deleted here, so that the garbage count below is only of what else went. */
function deleteIfIndirect(doc: PDFDocument, object: PDFObject | undefined): void {
  if (object instanceof PDFRef) doc.context.delete(object);
}

function hasContent(value: PDFObject): boolean {
  const text = stringValue(value);
  return text === undefined ? true : text.trim() !== "";
}
