import {
  Bookmark,
  BuilderElement,
  FootnoteReferenceRun,
  type ParagraphChild,
  Run,
  StringContainer,
  TextRun,
} from "docx";

// Word numbers footnote references by where they stand, so a second <w:footnoteReference>
// to the same note would show the next number and print the note twice (LibreOffice adds an
// empty note). Word's own way to cite a note again is a NOTEREF cross-reference to a bookmark
// on the first reference; `\f` gives it the footnote reference style.

const bookmarkOf = (n: number) => `_RefFootnote${n}`;

export function firstFootnoteReference(n: number): ParagraphChild {
  return new Bookmark({ id: bookmarkOf(n), children: [new FootnoteReferenceRun(n)] });
}

export function laterFootnoteReference(n: number): ParagraphChild[] {
  const style = "FootnoteReference";
  const fieldChar = (type: "begin" | "separate" | "end") =>
    new Run({
      style,
      children: [
        new BuilderElement({
          name: "w:fldChar",
          attributes: { type: { key: "w:fldCharType", value: type } },
        }),
      ],
    });
  return [
    fieldChar("begin"),
    new Run({ style, children: [new StringContainer("w:instrText", `NOTEREF ${bookmarkOf(n)} \\f \\h`)] }),
    fieldChar("separate"),
    // The number as last worked out, shown until the field is updated.
    new TextRun({ style, text: String(n) }),
    fieldChar("end"),
  ];
}
