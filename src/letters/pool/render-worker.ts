import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { isPostbagError } from "../../errors.ts";
import { PdfRenderer } from "../render/pdf.ts";
import { renderLetter } from "../render/render-letter.ts";
import type { JobResult, RenderJob, RenderedFile } from "./messages.ts";

// A worker process of the render pool: one Typst compiler for its whole
// life (creating one costs more than a letter), until the pool recycles it.
let pdf: PdfRenderer | undefined;
const pdfRenderer = (): PdfRenderer => (pdf ??= new PdfRenderer());

async function handle(job: RenderJob): Promise<JobResult> {
  try {
    const files: RenderedFile[] = [];
    for (const format of job.formats) {
      const bytes = await renderLetter(job.letter, format, job.options, pdfRenderer);
      const path = join(job.dir, `${job.letter.id}.${format}`);
      await writeFile(path, bytes);
      files.push({ format, path, bytes: bytes.length });
    }
    return { type: "done", jobId: job.jobId, files };
  } catch (error) {
    const known = isPostbagError(error);
    return {
      type: "failed",
      jobId: job.jobId,
      error: {
        code: known ? error.code : "render_failed",
        detail: known ? error.detail : `letter "${job.letter.id}": ${String(error)}`,
        location: known ? { ...error.location } : {},
      },
    };
  }
}

process.on("message", (job: RenderJob) => {
  void handle(job).then((result) => process.send?.(result));
});
// When the pool's process ends, however it ends, so does this one.
process.on("disconnect", () => process.exit(0));
process.send?.({ type: "ready" });
