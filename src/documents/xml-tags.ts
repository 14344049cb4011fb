import { SaxesParser } from "saxes";

// The tags of an Office XML part, where each one sits, read with a real XML
// parser (saxes, which exceljs already brings). One reading for the checks
// (checks/xml.ts: elements and their inner markup) and for redaction
// (redaction/xml-units.ts: which characters to rewrite), so the two cannot
// disagree on where an element ends. Malformed XML throws.

export interface XmlTag {
  /** As written, prefix and all ("w:t"). */
  name: string;
  kind: "open" | "close" | "empty";
  /** Where the tag starts (its "<") and ends (after its ">"). */
  start: number;
  end: number;
  /** Attributes by their names as written, values decoded. */
  attributes: Record<string, string>;
}

export function xmlTags(xml: string): XmlTag[] {
  const tags: XmlTag[] = [];
  const parser = new SaxesParser({ fragment: true, position: true });
  const startOf = (from: number, opener: string) => xml.lastIndexOf(opener, from - 1);
  parser.on("opentag", (tag) => {
    tags.push({
      name: tag.name,
      kind: tag.isSelfClosing ? "empty" : "open",
      start: startOf(parser.position, "<"),
      end: parser.position,
      // Without namespace processing, saxes gives each attribute as its decoded string.
      attributes: tag.attributes as Record<string, string>,
    });
  });
  parser.on("closetag", (tag) => {
    if (tag.isSelfClosing) return;
    tags.push({
      name: tag.name,
      kind: "close",
      start: startOf(parser.position, "</"),
      end: parser.position,
      attributes: {},
    });
  });
  // Parts are read as fragments (the checks also read an element's inner markup), and a
  // fragment may not declare itself: the declaration is blanked, keeping every position.
  parser
    .write(xml.replace(/^\uFEFF?<\?xml[^>]*\?>/, (declaration) => " ".repeat(declaration.length)))
    .close();
  return tags;
}
