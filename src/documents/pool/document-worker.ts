import { parentPort } from "node:worker_threads";
import { isPostbagError } from "../../errors.ts";
import { extractText } from "../../replies/extract-text.ts";
import { checkDocument } from "../checks/check-document.ts";
import { redactDocument } from "../redaction/redact-document.ts";
import { scanImages } from "../ocr/scan-images.ts";
import { rankDigest } from "../../digest/rank-digest.ts";
import type { DocumentJob, JobAnswer, JobMessage } from "./document-jobs.ts";

// A document thread: checks, redacts and reads files from outside, one job at
// a time, so that pdf.js, pdf-lib and the unzipping never hold the server's
// own thread (document-pool.ts sends the jobs and enforces their deadline).

function run(job: DocumentJob): Promise<unknown> {
  switch (job.kind) {
    case "check":
      return checkDocument(job.input, job.context);
    case "redact":
      return redactDocument(job.input, job.redactions);
    case "extract":
      return extractText(job.file);
    case "scan-images":
      return scanImages(job.file, job.from);
    case "rank-digest":
      return rankDigest(job.input);
  }
}

parentPort!.on("message", (message: JobMessage) => void answer(message));

async function answer({ id, job }: JobMessage): Promise<void> {
  let reply: JobAnswer;
  try {
    reply = { id, ok: true, result: await run(job) };
  } catch (error) {
    reply = isPostbagError(error)
      ? { id, ok: false, error: { code: error.code, detail: error.detail, location: error.location } }
      : { id, ok: false, error: { detail: (error as Error).message } };
  }
  parentPort!.postMessage(reply);
}
