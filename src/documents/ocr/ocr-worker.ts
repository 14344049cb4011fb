import { existsSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { OcrAnswer, OcrRequest } from "./ocr-messages.ts";
import { meanConfidence, type OcrPage, type OcrWord } from "./scan-reading.ts";
import type { ScanImage } from "./scan-images.ts";

// A worker process of the OCR pool: one Tesseract (tesseract.js, in
// WebAssembly) with its language data loaded once, reading one page at a
// time. The language data comes from npm packages (@tesseract.js-data/…),
// so nothing is downloaded: Postbag reads scans offline.

/** The language packages Postbag ships, by Tesseract's language code. */
const LANGUAGE_PACKAGES: Record<string, string> = {
  eng: "@tesseract.js-data/eng",
  cym: "@tesseract.js-data/cym",
};

interface TesseractWord {
  text: string;
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
}

/** The pool gives the languages as the process's one argument ("eng", "eng+cym"). */
const languages = (process.argv[2] ?? "eng").split("+");
const require = createRequire(import.meta.url);

async function start() {
  const { createWorker, OEM } = await import("tesseract.js");
  const worker = await createWorker(languages, OEM.LSTM_ONLY, {
    langPath: languageFolder(languages),
    cacheMethod: "none",
    gzip: true,
  });
  const { version } = require("tesseract.js/package.json") as { version: string };
  return { worker, engine: `tesseract.js ${version}, ${languages.join("+")}` };
}

/**
 * Tesseract.js reads every language from one folder, and each npm package
 * has its own: for more than one language, a folder of links to them. Each
 * package holds the "best (integer)" LSTM models that tessdata_best_int has.
 */
function languageFolder(codes: string[]): string {
  const folderOf = (code: string) => {
    const name = LANGUAGE_PACKAGES[code];
    if (!name) throw new Error(`Postbag has no OCR data for the language "${code}"`);
    return join(dirname(require.resolve(`${name}/package.json`)), "4.0.0_best_int");
  };
  if (codes.length === 1) return folderOf(codes[0] ?? "eng");
  const linked = join(tmpdir(), `postbag-tessdata-${process.pid}`);
  mkdirSync(linked, { recursive: true });
  for (const code of codes) {
    const link = join(linked, `${code}.traineddata.gz`);
    if (!existsSync(link)) symlinkSync(join(folderOf(code), `${code}.traineddata.gz`), link);
  }
  process.on("exit", () => rmSync(linked, { recursive: true, force: true }));
  return linked;
}

function pageOf(
  image: ScanImage,
  blocks: { paragraphs: { lines: { words: TesseractWord[] }[] }[] }[],
): OcrPage {
  const words: OcrWord[] = [];
  for (const block of blocks) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const kept = line.words.filter((word) => word.text.trim() !== "");
        kept.forEach((word, index) => {
          const { x0, y0, x1, y1 } = word.bbox;
          words.push({
            text: word.text.trim(),
            confidence: Math.round(word.confidence),
            box: [x0, y0, x1, y1],
            ...(index === kept.length - 1 ? { lineEnd: true } : {}),
          });
        });
      }
    }
  }
  const { png: _png, ...size } = image;
  return { ...size, confidence: meanConfidence(words), words };
}

const ready = start();
ready.then(
  ({ engine }) => process.send?.({ type: "ready", engine } satisfies OcrAnswer),
  (error: Error) => {
    process.stderr.write(`The OCR worker could not start: ${error.message}\n`);
    process.exit(1);
  },
);

process.on("message", (request: OcrRequest) => {
  void ready.then(async ({ worker }) => {
    let answer: OcrAnswer;
    try {
      const { data } = await worker.recognize(Buffer.from(request.image.png), {}, { blocks: true });
      answer = { type: "read", id: request.id, page: pageOf(request.image, data.blocks ?? []) };
    } catch (error) {
      answer = { type: "failed", id: request.id, detail: (error as Error).message };
    }
    process.send?.(answer);
  });
});
// When the pool's process ends, however it ends, so does this one.
process.on("disconnect", () => process.exit(0));
