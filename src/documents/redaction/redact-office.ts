import { unzipSync, zipSync, type Zippable } from "fflate";
import { PostbagError } from "../../errors.ts";
import { zipRefusal } from "../../replies/zip-guard.ts";
import {
  REDACTED,
  applyEdits,
  decodePiece,
  matcherFor,
  redactUnits,
  type Matcher,
  type RawEdit,
  type TextualSpec,
  type Unit,
} from "./text-units.ts";
import { xmlUnits, type XmlRules } from "./xml-units.ts";

// Word and Excel files: the XML parts that hold text are rewritten where a
// match is (see xml-units.ts); every other part keeps its bytes. The
// document properties (docProps/) were already stripped by the publication
// checks and are not touched.

interface PartRules {
  match: RegExp;
  rules?: XmlRules;
  /** Extra work on the same part (numbers in cells). */
  extra?: (xml: string, context: Context) => RawEdit[];
}

interface Context {
  specs: (TextualSpec | null)[];
  matchers: (Matcher | null)[];
  counts: number[];
}

const DRAWING_TEXT: XmlRules = {
  units: ["a:p"],
  texts: ["a:t"],
  separate: ["c:v"],
  attributes: ["descr", "title"],
};

const DOCX_PARTS: PartRules[] = [
  {
    match: /^word\/(?:glossary\/)?(?:document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$/,
    rules: {
      units: ["w:p"],
      texts: ["w:t", "w:delText"],
      breaks: { "w:tab": "\t", "w:br": "\n", "w:cr": "\n", "w:noBreakHyphen": "-" },
      separate: ["w:instrText"],
      attributes: ["descr", "title", "w:instr", "w:tooltip"],
      uncounted: ["mc:Fallback"],
    },
  },
  { match: /^word\/(?:charts|diagrams)\/[^/]+\.xml$/, rules: DRAWING_TEXT },
  { match: /^word\/(?:.*\/)?_rels\/[^/]+\.rels$/, extra: externalTargets },
];

const XLSX_PARTS: PartRules[] = [
  { match: /^xl\/sharedStrings\.xml$/, rules: { units: ["si"], texts: ["t"] } },
  {
    match: /^xl\/worksheets\/[^/]+\.xml$/,
    rules: {
      units: ["is"],
      texts: ["t"],
      separate: ["f", "oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter"],
      attributes: ["display", "tooltip"],
    },
    extra: cellValues,
  },
  { match: /^xl\/comments[^/]*\.xml$/, rules: { units: ["text"], texts: ["t"], separate: ["author"] } },
  { match: /^xl\/threadedComments\/[^/]+\.xml$/, rules: { units: [], texts: [], separate: ["text"] } },
  { match: /^xl\/persons\/[^/]+\.xml$/, rules: { units: [], texts: [], attributes: ["displayName"] } },
  { match: /^xl\/(?:drawings|charts)\/[^/]+\.xml$/, rules: DRAWING_TEXT },
  { match: /^xl\/(?:.*\/)?_rels\/[^/]+\.rels$/, extra: externalTargets },
];

export function redactDocx(bytes: Buffer, specs: (TextualSpec | null)[], counts: number[]): Buffer {
  return redactZip(bytes, DOCX_PARTS, specs, counts, "Word document");
}

export function redactXlsx(bytes: Buffer, specs: (TextualSpec | null)[], counts: number[]): Buffer {
  return redactZip(bytes, XLSX_PARTS, specs, counts, "workbook");
}

function redactZip(
  bytes: Buffer,
  parts: PartRules[],
  specs: (TextualSpec | null)[],
  counts: number[],
  what: string,
): Buffer {
  const refusal = zipRefusal(bytes);
  if (refusal) throw new PostbagError("bad_input", `the ${what} cannot be redacted: ${refusal}`);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (error) {
    throw new PostbagError("bad_input", `the ${what} cannot be redacted: ${(error as Error).message}`);
  }
  const context: Context = { specs, matchers: specs.map((spec) => (spec ? matcherFor(spec) : null)), counts };
  let changed = false;
  for (const [name, data] of Object.entries(files)) {
    const part = parts.find((candidate) => candidate.match.test(name));
    if (!part) continue;
    const { text, encode } = decodeXml(data);
    const edits: RawEdit[] = [];
    if (part.rules) edits.push(...redactUnits(xmlUnits(text, part.rules), context.matchers, counts));
    if (part.extra) edits.push(...part.extra(text, context));
    if (edits.length === 0) continue;
    files[name] = encode(applyEdits(text, edits));
    changed = true;
  }
  if (!changed) return bytes;
  // A fixed date, so that the same redactions of the same file give the same bytes.
  const zippable: Zippable = {};
  for (const [name, data] of Object.entries(files)) zippable[name] = [data, { mtime: FIXED_DATE }];
  return Buffer.from(zipSync(zippable, { level: 6 }));
}

const FIXED_DATE = new Date(1980, 0, 1);

/** Office parts are UTF-8, now and then UTF-16 with a byte order mark. */
function decodeXml(data: Uint8Array): { text: string; encode: (text: string) => Uint8Array } {
  if (data[0] === 0xff && data[1] === 0xfe) {
    return {
      text: Buffer.from(data.subarray(2)).toString("utf16le"),
      encode: (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]),
    };
  }
  const bom = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf;
  return {
    text: Buffer.from(data.subarray(bom ? 3 : 0)).toString("utf8"),
    encode: (text) => Buffer.concat([Buffer.from(bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text, "utf8")]),
  };
}

