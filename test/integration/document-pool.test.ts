import { afterAll, expect, it } from "vitest";
import { DocumentPool } from "../../src/documents/pool/document-pool.ts";
import { pooledDocuments } from "../../src/documents/pool/pooled-documents.ts";
import { EMPTY_CONTEXT } from "../../src/documents/document.ts";
import { cleanPdf, pdfWithTextUnderBox } from "../support/document-factories.ts";

// Files from outside are opened in threads of their own: the answers are the
// checks' own, a job past its deadline ends its thread (not the process) and
// becomes a finding, and the next job gets a new thread.

const pool = new DocumentPool({ timeoutMs: 30_000 });
const documents = pooledDocuments(pool);
afterAll(() => pool.close());

it("checks, reads and redacts in a thread, with the same answers as in the process", async () => {
  const input = { name: "reply.pdf", mediaType: "application/pdf", bytes: await pdfWithTextUnderBox() };
  const checked = await documents.checkDocument(input, EMPTY_CONTEXT);
  expect(checked.findings.map((finding) => finding.code)).toContain("pdf-text-under-box");
  const read = await documents.extractText({ name: "reply.pdf", bytes: await cleanPdf() });
  expect(read.text).toContain("The council holds the information requested.");
  const redacted = await documents.redactDocument(
    { name: "reply.txt", mediaType: "text/plain", bytes: Buffer.from("Call Jo on 020 7946 0000.") },
    [{ kind: "text", text: "Jo" }],
  );
  expect(Buffer.from(redacted.bytes).toString()).toContain("[redacted]");
}, 60_000);

it("stops a job past its deadline, blocks the file, and goes on with a new thread", async () => {
  const hasty = new DocumentPool({ timeoutMs: 1 });
  try {
    const input = { name: "reply.pdf", mediaType: "application/pdf", bytes: await cleanPdf() };
    const checked = await pooledDocuments(hasty).checkDocument(input, EMPTY_CONTEXT);
    expect(checked.findings).toEqual([expect.objectContaining({ code: "too-large-to-check" })]);
    expect(checked.findings[0]!.message).toContain("it took longer than 0.001 s to open");
  } finally {
    await hasty.close();
  }
  // The process and the other pool are unharmed.
  const again = await documents.extractText({ name: "reply.pdf", bytes: await cleanPdf() });
  expect(again.problems).toEqual([]);
}, 60_000);
