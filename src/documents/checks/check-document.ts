import { extname } from "node:path";
import { MAX_FILE_BYTES } from "../../replies/extract-text.ts";
import {
  EMPTY_CONTEXT,
  type CheckContext,
  type CheckedDocument,
  type DocumentInput,
  type DocumentKind,
  type Finding,
} from "../document.ts";
import { withoutControlCharacters } from "../../text/control-characters.ts";
import { checkDocx } from "./check-docx.ts";
import { checkPdf } from "./check-pdf.ts";
import { checkXlsx } from "./check-xlsx.ts";
import { checkImage } from "./check-image.ts";
import { documentKind } from "./document-kind.ts";
import { pdfBudgetProblem } from "../budget/pdf-budget.ts";
import { zipVerdict } from "../../replies/zip-guard.ts";
import { block, tooLargeToCheck, unreadable } from "./findings.ts";
import type { KindCheck } from "./kind-check.ts";
import type { ScanReading } from "../ocr/scan-reading.ts";
import { personalDataFindings } from "./personal-data.ts";
import { textSegments } from "./text-segments.ts";

// The publication checks: before a reply's file goes public, find what is
// hidden in it (blocks), what personal data it shows (for review), and make
// the public copy without its metadata. Files come from outside, so nothing
// here throws on a bad one: what cannot be read is itself a blocking finding.

const CHECKS: Record<
  Exclude<DocumentKind, "other">,
  (bytes: Uint8Array, scan?: ScanReading) => KindCheck | Promise<KindCheck>
> = {
  pdf: checkPdf,
  docx: checkDocx,
  xlsx: checkXlsx,
  // HTML and text have no metadata or hidden parts that the checks know of: only their text is checked.
  html: (bytes) => ({ findings: [], publicCopy: Buffer.from(bytes), metadataRemoved: [] }),
  text: (bytes) => ({ findings: [], publicCopy: Buffer.from(bytes), metadataRemoved: [] }),
  image: checkImage,
};

export async function checkDocument(
  input: DocumentInput,
  context: CheckContext = EMPTY_CONTEXT,
): Promise<CheckedDocument> {
  return storable(await checkAny(input, context));
}

/** Findings quote the file, and files come from outside: their text is stored, so no control character in it. */
function storable(checked: CheckedDocument): CheckedDocument {
  return {
    ...checked,
    findings: checked.findings.map((finding) => ({
      ...finding,
      message: withoutControlCharacters(finding.message),
      location: withoutControlCharacters(finding.location),
    })),
    metadataRemoved: checked.metadataRemoved.map(withoutControlCharacters),
  };
}

async function checkAny(input: DocumentInput, context: CheckContext): Promise<CheckedDocument> {
  const kind = documentKind(input);
  const blocked = (finding: Finding) => ({
    kind,
    findings: [finding],
    publicCopy: input.bytes,
    metadataRemoved: [],
  });
  if (kind === "other") return blocked(uncheckedType(input));
  if (input.bytes.length > MAX_FILE_BYTES) return blocked(unreadable("it is larger than 100 MB"));
  const tooLarge = budgetProblem(kind, input.bytes);
  if (tooLarge) return blocked(tooLargeToCheck(tooLarge));
  try {
    const checked = await CHECKS[kind](input.bytes, input.scan);
    const findings = [...checked.findings];
    const { publicCopy, metadataRemoved } = checked;
    if (findings.some((finding) => finding.code === "unreadable"))
      return { kind, findings, publicCopy, metadataRemoved };
    let segments = checked.segments;
    if (!segments) {
      const read = await textSegments(kind, input);
      if (read.problem) findings.push(unreadable(read.problem));
      segments = read.segments;
    }
    findings.push(...personalDataFindings([...segments, ...(checked.moreSegments ?? [])], context));
    return { kind, findings, publicCopy, metadataRemoved };
  } catch (error) {
    return blocked(unreadable((error as Error).message));
  }
}

/** Why the file would unpack to too much to open (checked before any library unpacks it), or null. */
function budgetProblem(kind: DocumentKind, bytes: Uint8Array): string | null {
  if (kind === "pdf") return pdfBudgetProblem(bytes);
  if (kind === "docx" || kind === "xlsx") {
    const verdict = zipVerdict(bytes);
    return verdict?.tooLarge ? verdict.problem : null;
  }
  return null;
}

function uncheckedType(input: DocumentInput): Finding {
  const what = extname(input.name) || input.mediaType || "unknown";
  return block(
    "unchecked-type",
    "file",
    `Postbag cannot check this kind of file (${what}) for hidden content or personal data. ` +
      "Ask the sender for PDF, Word (.docx), Excel (.xlsx) or plain text, or check it yourself.",
  );
}