/** Relationships to the outside (a mailto: link) carry addresses: their targets are redacted. */
function externalTargets(xml: string, context: Context): RawEdit[] {
  const units: Unit[] = [];
  for (const tag of xml.matchAll(/<Relationship\b((?:"[^"]*"|'[^']*'|[^'">])*)>/g)) {
    const attributes = tag[1] ?? "";
    if (!/\bTargetMode\s*=\s*["']External["']/.test(attributes)) continue;
    const target = /\bTarget\s*=\s*(["'])([^"']*)\1/.exec(attributes);
    if (!target) continue;
    const valueStart =
      tag.index + "<Relationship".length + target.index + target[0].length - 1 - (target[2] ?? "").length;
    units.push({ segments: [decodePiece(target[2] ?? "", valueStart)] });
  }
  return redactUnits(units, context.matchers, context.counts);
}

const CELL = /<c\b((?:"[^"]*"|'[^']*'|[^'">])*?)(?:\/>|>([\s\S]*?)<\/c>)/g;

/**
 * Cells whose value is not a shared string: a formula's text result
 * (t="str") is redacted like any text; a number that matches (a phone
 * number typed as a number, which loses its leading 0) turns the whole
 * cell into the text "[redacted]".
 */
function cellValues(xml: string, context: Context): RawEdit[] {
  const edits: RawEdit[] = [];
  for (const cell of xml.matchAll(CELL)) {
    const attributes = cell[1] ?? "";
    const inner = cell[2];
    if (inner === undefined) continue;
    const innerStart = cell.index + cell[0].length - "</c>".length - inner.length;
    const value = /<v(?:\s[^>]*)?>([^<]*)<\/v>/.exec(inner);
    if (!value) continue;
    const valueText = value[1] ?? "";
    const valueStart = innerStart + value.index + value[0].indexOf(">") + 1;
    const type = /\bt\s*=\s*["']([^"']*)["']/.exec(attributes);
    const kind = type?.[1] ?? "n";
    if (kind === "str") {
      edits.push(
        ...redactUnits(
          [{ segments: [decodePiece(valueText, valueStart)] }],
          context.matchers,
          context.counts,
        ),
      );
      continue;
    }
    if (kind !== "n") continue;
    let hit = false;
    context.specs.forEach((spec, index) => {
      if (spec && numberMatches(valueText.trim(), spec, context.matchers[index] ?? null)) {
        context.counts[index] = (context.counts[index] ?? 0) + 1;
        hit = true;
      }
    });
    if (!hit) continue;
    const hasFormula = /<f[\s>/]/.test(inner);
    const newType = hasFormula ? "str" : "inlineStr";
    if (type) {
      const typeStart = cell.index + "<c".length + type.index + type[0].length - 1 - kind.length;
      edits.push({ start: typeStart, end: typeStart + kind.length, insert: newType });
    } else {
      edits.push({ start: cell.index + 2, end: cell.index + 2, insert: ` t="${newType}"` });
    }
    const vStart = innerStart + value.index;
    const vEnd = vStart + value[0].length;
    edits.push({
      start: vStart,
      end: vEnd,
      insert: hasFormula ? `<v>${REDACTED}</v>` : `<is><t>${REDACTED}</t></is>`,
    });
  }
  return edits;
}

/** A number as typed and as it was probably meant: 7700900123 was 07700 900123, 447700900123 was +44…. */
function numberMatches(value: string, spec: TextualSpec, matcher: Matcher | null): boolean {
  if (!/^\d+$/.test(value) || !matcher) return false;
  const candidates = [value];
  if (/^\d{9,10}$/.test(value)) candidates.push(`0${value}`);
  if (/^44\d{9,10}$/.test(value)) candidates.push(`+${value}`);
  if (candidates.some((candidate) => matcher(candidate).length > 0)) return true;
  if (spec.kind === "text" && /^[\d\s()+-]+$/.test(spec.text)) {
    const digits = spec.text.replace(/\D/g, "");
    return digits.length > 0 && candidates.some((candidate) => candidate.replace(/\D/g, "") === digits);
  }
  return false;
}
