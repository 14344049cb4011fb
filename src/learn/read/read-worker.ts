import { isPostbagError } from "../../errors.ts";
import type { ReadRequest, ReadResult } from "./read-messages.ts";
import { readLetterAt } from "./read-letter-file.ts";

// A worker process of the read pool: reads letter files into letter text, so
// that PDF and Word letters (pdf.js and mammoth are single-threaded) are read
// on every core.

async function handle({ index, file }: ReadRequest): Promise<ReadResult> {
  try {
    return { type: "read", index, letter: await readLetterAt(file) };
  } catch (error) {
    const known = isPostbagError(error);
    return {
      type: "failed",
      index,
      error: {
        code: known ? error.code : "learn",
        detail: known ? error.detail : `the letter could not be read (${String(error)})`,
        location: known ? { ...error.location } : { file },
      },
    };
  }
}

process.on("message", (request: ReadRequest) => {
  void handle(request).then((result) => process.send?.(result));
});
// When the pool's process ends, however it ends, so does this one.
process.on("disconnect", () => process.exit(0));
