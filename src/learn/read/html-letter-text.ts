import { compile, type SelectorDefinition } from "html-to-text";
import { BLOCK_TAGS, SPACES } from "./html-dom.ts";
import { FORMATTERS } from "./html-formatters.ts";
import type { LetterText } from "./letter-text.ts";

// An HTML letter (this project's own, a Word document through mammoth, one
// saved from a mail client or written by hand) as letter text. html-to-text
// parses the HTML (entities, unclosed tags, comments, <script> and <style>)
// and collapses white space; the formatters in html-formatters.ts write the
// dialect's markers.

const SELECTORS: SelectorDefinition[] = [
  { selector: "*", format: "letterInline" },
  ...BLOCK_TAGS.map((selector) => ({ selector, format: "letterBlock" })),
  ...["h1", "h2", "h3", "h4", "h5", "h6"].map((selector) => ({ selector, format: "letterHeading" })),
  { selector: "li", format: "letterListItem" },
  ...["strong", "b"].map((selector) => ({ selector, format: "letterStrong" })),
  ...["em", "i"].map((selector) => ({ selector, format: "letterEm" })),
  { selector: "a", format: "letterAnchor" },
  { selector: "sup", format: "letterSup" },
  { selector: "hr", format: "letterRule" },
  { selector: "br", format: "letterBreak" },
  // Not printed text. (htmlparser2 already keeps <script> and <style> out of the walk.)
  ...["head", "title", "script", "style", "noscript", "template", "img", "svg", "object", "iframe"].map(
    (selector) => ({ selector, format: "skip" }),
  ),
];

const convert = compile({
  wordwrap: false,
  // No-break spaces are spaces in letter text; zero-width characters are left
  // inside words here and removed by tidy(), so "co\u200Bordinate" is one word.
  whitespaceCharacters: SPACES,
  formatters: FORMATTERS,
  selectors: SELECTORS,
});

export function readHtmlLetterText(html: string, file: string): LetterText {
  return { file, text: tidy(convert(html)) };
}

const ZERO_WIDTH = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const NOTE_START = /^\[\^\d+\]: /;

/**
 * What the formatters cannot do while streaming: drop zero-width characters,
 * glue a reference to its word when the source had a space before the
 * <sup>, start every note on a block of its own (a note after a <br>), and
 * leave single blank lines between blocks.
 */
function tidy(raw: string): string {
  const lines = raw
    .replace(ZERO_WIDTH, "")
    .split("\n")
    .map((line) =>
      line
        .replace(new RegExp(`[${SPACES}]+`, "g"), " ")
        .trim()
        .replace(/(\S) (\[\^\d+\])/g, "$1$2"),
    );
  const out: string[] = [];
  for (const line of lines) {
    const previous = out.at(-1);
    if (line === "" && (previous === undefined || previous === "")) continue;
    if (NOTE_START.test(line) && previous !== undefined && previous !== "") out.push("");
    out.push(line);
  }
  while (out.at(-1) === "") out.pop();
  return out.length === 0 ? "" : `${out.join("\n")}\n`;
}
