import { elements } from "./xml.ts";
import type { OfficeZip } from "./office-zip.ts";

// Document properties name people (author, last modified by, manager,
// company) and carry dates and custom fields a sender never sees. The public
// copy gets empty but valid core and app properties (Word and Excel, mammoth
// and exceljs expect the parts listed in [Content_Types].xml to be there), and
// no custom properties at all, with their relationship and content type.

const EMPTY_CORE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"></cp:coreProperties>`;

const EMPTY_APP = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"></Properties>`;

const CORE = "docProps/core.xml";
const APP = "docProps/app.xml";
const CUSTOM = "docProps/custom.xml";

/** Empties the properties in place; returns what was removed ("docProps/core.xml: creator"). */
export function stripOfficeMetadata(zip: OfficeZip): string[] {
  const removed: string[] = [];
  for (const [part, empty] of [
    [CORE, EMPTY_CORE],
    [APP, EMPTY_APP],
  ] as const) {
    if (!zip.has(part)) continue;
    removed.push(...filledProperties(zip.text(part)).map((name) => `${part}: ${name}`));
    zip.setText(part, empty);
  }
  if (zip.has(CUSTOM)) {
    const names = elements(zip.text(CUSTOM), "property").map((property) => property.attrs.name ?? "?");
    removed.push(...(names.length > 0 ? names.map((name) => `${CUSTOM}: ${name}`) : [CUSTOM]));
    zip.remove(CUSTOM);
    zip.setText("[Content_Types].xml", withoutCustomOverride(zip.text("[Content_Types].xml")));
    if (zip.has("_rels/.rels"))
      zip.setText("_rels/.rels", withoutCustomRelationship(zip.text("_rels/.rels")));
  }
  return removed;
}

/** Settings and counts every file has, which say nothing about who made it: removed, not listed. */
const UNREMARKABLE = new Set(
  (
    "DocSecurity ScaleCrop LinksUpToDate SharedDoc HyperlinksChanged HeadingPairs Pages Words Characters " +
    "CharactersWithSpaces Lines Paragraphs"
  ).split(" "),
);

/** Names of the root's children that hold something: "creator", "Company", "TitlesOfParts". */
function filledProperties(xml: string): string[] {
  const root = /<(?:[\w.-]+:)?(?:coreProperties|Properties)\b[^>]*>([\s\S]*)<\//.exec(xml)?.[1] ?? "";
  const names: string[] = [];
  for (const match of root.matchAll(/<((?:[\w.-]+:)?([\w.-]+))(?:\s[^>]*)?>([\s\S]*?)<\/\1\s*>/g)) {
    const name = match[2] ?? "";
    if ((match[3] ?? "").replace(/<[^>]*>/g, "").trim() !== "" && !UNREMARKABLE.has(name)) names.push(name);
  }
  return names;
}

function withoutCustomOverride(types: string): string {
  return types.replace(/<Override\b[^>]*PartName\s*=\s*["']\/docProps\/custom\.xml["'][^>]*\/>/g, "");
}

function withoutCustomRelationship(rels: string): string {
  return rels.replace(/<Relationship\b[^>]*Target\s*=\s*["']\/?docProps\/custom\.xml["'][^>]*\/>/g, "");
}
