import type { Format, Letter, RenderOptions } from "../model.ts";
import { renderDocx } from "./docx.ts";
import { renderHtml } from "./html.ts";
import type { PdfRenderer } from "./pdf.ts";
import { renderTxt } from "./txt.ts";

/** One letter in one format, as the bytes of its file. */
export async function renderLetter(
  letter: Letter,
  format: Format,
  options: RenderOptions,
  pdf: () => PdfRenderer,
): Promise<Buffer> {
  switch (format) {
    case "pdf":
      return pdf().render(letter, options);
    case "docx":
      return renderDocx(letter);
    case "html":
      return Buffer.from(renderHtml(letter), "utf8");
    case "txt":
      return Buffer.from(renderTxt(letter), "utf8");
  }
}
