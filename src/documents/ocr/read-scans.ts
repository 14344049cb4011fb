import type { FileToRead } from "../../replies/extract-text.ts";
import type { ScanImages, ScanImage } from "./scan-images.ts";
import type { OcrPage, ScanReading } from "./scan-reading.ts";

// A file's scanned pages read: their pictures made (in a document thread),
// then each page read by the OCR pool, all pages queued at once so that the
// pool's workers share them. A page that fails is left out and said; the
// others are kept.

export interface ReadScansDeps {
  scanImages(file: FileToRead): Promise<ScanImages>;
  ocr: { read(image: ScanImage): Promise<OcrPage>; readonly engine: string };
}

export async function readScans(
  file: FileToRead,
  deps: ReadScansDeps,
): Promise<{ scan: ScanReading | null; problems: string[] }> {
  const { images, problems } = await deps.scanImages(file);
  if (images.length === 0) return { scan: null, problems };
  const settled = await Promise.allSettled(images.map((image) => deps.ocr.read(image)));
  const pages: OcrPage[] = [];
  settled.forEach((outcome, index) => {
    if (outcome.status === "fulfilled") pages.push(outcome.value);
    else
      problems.push(`page ${images[index]?.page} was not read by OCR: ${(outcome.reason as Error).message}`);
  });
  return { scan: pages.length > 0 ? { engine: deps.ocr.engine, pages } : null, problems };
}
