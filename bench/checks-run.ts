import { readFileSync, writeFileSync } from "node:fs";
import { DocumentPool } from "../src/documents/pool/document-pool.ts";
import { pooledDocuments } from "../src/documents/pool/pooled-documents.ts";
import { EMPTY_CONTEXT } from "../src/documents/document.ts";

// One side of `npm run bench:checks`, run as its own process so that it is
// measured from outside like the peer: the publication checks, in a pool of
// two document threads as the app runs them (OCR off: it has its own bench),
// over every file listed in the first argument; each file's finding codes
// go, as JSON, to the second.

const [list, out] = process.argv.slice(2);
const files = readFileSync(list!, "utf8").split("\n").filter(Boolean);
const pool = new DocumentPool({ threads: 2, timeoutMs: 120_000 });
const documents = pooledDocuments(pool);
const codes = await Promise.all(
  files.map(async (file) => {
    try {
      const bytes = readFileSync(file);
      const checked = await documents.checkDocument(
        { name: file, mediaType: "application/octet-stream", bytes },
        EMPTY_CONTEXT,
      );
      return checked.findings.map((finding) => finding.code);
    } catch (error) {
      return [`failed: ${(error as Error).message}`];
    }
  }),
);
await pool.close();
writeFileSync(out!, JSON.stringify(Object.fromEntries(files.map((file, i) => [file, codes[i]]))));
