import { PostbagError } from "../../errors.ts";
import { isTruthy, normaliseName } from "./names.ts";
import type { ParsedTemplate, Segment } from "./parse-template.ts";

// Placeholders become opaque markers before Markdown is parsed, and the
// markers become text nodes after: a value can never turn into Markdown,
// HTML or Typst, whatever it holds. Private-use characters keep the markers
// out of Markdown's way (they are neither punctuation nor space).
export const MARK_OPEN = "\uE000";
export const MARK_CLOSE = "\uE001";
export const MARKER_PATTERN = /\uE000(\d+)\uE001/g;

export interface ExpandedTemplate {
  /** Markdown with each inserted value replaced by a marker. */
  markdown: string;
  /** The values, indexed by marker number. */
  values: string[];
}

/** Every placeholder that no column matches, with the line of its first use. */
export function missingPlaceholders(
  template: ParsedTemplate,
  columns: string[],
): { name: string; line: number }[] {
  const known = new Set(columns.map(normaliseName));
  return [...template.names]
    .filter(([name]) => !known.has(normaliseName(name)))
    .map(([name, line]) => ({ name, line }));
}

/** The error for a placeholder that no column matches. */
export function unknownPlaceholder(name: string, line: number, columns: string[], file: string) {
  return new PostbagError(
    "template",
    `unknown placeholder ((${name})): no recipient column matches it (columns: ${columns.join(", ")})`,
    { file, line },
  );
}

/** Throws for the first placeholder that no column matches. */
export function checkPlaceholders(template: ParsedTemplate, columns: string[], file: string): void {
  const [first] = missingPlaceholders(template, columns);
  if (first) throw unknownPlaceholder(first.name, first.line, columns, file);
}

/** Expands conditionals and marks values, for one recipient's fields (keyed by normalised name). */
export function expandTemplate(
  template: ParsedTemplate,
  fields: ReadonlyMap<string, string>,
): ExpandedTemplate {
  const values: string[] = [];
  const walk = (segments: Segment[]): string =>
    segments
      .map((segment) => {
        if (segment.kind === "text") return stripMarkers(segment.text);
        const value = fields.get(normaliseName(segment.name)) ?? "";
        if (segment.kind === "conditional") return isTruthy(value) ? walk(segment.body) : "";
        if (value === "") return "";
        values.push(value);
        return `${MARK_OPEN}${values.length - 1}${MARK_CLOSE}`;
      })
      .join("");
  return { markdown: walk(template.segments), values };
}

/** The template's own text may not forge a marker. */
function stripMarkers(text: string): string {
  return text.includes(MARK_OPEN) || text.includes(MARK_CLOSE)
    ? text.replaceAll(MARK_OPEN, "").replaceAll(MARK_CLOSE, "")
    : text;
}
