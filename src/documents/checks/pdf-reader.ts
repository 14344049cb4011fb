import "../pdf-runtime.ts";
import type { getDocumentProxy } from "unpdf";

// Opening a PDF with pdf.js (through unpdf), for what pdf-lib cannot tell:
// the text as a reader extracts it, and what each page paints in what order.

export type PdfProxy = Awaited<ReturnType<typeof getDocumentProxy>>;

/** Opens the PDF, runs `use`, and always frees pdf.js' state for it. Throws when pdf.js cannot read it. */
export async function withPdf<T>(bytes: Uint8Array, use: (pdf: PdfProxy) => Promise<T>): Promise<T> {
  const { getDocumentProxy, createIsomorphicCanvasFactory } = await import("unpdf");
  // Canvases for drawing pages (pdf-visibility.ts needs pdf.js to draw masks and patterns too).
  const CanvasFactory = await createIsomorphicCanvasFactory(() => import("@napi-rs/canvas"));
  // A copy: pdf.js detaches the buffer it is given. Verbosity 0: warnings are not printed.
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, CanvasFactory });
  try {
    return await use(pdf);
  } finally {
    await pdf.loadingTask.destroy();
  }
}

/** Each page's text. */
export async function pageTexts(pdf: PdfProxy): Promise<string[]> {
  const { extractText } = await import("unpdf");
  const { text } = await extractText(pdf, { mergePages: false });
  return text.map((page) => page.trim());
}
