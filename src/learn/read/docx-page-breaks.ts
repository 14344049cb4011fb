import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";

// Word starts a new page in two ways: a page break character (Ctrl+Enter,
// `<w:br w:type="page"/>`), which mammoth can map to a rule, or the paragraph
// property "page break before" (`<w:pageBreakBefore/>`), which this project's
// DOCX renderer uses and mammoth ignores. So before mammoth reads the
// document, each such paragraph gets a page break character at its start.

const DOCUMENT = "word/document.xml";
// The paragraph's properties, holding a pageBreakBefore that is on (no value, or 1/true/on).
const BREAK_BEFORE =
  /<w:pPr>((?:(?!<\/w:pPr>).)*?<w:pageBreakBefore(?:\s+w:val="(?:1|true|on)")?\s*\/>(?:(?!<\/w:pPr>).)*)<\/w:pPr>/gs;
const PAGE_BREAK_RUN = '<w:r><w:br w:type="page"/></w:r>';

/** The document with "page break before" written as page break characters; the same bytes if it has none. */
export function pageBreaksAsCharacters(bytes: Uint8Array): Uint8Array {
  const parts = unzipSync(bytes);
  const document = parts[DOCUMENT];
  if (!document) return bytes; // mammoth says what is missing better than we could
  const xml = strFromU8(document);
  const marked = xml.replace(BREAK_BEFORE, `<w:pPr>$1</w:pPr>${PAGE_BREAK_RUN}`);
  if (marked === xml) return bytes;
  return zipSync({ ...parts, [DOCUMENT]: strToU8(marked) });
}
