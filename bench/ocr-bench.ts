import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { pdfText } from "../test/support/pdf-text.ts";
import { EXAMPLE } from "../test/support/render-cli.ts";
import { scanPdf, wordAccuracy } from "../test/support/scans.ts";
import { runMeasured, type Measured } from "./run-measured.ts";
import { inWorkDir } from "./work-dir.ts";

// `npm run bench:ocr`: the five seed letters rendered by Postbag, scanned at
// 300 dpi (turned 0.7°, speckled: test/support/scans.ts), and every page read
// by Postbag's OCR pool (tesseract.js in two worker processes) and, in the
// same run, by Debian's `tesseract` command, two pages at once, one thread
// each (OMP_THREAD_LIMIT=1: on two cores its OpenMP threads only slow it
// down). The peer reads with the same model Postbag ships (npm's best_int
// English) and with Debian's own (tessdata_fast). Each side is a child
// process measured from outside: pages per second, peak RSS of its whole
// process tree, and word accuracy against the letters' own text.

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const require = createRequire(import.meta.url);

function ensureTesseract(): string {
  if (spawnSync("tesseract", ["--version"]).status === 0) return "tesseract";
  console.log("Installing Debian's tesseract-ocr for the peer...");
  const apt = (args: string[]) =>
    spawnSync("apt-get", args, {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  apt(["update", "-qq"]);
  apt(["install", "-y", "-qq", "--no-install-recommends", "tesseract-ocr", "tesseract-ocr-eng"]);
  if (spawnSync("tesseract", ["--version"]).status !== 0) {
    throw new Error(
      "Debian's tesseract is not installed and could not be (apt-get install tesseract-ocr, as root)",
    );
  }
  return "tesseract";
}

function peer(pictures: string[], tessdata: string | null, outDir: string): Promise<Measured> {
  mkdirSync(outDir, { recursive: true });
  const data = tessdata ? `--tessdata-dir '${tessdata}'` : "";
  const script = `printf '%s\\n' "$@" | xargs -P 2 -I{} sh -c 'tesseract "{}" "${outDir}/$(basename "{}" .png)" -l eng ${data} 2>/dev/null'`;
  return runMeasured("sh", ["-c", script, "sh", ...pictures], { ...process.env, OMP_THREAD_LIMIT: "1" });
}

function peerTexts(pictures: string[], outDir: string): string[] {
  return pictures.map((path) =>
    readFileSync(
      join(
        outDir,
        `${path
          .split("/")
          .pop()!
          .replace(/\.png$/, "")}.txt`,
      ),
      "utf8",
    ),
  );
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

await inWorkDir("postbag-bench-ocr-", async (work) => {
  ensureTesseract();
  const rendered = join(work, "letters");
  const render = spawnSync(
    process.execPath,
    [join(ROOT, "bin/postbag"), "render", EXAMPLE, "--format", "pdf", "--out", rendered],
    { encoding: "utf8" },
  );
  if (render.status !== 0) throw new Error(`render failed: ${render.stderr}`);
  const pictures: string[] = [];
  const truth: string[] = [];
  for (const name of readdirSync(rendered)
    .filter((file) => file.endsWith(".pdf"))
    .sort()) {
    const pdf = join(rendered, name);
    const texts = pdfText(pdf)
      .split("\f")
      .filter((page) => page.trim() !== "");
    const pages = await scanPdf(pdf, { dpi: 300, seed: pictures.length + 1 });
    pages.forEach((page, index) => {
      const path = join(work, `${name.replace(/\.pdf$/, "")}-${index + 1}.png`);
      writeFileSync(path, page.png);
      pictures.push(path);
      truth.push(texts[index] ?? "");
    });
  }
  console.log(`Reading ${pictures.length} scanned pages (300 dpi) with each engine, one after the other...`);
  const oursOut = join(work, "ours.json");
  const ours = await runMeasured(process.execPath, [
    "--import",
    "tsx",
    join(ROOT, "bench/ocr-read.ts"),
    ...pictures,
    oursOut,
  ]);
  if (ours.code !== 0) throw new Error(`Postbag's OCR failed: ${ours.stderr}`);
  const oursTexts = JSON.parse(readFileSync(oursOut, "utf8")) as string[];

  const sameModel = join(work, "tessdata");
  mkdirSync(sameModel);
  const npmModel = join(
    dirname(require.resolve("@tesseract.js-data/eng/package.json")),
    "4.0.0_best_int/eng.traineddata.gz",
  );
  writeFileSync(join(sameModel, "eng.traineddata"), gunzipSync(readFileSync(npmModel)));
  const peerSame = await peer(pictures, sameModel, join(work, "peer-same"));
  const peerDebian = await peer(pictures, null, join(work, "peer-debian"));

  const rows = [
    { name: "Postbag (tesseract.js 7, 2 worker processes, best_int model)", run: ours, texts: oursTexts },
    {
      name: "Debian tesseract 5, 2 at once, same best_int model",
      run: peerSame,
      texts: peerTexts(pictures, join(work, "peer-same")),
    },
    {
      name: "Debian tesseract 5, 2 at once, Debian's own model (fast)",
      run: peerDebian,
      texts: peerTexts(pictures, join(work, "peer-debian")),
    },
  ].map(({ name, run, texts }) => ({
    name,
    pagesPerSecond: pictures.length / run.seconds,
    peak: run.peakRssBytes,
    accuracy: mean(texts.map((text, index) => wordAccuracy(truth[index] ?? "", text))),
  }));
  console.log("");
  console.log("| engine | pages/s | peak RSS (tree) | word accuracy |");
  console.log("| --- | ---: | ---: | ---: |");
  for (const row of rows) {
    console.log(
      `| ${row.name} | ${row.pagesPerSecond.toFixed(2)} | ${mb(row.peak)} | ${(100 * row.accuracy).toFixed(1)}% |`,
    );
  }
  const [mine, same, debian] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
  console.log("");
  console.log(
    `Throughput, Postbag ÷ tesseract (same model): ${(mine.pagesPerSecond / same.pagesPerSecond).toFixed(2)}× (target ≥ 0.7×)`,
  );
  console.log(
    `Throughput, Postbag ÷ tesseract (Debian's model): ${(mine.pagesPerSecond / debian.pagesPerSecond).toFixed(2)}×`,
  );
  console.log(
    `Word accuracy, Postbag − tesseract (same model): ${(100 * (mine.accuracy - same.accuracy)).toFixed(1)} points (target: within 1)`,
  );
  console.log(
    `Word accuracy, Postbag − tesseract (Debian's model): ${(100 * (mine.accuracy - debian.accuracy)).toFixed(1)} points`,
  );
});
