import { isPostbagError, PostbagError } from "../../errors.ts";
import type { Format, Letter } from "../model.ts";
import type { RenderPool } from "../pool/render-pool.ts";
import { renderToBytes } from "../pool/render-to-bytes.ts";

/**
 * One letter in one format, for a page or an email. A PDF is made by the
 * render pool (Typst, its native memory kept out of this process). HTML,
 * text and Word are plain JavaScript that takes milliseconds: made here, as
 * a worker process would take half a second of CPU just to start, which
 * every preview and every email paid (two of them per email).
 */
export async function renderOne(pool: RenderPool, letter: Letter, format: Format): Promise<Uint8Array> {
  if (format === "pdf") {
    const bytes = (await renderToBytes(pool, [letter], format)).get(letter.id);
    if (!bytes) throw new Error(`the render pool made no ${format} file for ${letter.id}`);
    return bytes;
  }
  try {
    const { renderLetter } = await import("./render-letter.ts");
    return await renderLetter(letter, format, { pdfStandard: "ua-1" }, () => {
      throw new Error("a PDF is made by the render pool");
    });
  } catch (error) {
    // As the pool reports a failure (render-worker.ts): the letter named.
    if (isPostbagError(error)) throw error;
    throw new PostbagError("render_failed", `letter "${letter.id}": ${String(error)}`);
  }
}
