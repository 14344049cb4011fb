import { PDFArray, PDFDict, PDFRef, PDFStream, type PDFDocument, type PDFObject } from "pdf-lib";

// The PDF's objects as a reader of its last revision sees them: everything
// reachable from the catalog, each dictionary tagged with where it belongs
// ("page 2" when reached from that page, else "document"). Objects left
// over from earlier revisions, which pdf-lib also parses, are not reached.

export interface PlacedDict {
  dict: PDFDict;
  location: string;
}

export function placedDicts(doc: PDFDocument): PlacedDict[] {
  const pages = doc.getPages().map((page) => page.node as PDFDict);
  const stops = new Set<PDFObject>(pages);
  const seen = new Set<PDFObject>();
  const found: PlacedDict[] = [];
  pages.forEach((page, i) => {
    // Not up through /Parent: the page tree leads to every other page.
    for (const dict of reachable(doc, page, seen, stops, "Parent"))
      found.push({ dict, location: `page ${i + 1}` });
  });
  for (const dict of reachable(doc, doc.catalog, seen, stops)) found.push({ dict, location: "document" });
  return found;
}

/** Every dictionary reachable from `root` (stream dictionaries included), once; `stops` are not entered. */
export function reachable(
  doc: PDFDocument,
  root: PDFObject,
  seen = new Set<PDFObject>(),
  stops = new Set<PDFObject>(),
  skipKey?: string,
): PDFDict[] {
  const dicts: PDFDict[] = [];
  const stack: PDFObject[] = [root];
  while (stack.length > 0) {
    let object = stack.pop();
    if (object instanceof PDFRef) object = doc.context.lookup(object);
    if (object === undefined || seen.has(object) || (object !== root && stops.has(object))) continue;
    seen.add(object);
    if (object instanceof PDFStream) stack.push(object.dict);
    else if (object instanceof PDFArray) stack.push(...object.asArray().reverse());
    else if (object instanceof PDFDict) {
      dicts.push(object);
      // Pushed backwards, so that they are taken in the order they are written.
      const values = object.entries().filter(([key]) => key.decodeText() !== skipKey);
      stack.push(...values.map(([, value]) => value).reverse());
    }
  }
  return dicts;
}
