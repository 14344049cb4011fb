import { xmlTags } from "../xml-tags.ts";

// Office XML as the checks read it (its tags from xml-tags.ts, the reading
// redaction shares): elements found by their local name (prefixes vary
// between generators: "w:p", "x:row", none at all) with exact nesting, so a
// paragraph holding a text box that holds paragraphs is one paragraph whose
// inner markup runs to its own end tag, and each paragraph inside it is
// listed too. Malformed XML throws: a file whose parts do not parse is not
// checked, and says so (checkDocument reports it unreadable).

export interface XmlElement {
  /** Attributes by local name ("r:id" → "id"), values decoded. */
  attrs: Record<string, string>;
  /** What lies between the tags, as written; "" for an empty element. */
  inner: string;
}

interface Located extends XmlElement {
  name: string;
  /** Where the element starts (its "<") and ends (after its last ">"). */
  start: number;
  end: number;
}

/** Parses are kept for the few parts the checks are reading at once (each asks several questions of one part). */
const parsed = new Map<string, Located[]>();

function locate(xml: string): Located[] {
  const known = parsed.get(xml);
  if (known) return known;
  const found: Located[] = [];
  const open: { located: Located; innerStart: number }[] = [];
  for (const tag of xmlTags(xml)) {
    if (tag.kind === "close") {
      const current = open.pop();
      if (!current) continue;
      current.located.inner = xml.slice(current.innerStart, tag.start);
      current.located.end = tag.end;
      continue;
    }
    const located: Located = {
      name: localName(tag.name),
      attrs: {},
      inner: "",
      start: tag.start,
      end: tag.end,
    };
    for (const [name, value] of Object.entries(tag.attributes)) located.attrs[localName(name)] = value;
    found.push(located);
    if (tag.kind === "open") open.push({ located, innerStart: tag.end });
  }
  if (parsed.size >= 8) parsed.delete(parsed.keys().next().value!);
  parsed.set(xml, found);
  return found;
}

function localName(name: string): string {
  return name.slice(name.indexOf(":") + 1);
}

/** Every element with this local name, in document order, nested ones too. */
export function elements(xml: string, name: string): XmlElement[] {
  return locate(xml)
    .filter((element) => element.name === name)
    .map(({ attrs, inner }) => ({ attrs, inner }));
}

/** The markup with every element of this local name cut out (a paragraph without its text boxes' paragraphs). */
export function withoutElements(xml: string, name: string): string {
  let kept = "";
  let at = 0;
  for (const element of locate(xml).filter((candidate) => candidate.name === name)) {
    if (element.start < at) continue;
    kept += xml.slice(at, element.start);
    at = element.end;
  }
  return kept + xml.slice(at);
}

/** On, unless written as 0, false or off (the OOXML boolean "ST_OnOff"). */
export function isOn(value: string | undefined): boolean {
  return value === undefined || !["0", "false", "off"].includes(value.toLowerCase());
}

/** The text of some markup: tags dropped, entities decoded, spaces collapsed. */
export function textOf(xml: string): string {
  return decodeEntities(xml.replace(/<[^>]*>/g, " "))
    .replace(/\s+/g, " ")
    .trim();
}

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (whole, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower.startsWith("#x")) return safeCodePoint(parseInt(lower.slice(2), 16), whole);
    if (lower.startsWith("#")) return safeCodePoint(parseInt(lower.slice(1), 10), whole);
    return { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" }[lower] ?? whole;
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}
