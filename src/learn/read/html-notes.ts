import type { DomNode } from "html-to-text";
import { attr, hasClass, SPACES, textContent } from "./html-dom.ts";

// How footnotes look in the HTML people have: references as superscript
// numbers, notes as a list (this project's, markdown-it-footnote's, mammoth's)
// or as a superscript number starting a line at a page's foot, and links from
// each note back to its reference.

/** Ids of notes in a list of notes: fn1, fn:1, footnote-1, endnote-1. */
const NOTE_ID = /^(?:fn|footnote|endnote)[-:_]?(\d+)$/i;
/** "1", "[1]": how a superscript footnote number is printed. */
const NOTE_MARK = new RegExp(`^[${SPACES}]*\\[?(\\d{1,3})\\]?[${SPACES}]*$`);
/** "↩", "↑", "↩︎": what a link back from a note to its reference shows. */
const BACK_ARROW = new RegExp(`^[${SPACES}↩↑⤴^\\uFE0E\\uFE0F]+$`);

/** The number a superscript prints, when it is a note's number ("1st" is not). */
export function noteMark(sup: DomNode): string | undefined {
  return NOTE_MARK.exec(textContent(sup))?.[1];
}

/** A link from a note back to its reference: not text. */
export function isBackLink(anchor: DomNode): boolean {
  const href = attr(anchor, "href").trim();
  return href.startsWith("#") && (BACK_ARROW.test(textContent(anchor)) || hasClass(anchor, /backref/));
}

/** The number a list item shows: its list's `start` plus the items before it. */
export function ordinal(item: DomNode): number {
  const list = item.parent;
  const start = Number.parseInt(list ? attr(list, "start") : "", 10);
  const before = (list?.children ?? []).slice(0, list?.children.indexOf(item));
  return (Number.isNaN(start) ? 1 : start) + before.filter((node) => node.name === "li").length;
}

/** Inside a list of notes: markdown-it's and this project's section, Word's "Save as Web Page" div. */
export function inFootnotes(node: DomNode): boolean {
  for (let at = node.parent; at; at = at.parent) {
    if (hasClass(at, /^(?:footnotes?|endnotes?)(?:-list)?$/)) return true;
    if (/^footnotes?$/.test(attr(at, "id"))) return true;
    if (/mso-element:\s*(?:footnote|endnote)-list/.test(attr(at, "style"))) return true;
  }
  return false;
}

/**
 * A link to or from a note that is not in a <sup>: Word's "Save as Web Page"
 * writes its references as `<a href="#_ftn1">[1]</a>` in a raised span.
 */
export function isNoteLink(anchor: DomNode): boolean {
  const href = attr(anchor, "href").trim();
  return /^#_?(?:ftn|edn|fn|footnote|endnote)/i.test(href) && noteMark(anchor) !== undefined;
}

/** The number of the note a list item holds, or undefined when it is an ordinary item. */
export function listNoteNumber(item: DomNode): number | undefined {
  const fromId = NOTE_ID.exec(attr(item, "id"))?.[1];
  if (fromId !== undefined) return Number(fromId);
  return inFootnotes(item) ? ordinal(item) : undefined;
}
