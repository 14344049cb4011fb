import type { FileToRead } from "../../replies/extract-text.ts";
import { MAX_SCANNED_PAGES, type ScanImages, type ScanImage } from "./scan-images.ts";
import type { OcrPage, ScanReading } from "./scan-reading.ts";

// A file's scanned pages read: their pictures made a batch at a time (each
// batch a job of a document thread), then each batch's pages read by the OCR
// pool, queued at once so that its workers share them. A page that fails is
// left out and said; the others are kept.

export interface ReadScansDeps {
  scanImages(file: FileToRead, from: number): Promise<ScanImages>;
  ocr: { read(image: ScanImage): Promise<OcrPage>; readonly engine: string };
}

export async function readScans(
  file: FileToRead,
  deps: ReadScansDeps,
): Promise<{ scan: ScanReading | null; problems: string[] }> {
  const problems: string[] = [];
  const pages: OcrPage[] = [];
  let tried = 0;
  for (let from: number | null = 1; from !== null;) {
    const batch = await deps.scanImages(file, from);
    problems.push(...batch.problems);
    const images = batch.images.slice(0, MAX_SCANNED_PAGES - tried);
    tried += images.length;
    const settled = await Promise.allSettled(images.map((image) => deps.ocr.read(image)));
    settled.forEach((outcome, index) => {
      if (outcome.status === "fulfilled") pages.push(outcome.value);
      else
        problems.push(
          `page ${images[index]?.page} was not read by OCR: ${(outcome.reason as Error).message}`,
        );
    });
    from = batch.next;
    if (tried === MAX_SCANNED_PAGES && from !== null) {
      problems.push(`only the first ${MAX_SCANNED_PAGES} scanned pages were read by OCR`);
      break;
    }
  }
  return { scan: pages.length > 0 ? { engine: deps.ocr.engine, pages } : null, problems };
}
