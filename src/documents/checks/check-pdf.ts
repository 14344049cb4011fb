import { PDFDocument } from "pdf-lib";
import type { Finding } from "../document.ts";
import { review, unreadable } from "./findings.ts";
import type { KindCheck, TextSegment } from "./kind-check.ts";
import { looksScanned, lowConfidencePages, ocrPageText, type ScanReading } from "../ocr/scan-reading.ts";
import { hiddenObjectFindings } from "./pdf-hidden-objects.ts";
import { publicPdf } from "./pdf-metadata.ts";
import { pageTexts, withPdf } from "./pdf-reader.ts";
import { olderRevisionFindings } from "./pdf-revisions.ts";
import { coveredTextFindings } from "./pdf-covered-text.ts";

// A PDF is read twice: by pdf-lib for its objects (attachments, scripts,
// layers) and to write the public copy, and by pdf.js for what it shows
// (text, and boxes painted over text). Either failing means the file cannot
// be checked, which blocks it.

export async function checkPdf(bytes: Uint8Array, scan?: ScanReading): Promise<KindCheck> {
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
      findings.push(...(await coveredTextFindings(pdf)));
      return pageTexts(pdf);
    });
  } catch (error) {
    return cannotRead(bytes, (error as Error).message);
  }
  findings.push(...(await olderRevisionFindings(bytes, pages.join("\n"))));
  const segments = pageSegments(pages, scan);
  findings.push(...lowConfidenceFindings(pages, scan));
  if (segments.every((segment) => segment.text.trim() === "")) {
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
    segments,
  };
}

/** Each page's text layer, or, for a scanned page OCR has read, its words a line per line. */
function pageSegments(pages: string[], scan: ScanReading | undefined): TextSegment[] {
  return pages.map((text, index) => {
    const read = scan?.pages.find((page) => page.page === index + 1);
    if (!read || !looksScanned(text)) return { location: `page ${index + 1}`, text };
    return { location: `page ${index + 1} (scanned)`, text: ocrPageText(read), byLine: true };
  });
}

/** A scanned page OCR read badly may hold personal data the checks could not see. */
function lowConfidenceFindings(pages: string[], scan: ScanReading | undefined): Finding[] {
  if (!scan) return [];
  return lowConfidencePages(scan)
    .filter((page) => looksScanned(pages[page.page - 1] ?? ""))
    .map((page) =>
      review(
        "ocr-low-confidence",
        `page ${page.page}`,
        `Page ${page.page} is a scan that OCR read with only ${page.confidence}% confidence, so personal data on it may have been missed: read it yourself.`,
      ),
    );
}

function cannotRead(bytes: Uint8Array, detail: string): KindCheck {
  return { findings: [unreadable(detail)], publicCopy: Buffer.from(bytes), metadataRemoved: [] };
}
