import type { KindCheck, TextSegment } from "./kind-check.ts";
import { OfficeZip } from "./office-zip.ts";
import { stripOfficeMetadata } from "./office-metadata.ts";
import { hiddenPartFindings } from "./xlsx-parts.ts";
import { hiddenSheetFindings } from "./xlsx-sheets.ts";
import { elements, textOf } from "./xml.ts";

// An Excel workbook: hidden sheets, rows, columns and parts are found on the
// original; the public copy is the same zip with its properties emptied.
// The words in its text boxes and shapes (drawings), which the cells' text
// leaves out, are checked for personal data too.

export function checkXlsx(bytes: Uint8Array): KindCheck {
  const zip = OfficeZip.open(bytes);
  if (!zip.has("xl/workbook.xml")) throw new Error("it is a zip, but holds no workbook");
  const findings = [...hiddenSheetFindings(zip), ...hiddenPartFindings(zip)];
  const metadataRemoved = stripOfficeMetadata(zip);
  return { findings, publicCopy: zip.toBuffer(), metadataRemoved, moreSegments: drawingTexts(zip) };
}

function drawingTexts(zip: OfficeZip): TextSegment[] {
  return zip
    .names()
    .flatMap((part) => {
      const number = /^xl\/drawings\/drawing(\d+)\.xml$/.exec(part)?.[1];
      return number === undefined ? [] : [{ part, number: Number(number) }];
    })
    .sort((a, b) => a.number - b.number)
    .map(({ part, number }) => ({
      location: `drawing ${number} (text boxes)`,
      text: elements(zip.text(part), "p")
        .map((paragraph) => textOf(paragraph.inner))
        .join("\n"),
      byLine: true,
    }));
}
