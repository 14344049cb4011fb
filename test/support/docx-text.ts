import JSZip from "jszip";

// Reads a DOCX back as text, for tests: the XML parts, and their text in document order.

export interface DocxParts {
  document: string;
  footnotes: string;
  styles: string;
  numbering: string;
  /** word/footer*.xml, in name order. */
  footers: string[];
  core: string;
  documentRels: string;
  footnotesRels: string;
  files: string[];
}

export async function readDocxParts(buffer: Uint8Array): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(buffer);
  const part = async (name: string) => (await zip.file(name)?.async("string")) ?? "";
  const files = Object.keys(zip.files);
  const footerNames = files.filter((name) => /^word\/footer\d+\.xml$/.test(name)).sort();
  return {
    document: await part("word/document.xml"),
    footnotes: await part("word/footnotes.xml"),
    styles: await part("word/styles.xml"),
    numbering: await part("word/numbering.xml"),
    footers: await Promise.all(footerNames.map(part)),
    core: await part("docProps/core.xml"),
    documentRels: await part("word/_rels/document.xml.rels"),
    footnotesRels: await part("word/_rels/footnotes.xml.rels"),
    files,
  };
}

export function xmlUnescape(xml: string): string {
  return xml.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[\da-f]+);/gi, (_, entity: string) => {
    const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
    if (entity[0] !== "#") return named[entity.toLowerCase()] ?? "";
    const hex = entity[1] === "x" || entity[1] === "X";
    return String.fromCodePoint(parseInt(entity.slice(hex ? 2 : 1), hex ? 16 : 10));
  });
}

// The pieces of WordprocessingML that carry text. Field instructions (w:instrText) are not
// text; a field's shown result is ordinary w:t, so a NOTEREF to note 1 reads "1".
const TOKENS =
  /<w:p(?:\s[^>]*)?\/>|<w:p[\s>]|<\/w:p>|<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br(?:\s[^>]*)?\/>|<w:tab\/>|<w:footnoteReference\s[^>]*w:id="(-?\d+)"[^>]*\/>/g;

/**
 * The text of a part: one line per paragraph (empty paragraphs give empty lines), a line
 * break as a new line, and each footnote reference as its note's number, glued to the word before it.
 */
export function docxPlainText(xml: string): string {
  const paragraphs: string[] = [];
  let current: string | undefined;
  for (const match of xml.matchAll(TOKENS)) {
    const [token, text, footnoteId] = match;
    if (token.startsWith("<w:p") && token.endsWith("/>")) paragraphs.push("");
    else if (token.startsWith("<w:p")) current = "";
    else if (token === "</w:p>") {
      if (current !== undefined) paragraphs.push(current);
      current = undefined;
    } else if (current === undefined) continue;
    else if (text !== undefined) current += xmlUnescape(text);
    else if (footnoteId !== undefined) current += footnoteId;
    else if (token === "<w:tab/>") current += "\t";
    else if (!/w:type="(page|column)"/.test(token)) current += "\n";
  }
  return paragraphs.join("\n");
}

/** The document's own footnotes, in the order they are stored, without Word's separator notes. */
export function docxFootnotes(footnotesXml: string): { id: number; text: string }[] {
  const notes = footnotesXml.matchAll(/<w:footnote(\s[^>]*)?>([\s\S]*?)<\/w:footnote>/g);
  return [...notes]
    .map(([, attributes = "", body = ""]) => ({
      id: Number(/w:id="(-?\d+)"/.exec(attributes)?.[1]),
      separator: /w:type="(separator|continuationSeparator|continuationNotice)"/.test(attributes),
      body,
    }))
    .filter((note) => !note.separator && note.id > 0)
    .map((note) => ({ id: note.id, text: docxPlainText(note.body).trim() }));
}
