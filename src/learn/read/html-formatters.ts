import type { DomNode, FormatCallback } from "html-to-text";
import { PAGE_BREAK } from "./letter-text.ts";
import {
  attr,
  hasClass,
  isBlank,
  isHidden,
  pageBreakSides,
  SPACES,
  startsLine,
  takeEdgeSpace,
  textContent,
} from "./html-dom.ts";

// html-to-text formatters that write letter text (see letter-text.ts) instead
// of html-to-text's own plain text: Markdown-like markers, footnotes as
// `[^n]`, page breaks as PAGE_BREAK. Whitespace, entities and the block
// structure are html-to-text's; what is left untidy (spaces before a
// reference, runs of blank lines) is cleaned up in html-letter-text.ts.

type Builder = Parameters<FormatCallback>[2];

const NOTE_ID = /^(?:fn|footnote|endnote)[-:_]?(\d+)$/i;
/** "1", "[1]": how a superscript footnote number is printed. */
const NOTE_MARK = new RegExp(`^[${SPACES}]*\\[?(\\d{1,3})\\]?[${SPACES}]*$`);
/** "↩", "↑", "↩︎": the links from a note back to its reference, which are not text. */
const BACK_ARROW = new RegExp(`^[${SPACES}↩↑⤴^\\uFE0E\\uFE0F]+$`);
const ABSOLUTE_HREF = /^(?:https?|mailto):/i;

function addPageBreak(builder: Builder): void {
  builder.openBlock({ leadingLineBreaks: 2 });
  builder.addLiteral(PAGE_BREAK);
  builder.closeBlock({ trailingLineBreaks: 2 });
}

/** Every formatter first leaves out what is hidden and honours a CSS page break. */
function guarded(format: FormatCallback): FormatCallback {
  return (elem, walk, builder, options) => {
    if (isHidden(elem)) return;
    const sides = pageBreakSides(elem);
    if (sides.before) addPageBreak(builder);
    format(elem, walk, builder, options);
    if (sides.after) addPageBreak(builder);
  };
}

/** Writes `open` and `close` round an inline element's words, its edge spaces outside them. */
function wrapInline(elem: DomNode, walk: Parameters<FormatCallback>[1], builder: Builder, open: string, close: string) {
  const edges = takeEdgeSpace(elem);
  if (edges.leading) builder.addInline(" ");
  builder.addLiteral(open);
  walk(elem.children, builder);
  builder.addLiteral(close);
  if (edges.trailing) builder.addInline(" ");
}

function emphasis(marker: string): FormatCallback {
  return (elem, walk, builder) => {
    if (isBlank(textContent(elem))) walk(elem.children, builder);
    else wrapInline(elem, walk, builder, marker, marker);
  };
}

const block: FormatCallback = (elem, walk, builder) => {
  builder.openBlock({ leadingLineBreaks: 2 });
  walk(elem.children, builder);
  builder.closeBlock({ trailingLineBreaks: 2 });
};

/** A block whose text, on one line, follows a marker: "# " for a heading, "[^2]: " for a note. */
function markedBlock(marker: (elem: DomNode) => string): FormatCallback {
  return (elem, walk, builder) => {
    const prefix = marker(elem);
    builder.openBlock({ leadingLineBreaks: 2 });
    walk(elem.children, builder);
    builder.closeBlock({
      trailingLineBreaks: 2,
      blockTransform: (text) => (isBlank(text) ? "" : prefix + text.trim().replace(/\s*\n\s*/g, " ")),
    });
  };
}

const anchor: FormatCallback = (elem, walk, builder) => {
  const href = attr(elem, "href").trim();
  const text = textContent(elem);
  if (href.startsWith("#") && (BACK_ARROW.test(text) || hasClass(elem, /backref/))) return;
  if (!ABSOLUTE_HREF.test(href) || isBlank(text)) walk(elem.children, builder);
  else wrapInline(elem, walk, builder, "[", `](${href.replace(/\s/g, "%20")})`);
};

/**
 * A superscript number is a footnote reference glued to the word before it,
 * or, first on its line, the number of the note that follows (a note printed
 * at a page's foot). Other superscripts ("1st") are just their text.
 */
const superscript: FormatCallback = (elem, walk, builder) => {
  const n = NOTE_MARK.exec(textContent(elem))?.[1];
  if (n === undefined) walk(elem.children, builder);
  else builder.addLiteral(startsLine(elem) ? `[^${n}]: ` : `[^${n}]`);
};

/** The number a list item shows: its `start` plus the items before it. */
function ordinal(item: DomNode): number {
  const list = item.parent;
  const start = Number.parseInt(list ? attr(list, "start") : "", 10);
  const before = (list?.children ?? []).slice(0, list?.children.indexOf(item));
  return (Number.isNaN(start) ? 1 : start) + before.filter((node) => node.name === "li").length;
}

function inFootnotes(node: DomNode): boolean {
  for (let at = node.parent; at; at = at.parent) {
    if (hasClass(at, /^(?:footnotes?|endnotes?)(?:-list)?$/) || /^footnotes?$/.test(attr(at, "id"))) return true;
  }
  return false;
}

/**
 * A note in a list of notes (this project's, markdown-it-footnote's,
 * mammoth's: ids fn1, fn:1, footnote-1) is `[^n]: text`; any other item keeps
 * the marker the Markdown and text renderings print.
 */
function listItemMarker(item: DomNode): string {
  const note = NOTE_ID.exec(attr(item, "id"))?.[1];
  if (note !== undefined) return `[^${note}]: `;
  if (inFootnotes(item)) return `[^${ordinal(item)}]: `;
  return item.parent?.name === "ol" ? `${ordinal(item)}. ` : "- ";
}

const horizontalRule: FormatCallback = (elem, _walk, builder) => {
  // markdown-it-footnote draws a rule above its notes: that is not a new page.
  if (hasClass(elem, /^footnotes-sep$/)) builder.addLineBreak();
  else addPageBreak(builder);
};

export const FORMATTERS: Record<string, FormatCallback> = Object.fromEntries(
  Object.entries({
    letterInline: (elem, walk, builder) => walk(elem.children, builder),
    letterBlock: block,
    letterHeading: markedBlock(() => "# "),
    letterListItem: markedBlock(listItemMarker),
    letterStrong: emphasis("**"),
    letterEm: emphasis("*"),
    letterAnchor: anchor,
    letterSup: superscript,
    letterRule: horizontalRule,
    letterBreak: (_elem, _walk, builder) => builder.addLineBreak(),
  } satisfies Record<string, FormatCallback>).map(([name, format]) => [name, guarded(format)]),
);
