import type { DomNode } from "html-to-text";

// Questions the HTML formatters ask of the parsed document (htmlparser2's
// DOM, as html-to-text hands it over). Kept apart from the formatters so each
// file reads as one idea.

/** What HTML treats as white space, plus the no-break spaces a letter means as spaces. */
export const SPACES = " \t\r\n\f\u00a0\u2007\u202f";
const LEADING_SPACE = new RegExp(`^[${SPACES}]+`);
const TRAILING_SPACE = new RegExp(`[${SPACES}]+$`);
const ONLY_SPACE = new RegExp(`^[${SPACES}]*$`);

/** Elements that end a block: each becomes its own paragraph or group of lines. */
export const BLOCK_TAGS = [
  "p", "div", "address", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
  "header", "footer", "section", "article", "aside", "main", "nav", "blockquote", "figure",
  "figcaption", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "center", "form",
  "pre", "hr", "body", "html",
]; // prettier-ignore
const BLOCKS = new Set(BLOCK_TAGS);

export function attr(elem: DomNode, name: string): string {
  const value: unknown = (elem.attribs as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" ? value : "";
}

export function hasClass(elem: DomNode, pattern: RegExp): boolean {
  return attr(elem, "class")
    .split(/\s+/)
    .some((name) => pattern.test(name));
}

export function textContent(node: DomNode): string {
  if (node.type === "text") return node.data ?? "";
  return (node.children ?? []).map(textContent).join("");
}

export function isBlank(text: string): boolean {
  return ONLY_SPACE.test(text);
}

/**
 * Text a reader does not see is not printed: screen-reader-only headings
 * (this project's "Footnotes"), hidden attributes and `display: none`.
 */
export function isHidden(elem: DomNode): boolean {
  const style = attr(elem, "style").replace(/\s+/g, "").toLowerCase();
  return (
    (elem.attribs as Record<string, unknown> | undefined)?.hidden !== undefined ||
    attr(elem, "aria-hidden") === "true" ||
    hasClass(elem, /^(?:[a-z]+-)?(?:visually-hidden|sr-only|screen-reader-text)$/) ||
    /(?:^|;)(?:display:none|visibility:hidden)/.test(style)
  );
}

/** Which sides of an element a page break falls on, from its inline style or class. */
export function pageBreakSides(elem: DomNode): { before: boolean; after: boolean } {
  const style = attr(elem, "style").toLowerCase();
  const side = (where: string) =>
    new RegExp(`(?:page-)?break-${where}\\s*:\\s*(?:always|page|left|right|recto|verso)`).test(style);
  // A stylesheet's rules are not evaluated; a class named for the purpose stands in for them.
  const byClass = elem.name !== "hr" && hasClass(elem, /^page-?break(?:-before)?$/i);
  return { before: side("before") || byClass, after: side("after") };
}

/**
 * Whether nothing visible comes before this node on its line: only white
 * space, empty elements (Word's bookmark anchors) or a `<br>` back to the start
 * of the enclosing block. A superscript number there starts a note, not a
 * reference.
 */
export function startsLine(node: DomNode): boolean {
  let current: DomNode = node;
  for (;;) {
    const parent = current.parent;
    const siblings = parent?.children ?? [];
    for (let i = siblings.indexOf(current) - 1; i >= 0; i--) {
      const sibling = siblings[i]!;
      if (sibling.type === "tag" && sibling.name === "br") return true;
      if (sibling.type === "text" || sibling.type === "tag") {
        if (!isBlank(textContent(sibling))) return false;
      }
    }
    if (!parent || (parent.type === "tag" && BLOCKS.has(parent.name ?? ""))) return true;
    current = parent;
  }
}

/**
 * Moves white space at an inline element's edges outside it, so that markup
 * wrapped round it ("**", "[…](url)") hugs its words: `<b> bold </b>` gives
 * " **bold** ", not "** bold **". Says which edges had space.
 */
export function takeEdgeSpace(elem: DomNode): { leading: boolean; trailing: boolean } {
  const texts: DomNode[] = [];
  const collect = (node: DomNode) => {
    if (node.type === "text") texts.push(node);
    else node.children?.forEach(collect);
  };
  collect(elem);
  let leading = false;
  let trailing = false;
  for (const node of texts) {
    const data = node.data ?? "";
    const trimmed = data.replace(LEADING_SPACE, "");
    leading ||= trimmed !== data;
    node.data = trimmed;
    if (trimmed !== "") break;
  }
  for (const node of texts.reverse()) {
    const data = node.data ?? "";
    const trimmed = data.replace(TRAILING_SPACE, "");
    trailing ||= trimmed !== data;
    node.data = trimmed;
    if (trimmed !== "") break;
  }
  return { leading, trailing };
}
