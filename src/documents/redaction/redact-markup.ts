import {
  applyEdits,
  decodePiece,
  matcherFor,
  redactUnits,
  type Segment,
  type TextualSpec,
  type Unit,
} from "./text-units.ts";

// Plain text and HTML. The bytes are read in the encoding they came in and
// written back in it, so whatever is not redacted keeps its bytes. In HTML
// the text is redacted as a reader sees it (entities decoded, across inline
// tags: "Jane <b>Smith</b>" is one match), and so are attribute values
// (href="mailto:…", title, alt) and comments; tag and attribute names,
// class, id and style are left alone.

export function redactText(bytes: Buffer, specs: (TextualSpec | null)[], counts: number[]): Buffer {
  const { text, encode } = decodeBytes(bytes);
  const units: Unit[] = [{ segments: [{ text, offset: 0 }] }];
  const edits = redactUnits(units, matchers(specs), counts);
  return edits.length === 0 ? bytes : encode(applyEdits(text, edits));
}

export function redactHtml(bytes: Buffer, specs: (TextualSpec | null)[], counts: number[]): Buffer {
  const { text, encode } = decodeBytes(bytes);
  const edits = redactUnits(htmlUnits(text), matchers(specs), counts);
  return edits.length === 0 ? bytes : encode(applyEdits(text, edits));
}

function matchers(specs: (TextualSpec | null)[]) {
  return specs.map((spec) => (spec ? matcherFor(spec) : null));
}

/** Tags after which the text reads as a new line. */
const BLOCKS = new Set(
  (
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 " +
    "header hr li main nav ol option p pre section table tbody td tfoot th thead title tr ul"
  ).split(" "),
);
/** Attributes that name or style things rather than say something. */
const NOT_TEXT = new Set(["class", "id", "style"]);

const HTML_TOKEN =
  /<!--([\s\S]*?)(?:-->|$)|<[!?][^>]*>|<(\/?)([a-zA-Z][^\s/>]*)((?:"[^"]*"|'[^']*'|[^'">])*)>/g;
const HTML_ATTRIBUTE = /([^\s=/"'>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

export function htmlUnits(html: string): Unit[] {
  const units: Unit[] = [];
  const body: Segment[] = [];
  let at = 0;
  HTML_TOKEN.lastIndex = 0;
  for (let token = HTML_TOKEN.exec(html); token; token = HTML_TOKEN.exec(html)) {
    if (token.index > at) body.push(decodePiece(html.slice(at, token.index), at, HTML_ENTITIES));
    at = token.index + token[0].length;
    const [, comment, closing, rawName, rest = ""] = token;
    if (comment !== undefined) {
      units.push({ segments: [{ text: comment, offset: token.index + 4 }] });
      continue;
    }
    if (rawName === undefined) continue; // <!DOCTYPE …>, <?xml …?>
    const name = rawName.toLowerCase();
    if (BLOCKS.has(name)) body.push({ virtual: "\n" });
    if (closing) continue;
    const restStart = token.index + 1 + rawName.length;
    for (const attribute of rest.matchAll(HTML_ATTRIBUTE)) {
      const attributeName = (attribute[1] ?? "").toLowerCase();
      const value = attribute[2] ?? attribute[3] ?? attribute[4];
      if (value === undefined || NOT_TEXT.has(attributeName) || /^\s*data:/i.test(value)) continue;
      const quoted = attribute[4] === undefined ? 1 : 0;
      const valueStart = restStart + attribute.index + attribute[0].length - quoted - value.length;
      units.push({ segments: [decodePiece(value, valueStart, HTML_ENTITIES)] });
    }
    // Script and style hold raw text up to their end tag: read as it is, on its own.
    if ((name === "script" || name === "style") && !rest.trimEnd().endsWith("/")) {
      const end = html.slice(at).search(new RegExp(`</${name}\\s*>`, "i"));
      const contentEnd = end < 0 ? html.length : at + end;
      units.push({ segments: [{ text: html.slice(at, contentEnd), offset: at }] });
      body.push({ virtual: "\n" });
      at = contentEnd;
      HTML_TOKEN.lastIndex = contentEnd;
    }
  }
  if (at < html.length) body.push(decodePiece(html.slice(at), at, HTML_ENTITIES));
  units.push({ segments: body });
  return units;
}

const HTML_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  shy: "\u00ad",
  copy: "©",
  reg: "®",
  trade: "™",
  pound: "£",
  euro: "€",
  hellip: "…",
  ndash: "–",
  mdash: "—",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  bull: "•",
  middot: "·",
  deg: "°",
  eacute: "é",
  egrave: "è",
  aacute: "á",
  agrave: "à",
  iacute: "í",
  oacute: "ó",
  uacute: "ú",
  ouml: "ö",
  uuml: "ü",
  auml: "ä",
  euml: "ë",
  iuml: "ï",
  ccedil: "ç",
  ntilde: "ñ",
};

/** Windows-1252's 0x80–0x9F (the rest of its bytes are Latin-1's). */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";
const CP1252_BYTES = new Map([...CP1252_HIGH].map((char, i) => [char, 0x80 + i]));

/**
 * The file's text, and how to write text back the same way: UTF-8 (with its
 * byte order mark if it had one), UTF-16 with a mark, or else one byte a
 * character read as Windows-1252, which gives back every byte as it was.
 */
function decodeBytes(bytes: Buffer): { text: string; encode: (text: string) => Buffer } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return {
      text: bytes.subarray(2).toString("utf16le"),
      encode: (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]),
    };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2)).swap16();
    return {
      text: swapped.toString("utf16le"),
      encode: (text) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]),
    };
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(bom ? 3 : 0));
    return {
      text,
      encode: (out) => Buffer.concat([Buffer.from(bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(out, "utf8")]),
    };
  } catch {
    const text = [...bytes]
      .map((byte) =>
        byte >= 0x80 && byte <= 0x9f ? (CP1252_HIGH[byte - 0x80] ?? "") : String.fromCharCode(byte),
      )
      .join("");
    return {
      text,
      encode: (out) =>
        Buffer.from([...out].map((char) => CP1252_BYTES.get(char) ?? char.charCodeAt(0) & 0xff)),
    };
  }
}
