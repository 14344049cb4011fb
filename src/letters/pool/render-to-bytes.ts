import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Format, Letter, RenderOptions } from "../model.ts";
import type { RenderPool } from "./render-pool.ts";

/** Renders letters through the pool and returns each one's bytes, keyed by letter id. */
export async function renderToBytes(
  pool: RenderPool,
  letters: Letter[],
  format: Format,
  options: RenderOptions = { pdfStandard: "ua-1" },
): Promise<Map<string, Buffer>> {
  const dir = await mkdtemp(join(tmpdir(), "postbag-render-"));
  try {
    await pool.renderBatch({ letters, formats: [format], dir, options });
    const bytes = new Map<string, Buffer>();
    for (const letter of letters) bytes.set(letter.id, await readFile(join(dir, `${letter.id}.${format}`)));
    return bytes;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
