import type { DomNode, FormatCallback } from "html-to-text";
import { PAGE_BREAK } from "./letter-text.ts";
import {
  attr,
  hasClass,
  isBlank,
  isHidden,
  pageBreakSides,
  startsLine,
  takeEdgeSpace,
  textContent,
} from "./html-dom.ts";
import { inFootnotes, isBackLink, isNoteLink, listNoteNumber, noteMark, ordinal } from "./html-notes.ts";

// html-to-text formatters that write letter text (see letter-text.ts) instead
// of html-to-text's own plain text: Markdown-like markers, footnotes as
// `[^n]`, page breaks as PAGE_BREAK. Whitespace, entities and the block
// structure are html-to-text's; what is left untidy (spaces before a
// reference, runs of blank lines) is cleaned up in html-letter-text.ts.

type Builder = Parameters<FormatCallback>[2];

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
function wrapInline(
  elem: DomNode,
  walk: Parameters<FormatCallback>[1],
  builder: Builder,
  open: string,
  close: string,
) {
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

/**
 * A block that starts with a marker: "# " for a heading and "[^2]: " for a
 * note, on one line; "- " or "3. " for a list item, whose lines are kept.
 */
function markedBlock(prefix: string, joinLines: string): FormatCallback {
  return (elem, walk, builder) => {
    builder.openBlock({ leadingLineBreaks: 2 });
    walk(elem.children, builder);
    builder.closeBlock({
      trailingLineBreaks: 2,
      blockTransform: (text) => (isBlank(text) ? "" : prefix + text.trim().replace(/\s*\n\s*/g, joinLines)),
    });
  };
}

/** A note in a list of notes is `[^n]: text`; other items keep the marker the text rendering prints. */
const listItem: FormatCallback = (elem, walk, builder, options) => {
  const note = listNoteNumber(elem);
  const marker = elem.parent?.name === "ol" ? `${ordinal(elem)}. ` : "- ";
  const format = note === undefined ? markedBlock(marker, "\n") : markedBlock(`[^${note}]: `, " ");
  format(elem, walk, builder, options);
};

/**
 * A superscript number is a footnote reference glued to the word before it,
 * or, first on its line, the number of the note that follows (a note printed
 * at a page's foot). Other superscripts ("1st") are just their text.
 */
const superscript: FormatCallback = (elem, walk, builder) => {
  const n = noteMark(elem);
  if (n === undefined) walk(elem.children, builder);
  else builder.addLiteral(startsLine(elem) ? `[^${n}]: ` : `[^${n}]`);
};

const anchor: FormatCallback = (elem, walk, builder) => {
  if (isBackLink(elem)) return;
  if (isNoteLink(elem)) return superscript(elem, walk, builder, {});
  const href = attr(elem, "href").trim();
  if (!ABSOLUTE_HREF.test(href) || isBlank(textContent(elem))) walk(elem.children, builder);
  else wrapInline(elem, walk, builder, "[", `](${href.replace(/\s/g, "%20")})`);
};

const horizontalRule: FormatCallback = (elem, _walk, builder) => {
  // markdown-it-footnote and Word draw a rule above their notes: that is not a new page.
  if (hasClass(elem, /^footnotes-sep$/) || inFootnotes(elem)) builder.addLineBreak();
  else addPageBreak(builder);
};

export const FORMATTERS: Record<string, FormatCallback> = Object.fromEntries(
  Object.entries({
    letterInline: (elem, walk, builder) => walk(elem.children, builder),
    letterBlock: block,
    letterHeading: markedBlock("# ", " "),
    letterListItem: listItem,
    letterStrong: emphasis("**"),
    letterEm: emphasis("*"),
    letterAnchor: anchor,
    letterSup: superscript,
    letterRule: horizontalRule,
    letterBreak: (_elem, _walk, builder) => builder.addLineBreak(),
  } satisfies Record<string, FormatCallback>).map(([name, format]) => [name, guarded(format)]),
);
