import type { KindCheck } from "./kind-check.ts";
import { OfficeZip } from "./office-zip.ts";
import { stripOfficeMetadata } from "./office-metadata.ts";
import { hiddenPartFindings } from "./xlsx-parts.ts";
import { hiddenSheetFindings } from "./xlsx-sheets.ts";

// An Excel workbook: hidden sheets, rows, columns and parts are found on the
// original; the public copy is the same zip with its properties emptied.

export function checkXlsx(bytes: Uint8Array): KindCheck {
  const zip = OfficeZip.open(bytes);
  if (!zip.has("xl/workbook.xml")) throw new Error("it is a zip, but holds no workbook");
  const findings = [...hiddenSheetFindings(zip), ...hiddenPartFindings(zip)];
  const metadataRemoved = stripOfficeMetadata(zip);
  return { findings, publicCopy: zip.toBuffer(), metadataRemoved };
}
