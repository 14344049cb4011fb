import { commentFindings } from "./docx-comments.ts";
import { hiddenTextFindings } from "./docx-hidden-text.ts";
import { trackedChangeFindings } from "./docx-tracked-changes.ts";
import type { KindCheck } from "./kind-check.ts";
import { OfficeZip } from "./office-zip.ts";
import { stripOfficeMetadata } from "./office-metadata.ts";

// A Word document: comments, tracked changes and hidden text are found on the
// original; the public copy is the same zip with its properties emptied.

export function checkDocx(bytes: Uint8Array): KindCheck {
  const zip = OfficeZip.open(bytes);
  if (!zip.has("word/document.xml")) throw new Error("it is a zip, but holds no Word document");
  const findings = [...commentFindings(zip), ...trackedChangeFindings(zip), ...hiddenTextFindings(zip)];
  const metadataRemoved = stripOfficeMetadata(zip);
  return { findings, publicCopy: zip.toBuffer(), metadataRemoved };
}
