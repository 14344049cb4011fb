import { PAGE_BREAK, type LetterText } from "./letter-text.ts";

// Plain text and Markdown letters, as other tools export them: often a mix of
// Markdown and stray HTML (`<sup>1</sup>`, `<a href>`, entities), superscript
// digits for footnote references, escapes (`\(`), page numbers and form feeds.
// All of it is brought to the letter-text dialect.

const SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
const ABSOLUTE_URL = /^(https?:|mailto:)/i;

export function readPlainLetterText(source: string, file: string): LetterText {
  let text = source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  text = removeInvisibles(text);
  text = fromHtml(text);
  text = fromMarkdown(text);
  text = footnoteMarks(text);
  text = pageBreaks(text);
  return { file, text };
}

/** Control, zero-width and soft-hyphen characters; non-breaking spaces become spaces. */
function removeInvisibles(text: string): string {
  return (
    text
      .replace(/[\u00A0\u2007\u202F]/g, " ")
      .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, "")
      // eslint-disable-next-line no-control-regex -- stray control characters are exactly what is removed
      .replace(/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/g, "")
  );
}

function fromHtml(text: string): string {
  return (
    decodeEntities(
      text
        // A tag escaped twice, as in "<sup>&</sup>lt;sup>1</sup>".
        .replace(/<sup>\s*&\s*<\/sup>\s*lt;/gi, "<")
        .replace(/<!--[\s\S]*?-->/g, "")
        .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ""),
    )
      .replace(/<sup>\s*\[?(\d{1,3})\]?\s*<\/sup>/gi, "[^$1]")
      .replace(
        /<a\b[^>]*?href\s*=\s*["']([^"']*)["'][^>]*>([\s\S]*?)<\/a>/gi,
        (_, href: string, inner: string) =>
          ABSOLUTE_URL.test(href.trim()) ? `[${inner}](${href.trim()})` : inner,
      )
      .replace(/<br\s*\/?>/gi, "\n")
      .replace(/<\/?(p|div|address|h[1-6]|li|ul|ol|table|tr|section|header|footer)\b[^>]*>/gi, "\n\n")
      .replace(/<\/?(strong|b)\b[^>]*>/gi, "**")
      .replace(/<\/?(em|i)\b[^>]*>/gi, "*")
      // Any other tag (<u>, <span>, <sup> around words, <font>) is dropped, its text kept.
      .replace(/<\/?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?\/?>/g, "")
  );
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith("#x") || name.startsWith("#X"))
      return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function fromMarkdown(text: string): string {
  return (
    text
      // A link to nowhere ("#", a relative page) is just its text.
      .replace(
        /(?<!\^)\[([^\]]*)\]\(([^()\s]*(?:\([^()\s]*\))?[^()\s]*)\)/g,
        (whole, inner: string, href: string) => (ABSOLUTE_URL.test(href) ? whole : inner),
      )
      .replace(/\\([\\`*_{}[\]()#+\-.!|<>&'"])/g, "$1")
      // The export's plain-text links: "Annual Report <https://…>" keeps its words.
      .replace(/ <(https?:|mailto:)[^>\s]*>/gi, "")
      // A heading's level does not matter to a letter: one "#" says "heading".
      .replace(/^#{2,6}[ \t]+/gm, "# ")
  );
}

/** Superscript digits and "[1]" references (with "[1] note" lines) become `[^1]`. */
function footnoteMarks(text: string): string {
  let out = text.replace(
    /[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g,
    (digits) => `[^${[...digits].map((digit) => SUPERSCRIPT_DIGITS.indexOf(digit)).join("")}]`,
  );
  // A note line "[^1] text" or "¹ text" (now "[^1] text") is a note block.
  out = out.replace(/^[ \t]*\[\^(\d{1,3})\]:?[ \t]*(?=\S)/gm, "[^$1]: ");
  if (/^\[(\d{1,3})\] \S/m.test(out)) {
    out = out.replace(/^\[(\d{1,3})\] (?=\S)/gm, "[^$1]: ").replace(/(\S)\[(\d{1,3})\](?!\()/g, "$1[^$2]");
  }
  return out;
}

/** "Page 2 of 3", "- 2 -" and "Page 2" lines are where a page ended. */
function pageBreaks(text: string): string {
  return text
    .replace(/\f/g, `\n\n${PAGE_BREAK}\n\n`)
    .replace(/^[ \t]*(?:Page \d+(?: of \d+)?|-\s*\d+\s*-)[ \t]*$/gim, `\n${PAGE_BREAK}\n`);
}
