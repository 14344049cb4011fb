import { xmlTags } from "../xml-tags.ts";
import { decodePiece, type Piece, type Unit } from "./text-units.ts";

// Reads the text units of an Office XML part without rebuilding the XML:
// its tags, as the checks read them (xml-tags.ts), and where each text
// node's characters sit between them, so that redaction can rewrite those
// characters and nothing else. A part that is not well-formed XML throws.

export interface XmlRules {
  /** Elements whose text nodes are read as one text (w:p, si, a:p). */
  units: string[];
  /** Elements that hold text directly (w:t, t, a:t). */
  texts: string[];
  /** Empty elements inside a unit that stand for white space (w:tab, w:br). */
  breaks?: Record<string, string>;
  /** Elements whose text is a unit of its own (w:instrText, f, author). */
  separate?: string[];
  /** Attributes whose values are redacted too (descr, title, Target). */
  attributes?: string[];
  /** Units inside these elements are redacted but not counted (mc:Fallback repeats mc:Choice). */
  uncounted?: string[];
}

/** Elements that take xml:space="preserve", so that a space left at either end of what remains is kept. */
const PRESERVES_SPACE = new Set(["w:t", "w:delText", "w:instrText", "t"]);
const ATTRIBUTE = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export function xmlUnits(xml: string, rules: XmlRules): Unit[] {
  const units: Unit[] = [];
  const open: Unit[] = [];
  let uncountedDepth = 0;
  const texts = new Set(rules.texts);
  const unitNames = new Set(rules.units);
  const separate = new Set(rules.separate ?? []);
  const attributes = new Set(rules.attributes ?? []);
  const uncounted = new Set(rules.uncounted ?? []);
  const breaks = rules.breaks ?? {};
  const counted = () => uncountedDepth === 0;

  const tags = xmlTags(xml);
  tags.forEach(({ name, kind, start, end }, index) => {
    if (kind === "close") {
      if (unitNames.has(name)) {
        const unit = open.pop();
        if (unit) units.push(unit);
      }
      if (uncounted.has(name)) uncountedDepth = Math.max(0, uncountedDepth - 1);
      return;
    }
    // The tag as written, after its name: where its attributes' values sit.
    const rest = xml.slice(start + 1 + name.length, end - 1);
    if (attributes.size > 0) {
      for (const attribute of rest.matchAll(ATTRIBUTE)) {
        if (!attributes.has(attribute[1] ?? "")) continue;
        const value = attribute[2] ?? attribute[3] ?? "";
        const valueStart = start + 1 + name.length + attribute.index + attribute[0].length - value.length - 1;
        units.push({ segments: [decodePiece(value, valueStart)], counted: counted() });
      }
    }
    if (kind === "empty") {
      const space = breaks[name];
      const current = open[open.length - 1];
      if (space !== undefined && current) current.segments.push({ virtual: space });
      return;
    }
    if (uncounted.has(name)) uncountedDepth++;
    if (unitNames.has(name)) {
      open.push({ segments: [], counted: counted() });
      return;
    }
    if (texts.has(name) || separate.has(name)) {
      // Up to the next tag, or a comment or CDATA section before it.
      const nextMarkup = xml.indexOf("<", end);
      const contentEnd = Math.min(
        tags[index + 1]?.start ?? xml.length,
        nextMarkup < 0 ? xml.length : nextMarkup,
      );
      const piece: Piece = decodePiece(xml.slice(end, contentEnd), end);
      if (PRESERVES_SPACE.has(name) && !/\bxml:space\s*=/.test(rest)) {
        piece.onChange = [{ start: end - 1, end: end - 1, insert: ' xml:space="preserve"' }];
      }
      const current = open[open.length - 1];
      if (texts.has(name) && current) current.segments.push(piece);
      else units.push({ segments: [piece], counted: counted() });
    }
  });
  return units;
}
