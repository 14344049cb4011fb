import { readFileSync, writeFileSync } from "node:fs";
import { OcrPool } from "../src/documents/ocr/ocr-pool.ts";
import { ocrPageText } from "../src/documents/ocr/scan-reading.ts";

// One side of `npm run bench:ocr`, run as its own process so that it is
// measured from outside like the peer: Postbag's OCR pool (two worker
// processes on two cores) reads every page picture named on the command
// line and writes their texts, in order, as JSON to the last argument.

const [out, ...pictures] = process.argv.slice(2).reverse();
const pool = new OcrPool({ workers: 2, languages: "eng", pageTimeoutMs: 300_000 });
const pages = await Promise.all(
  pictures
    .reverse()
    .map((path, index) =>
      pool.read({ page: index + 1, picture: readFileSync(path), width: 0, height: 0, dpi: 300 }),
    ),
);
await pool.close();
writeFileSync(out!, JSON.stringify(pages.map(ocrPageText)));
