// A few regular expressions over Office XML, enough for the checks: they only
// look for elements and attributes, never rewrite markup, so a tokenizer this
// small is safer than a new dependency. Prefixes vary between generators
// ("w:p", "x:row", none at all), so elements and attributes are matched by
// their local name.

export interface XmlElement {
  /** Attributes by local name ("r:id" → "id"), values decoded. */
  attrs: Record<string, string>;
  /** What lies between the tags; "" for an empty element. */
  inner: string;
}

/**
 * Every element with this local name. An element nested inside another of the
 * same name (a paragraph in a text box in a paragraph) ends the outer one early:
 * good enough for finding things, which is all this is used for.
 */
export function elements(xml: string, name: string): XmlElement[] {
  const pattern = new RegExp(
    `<(?:[\\w.-]+:)?${name}(?=[\\s/>])([^>]*?)(?:/>|>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}\\s*>)`,
    "g",
  );
  return [...xml.matchAll(pattern)].map((match) => ({
    attrs: attributes(match[1] ?? ""),
    inner: match[2] ?? "",
  }));
}

/** True when the XML holds at least one element with this local name. */
export function hasElement(xml: string, name: string): boolean {
  return new RegExp(`<(?:[\\w.-]+:)?${name}(?=[\\s/>])`).test(xml);
}

export function attributes(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const match of text.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const local = (match[1] ?? "").replace(/^[\w.-]+:/, "");
    result[local] = decodeEntities(match[2] ?? match[3] ?? "");
  }
  return result;
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
