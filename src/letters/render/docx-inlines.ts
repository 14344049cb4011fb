import { ExternalHyperlink, type ParagraphChild, TextRun } from "docx";
import type { Inline } from "../model.ts";
import { firstFootnoteReference, laterFootnoteReference } from "./docx-footnote-refs.ts";

interface RunFormat {
  bold?: boolean;
  italics?: boolean;
  style?: string;
}

/** Word runs for inline content; `strong` and `em` add to the formatting around them. */
export function inlineRuns(inlines: readonly Inline[], format: RunFormat = {}): ParagraphChild[] {
  return inlines.flatMap((inline): ParagraphChild[] => {
    switch (inline.t) {
      case "text":
        return textRuns(inline.v, format);
      case "strong":
        return inlineRuns(inline.c, { ...format, bold: true });
      case "em":
        return inlineRuns(inline.c, { ...format, italics: true });
      case "link":
        return [
          new ExternalHyperlink({
            link: inline.href,
            children: inlineRuns(inline.c, { ...format, style: "Hyperlink" }),
          }),
        ];
      case "br":
        return [new TextRun({ ...format, break: 1 })];
      case "fnref":
        return inline.first ? [firstFootnoteReference(inline.n)] : laterFootnoteReference(inline.n);
    }
  });
}

// Text goes in through `text`, never `children`: docx turns a child string such as
// "CURRENT" into a page-number field. A newline in a value is printed as a line break,
// since Word would show it as a space.
function textRuns(value: string, format: RunFormat): TextRun[] {
  return value
    .split(/\r?\n/)
    .map((line, i) => new TextRun({ ...format, text: line, ...(i > 0 ? { break: 1 } : {}) }));
}
