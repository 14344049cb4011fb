import {
  AlignmentType,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  convertMillimetersToTwip,
} from "docx";
import type { Inline, Letter } from "../model.ts";
import { withPrintedAddresses } from "./printed-links.ts";
import { ListCounter, blockParagraphs } from "./docx-blocks.ts";
import { letterBottom, letterTop } from "./docx-frame.ts";
import { inlineRuns } from "./docx-inlines.ts";

// A4 in twentieths of a point.
const A4 = { width: 11906, height: 16838 };
const MARGIN = convertMillimetersToTwip(25);

/** The letter as a Word document, with real footnotes, hyperlinks, lists and page numbers. */
export async function renderDocx(written: Letter): Promise<Buffer> {
  // On paper each link's address is printed after its text.
  const letter = withPrintedAddresses(written);
  const document = new Document({
    title: letter.title,
    creator: letter.sender.name,
    lastModifiedBy: letter.sender.name,
    styles: {
      default: {
        document: {
          run: { font: "Arial", size: 22, language: { value: letter.lang } },
          paragraph: { spacing: { after: 200 } },
        },
      },
    },
    // Keyed by the note's number, so every reference to note n, first or later, finds the same note.
    footnotes: Object.fromEntries(
      letter.footnotes.map((note) => [note.n, { children: [footnoteParagraph(note.c)] }]),
    ),
    sections: [
      {
        properties: {
          page: {
            size: A4,
            margin: {
              top: MARGIN,
              right: MARGIN,
              bottom: MARGIN,
              left: MARGIN,
              footer: convertMillimetersToTwip(12),
            },
          },
        },
        footers: { default: pageFooter() },
        children: [
          ...letterTop(letter),
          ...blockParagraphs(letter.body, new ListCounter()),
          ...letterBottom(letter),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

// docx puts the note's number first; the space keeps it off the note's first word, as Word does.
function footnoteParagraph(content: Inline[]): Paragraph {
  return new Paragraph({ style: "FootnoteText", children: [new TextRun(" "), ...inlineRuns(content)] });
}

function pageFooter(): Footer {
  const pageOfPages = new TextRun({
    children: ["Page ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES],
  });
  return new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [pageOfPages] })],
  });
}
