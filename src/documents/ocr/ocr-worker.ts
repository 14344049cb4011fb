import { existsSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { OcrAnswer, OcrRequest } from "./ocr-messages.ts";
import { greyPgm, isPgm } from "./grey-picture.ts";
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

/** The pool gives the languages as the process's one argument ("eng", "eng+cym"). */
const languages = (process.argv[2] ?? "eng").split("+");
const require = createRequire(import.meta.url);

async function start() {
  const { createWorker, OEM, PSM } = await import("tesseract.js");
  const worker = await createWorker(languages, OEM.LSTM_ONLY, {
    langPath: languageFolder(languages),
    cacheMethod: "none",
    gzip: true,
  });
  // Pages laid out as Tesseract's own command lays them out (automatic
  // segmentation): the library's default reads the page as one block of text,
  // which runs an address block and the body beside it together.
  await worker.setParameters({ tessedit_pageseg_mode: PSM.AUTO });
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

/**
 * The page's words from Tesseract's TSV output: a row per word (level 5)
 * with its box, confidence and the block, paragraph and line it is on.
 * TSV rather than the "blocks" tree: the tree describes every letter and
 * every alternative reading, and building and sending it took longer than
 * reading some pages.
 */
function pageOf(image: ScanImage, tsv: string): OcrPage {
  const words: OcrWord[] = [];
  let lastLine = "";
  for (const row of tsv.split("\n")) {
    const [level, , block, paragraph, line, , left, top, width, height, confidence, ...rest] =
      row.split("\t");
    const text = rest.join("\t").trim();
    if (level !== "5" || text === "") continue;
    const lineKey = `${block}.${paragraph}.${line}`;
    const previous = words[words.length - 1];
    if (previous && lineKey !== lastLine) previous.lineEnd = true;
    lastLine = lineKey;
    const [x, y, w, h] = [left, top, width, height].map(Number) as [number, number, number, number];
    words.push({ text, confidence: Math.round(Number(confidence)), box: [x, y, x + w, y + h] });
  }
  const last = words[words.length - 1];
  if (last) last.lineEnd = true;
  const { picture: _picture, ...size } = image;
  return { ...size, confidence: meanConfidence(words), words };
}

/** The picture in grey: a PGM as it comes; a PNG or JPEG decoded natively (@napi-rs/canvas), not by Tesseract's WebAssembly. */
async function greyPicture(bytes: Uint8Array): Promise<Buffer> {
  if (isPgm(bytes)) return Buffer.from(bytes);
  const { createCanvas, Image } = await import("@napi-rs/canvas");
  const image = new Image();
  image.src = Buffer.from(bytes);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  return greyPgm(context.getImageData(0, 0, image.width, image.height).data, image.width, image.height);
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
      const grey = await greyPicture(request.image.picture);
      const { data } = await worker.recognize(grey, {}, { text: false, tsv: true });
      answer = { type: "read", id: request.id, page: pageOf(request.image, data.tsv ?? "") };
    } catch (error) {
      answer = { type: "failed", id: request.id, detail: (error as Error).message };
    }
    process.send?.(answer);
  });
});
// When the pool's process ends, however it ends, so does this one.
process.on("disconnect", () => process.exit(0));
