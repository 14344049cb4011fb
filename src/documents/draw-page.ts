import type { PageViewport, PDFPageProxy } from "unpdf/pdfjs";

// A PDF page drawn by pdf.js over white, as RGBA pixels: for OCR (a scanned
// page's picture) and for the publication checks (what a reader sees).
// `operationsFilter` leaves out the page's operators it refuses (pdf.js'
// own option), so the same page can be drawn without some of its text.

export interface DrawnPage {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
}

export async function drawPage(
  page: PDFPageProxy,
  viewport: PageViewport,
  operationsFilter?: (index: number) => boolean,
): Promise<DrawnPage> {
  const { createCanvas } = await import("@napi-rs/canvas");
  const width = Math.max(1, Math.ceil(viewport.width));
  const height = Math.max(1, Math.ceil(viewport.height));
  const canvas = createCanvas(width, height);
  const context = canvas.getContext("2d");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, width, height);
  await page.render({
    canvas: canvas as unknown as HTMLCanvasElement,
    canvasContext: context as unknown as CanvasRenderingContext2D,
    viewport,
    ...(operationsFilter ? { operationsFilter } : {}),
  }).promise;
  return { width, height, rgba: context.getImageData(0, 0, width, height).data };
}
