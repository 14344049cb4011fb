import { PDFDocument } from "pdf-lib";
import type { Finding } from "../document.ts";
import { review, unreadable } from "./findings.ts";
import type { KindCheck } from "./kind-check.ts";
import { hiddenObjectFindings } from "./pdf-hidden-objects.ts";
import { publicPdf } from "./pdf-metadata.ts";
import { pageTexts, withPdf } from "./pdf-reader.ts";
import { olderRevisionFindings } from "./pdf-revisions.ts";
import { textUnderBoxFindings } from "./pdf-text-under-box.ts";

// A PDF is read twice: by pdf-lib for its objects (attachments, scripts,
// layers) and to write the public copy, and by pdf.js for what it shows
// (text, and boxes painted over text). Either failing means the file cannot
// be checked, which blocks it.

export async function checkPdf(bytes: Uint8Array): Promise<KindCheck> {
  let doc: PDFDocument;
  try {
    // updateMetadata false: pdf-lib must not write its own Producer, Creator or dates.
    doc = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (error) {
    return cannotRead(
      bytes,
      (error as Error).name === "EncryptedPDFError" ? "it is encrypted" : (error as Error).message,
    );
  }
  let pages: string[];
  const findings: Finding[] = hiddenObjectFindings(doc);
  try {
    pages = await withPdf(bytes, async (pdf) => {
      findings.push(...(await textUnderBoxFindings(pdf)));
      return pageTexts(pdf);
    });
  } catch (error) {
    return cannotRead(bytes, (error as Error).message);
  }
  findings.push(...(await olderRevisionFindings(bytes, pages.join("\n"))));
  if (pages.every((page) => page === "")) {
    findings.push(
      review(
        "pdf-no-text",
        "file",
        "The PDF has no text that can be read (a scan?), so Postbag could not look for personal data in it: read it yourself.",
      ),
    );
  }
  const { publicCopy, metadataRemoved } = await publicPdf(doc);
  return {
    findings,
    publicCopy,
    metadataRemoved,
    segments: pages.map((text, i) => ({ location: `page ${i + 1}`, text })),
  };
}

function cannotRead(bytes: Uint8Array, detail: string): KindCheck {
  return { findings: [unreadable(detail)], publicCopy: Buffer.from(bytes), metadataRemoved: [] };
}
