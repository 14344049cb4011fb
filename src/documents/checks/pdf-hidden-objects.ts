import { PDFArray, PDFDict, PDFName, type PDFDocument } from "pdf-lib";
import type { Finding } from "../document.ts";
import { block, quote } from "./findings.ts";
import { placedDicts } from "./pdf-objects.ts";
import { actionFindings } from "./pdf-actions.ts";
import { has, nameOf, stringValue, textOf } from "./pdf-values.ts";

// What a PDF can carry besides its pages: attached files, JavaScript (and
// the other actions of pdf-actions.ts),
// optional content layers that can be switched off, comments (sticky notes
// and markup) and redactions marked but never applied, under which the text
// is still whole. Found by looking at every object of the last revision.

const COMMENT_TYPES = new Set([
  "Text",
  "Highlight",
  "Underline",
  "StrikeOut",
  "Squiggly",
  "Caret",
  "Ink",
  "Sound",
  // Stamps and drawn shapes carry their note in a pop-up, not on the page (a FreeText's words are on the page).
  "Stamp",
  "Square",
  "Circle",
  "Line",
  "Polygon",
  "PolyLine",
]);

export function hiddenObjectFindings(doc: PDFDocument): Finding[] {
  const findings: Finding[] = [];
  const scripts = new Set<string>();
  let comment = 0;
  for (const { dict, location } of placedDicts(doc)) {
    if (has(dict, "EF")) {
      const name = textOf(dict, "UF") ?? textOf(dict, "F") ?? "unnamed";
      findings.push(
        block(
          "pdf-embedded-files",
          location,
          `A file is attached to the PDF: ${quote(name)}. Attachments go out with it and are not checked.`,
        ),
      );
    }
    if ((nameOf(dict, "S") === "JavaScript" || has(dict, "JS")) && !scripts.has(location)) {
      scripts.add(location);
      findings.push(
        block(
          "pdf-javascript",
          location,
          "The PDF holds JavaScript, which runs in some readers when the file is opened or used.",
        ),
      );
    }
    for (const action of actionFindings(dict, location)) {
      // One script finding a place: a JavaScript action and a javascript: link on one page are one.
      if (action.code === "pdf-javascript" && scripts.has(location)) continue;
      if (action.code === "pdf-javascript") scripts.add(location);
      findings.push(action);
    }
    const subtype = nameOf(dict, "Subtype");
    if (subtype && COMMENT_TYPES.has(subtype)) {
      const contents = textOf(dict, "Contents")?.trim();
      if (contents) {
        comment += 1;
        const author = textOf(dict, "T");
        findings.push(
          block(
            "pdf-comments",
            location,
            `Comment ${comment}${author ? ` by ${quote(author, 40)}` : ""} goes out with the PDF: ${quote(contents)}.`,
          ),
        );
      }
    }
    if (subtype === "Redact") {
      findings.push(
        block(
          "pdf-unapplied-redaction",
          location,
          "A redaction is marked but was never applied: the text under it is still in the file.",
        ),
      );
    }
  }
  const layers = optionalContent(doc);
  if (layers) findings.push(layers);
  return findings;
}

/** Optional content (layers): any of them can be shown or hidden by the reader, so they are listed. */
function optionalContent(doc: PDFDocument): Finding | null {
  const properties = doc.catalog.lookup(PDFName.of("OCProperties"));
  if (!(properties instanceof PDFDict)) return null;
  const groups = properties.lookup(PDFName.of("OCGs"));
  const defaults = properties.lookup(PDFName.of("D"));
  const off = defaults instanceof PDFDict ? defaults.lookup(PDFName.of("OFF")) : undefined;
  const offGroups = new Set(off instanceof PDFArray ? off.asArray() : []);
  const names = (groups instanceof PDFArray ? groups.asArray() : []).map((ref) => {
    const group = doc.context.lookup(ref);
    const name =
      group instanceof PDFDict ? (stringValue(group.lookup(PDFName.of("Name"))) ?? "unnamed") : "unnamed";
    return `${quote(name, 40)}${offGroups.has(ref) ? " (hidden)" : ""}`;
  });
  const list = names.length > 0 ? `: ${names.join(", ")}` : "";
  return block(
    "pdf-optional-content",
    "document",
    `The PDF has optional content layers${list}. A layer can hide content that a reader can switch on.`,
  );
}
