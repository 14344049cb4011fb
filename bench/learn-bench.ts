import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { inWorkDir } from "./work-dir.ts";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import type { Format } from "../src/letters/model.ts";
import { checkLearned } from "./learn-check.ts";
import { formatLearnReport } from "./learn-format.ts";
import { makeLearnCampaign } from "./learn-campaign.ts";
import { makeLearnReport, type FormatRun } from "./learn-report.ts";
import type { Figures } from "./report.ts";
import { runMeasured, type Measured } from "./run-measured.ts";

// `npm run bench:learn`: BENCH_LEARN_LETTERS distinct letters of the seed
// campaign rendered by `bin/postbag render` as txt, html, docx and pdf (the
// first BENCH_LEARN_PDF_LETTERS of them), one format at a time, then learned
// back by `bin/postbag learn <folder> --json`, each a child process measured
// from outside (wall time, whole-tree peak RSS, CPU). The render of the same
// letters is the peer: learn's time is also given as a ratio to it. One
// command after the other, so that none slows another down.
const ROOT = fileURLToPath(new URL("../", import.meta.url));
const whole = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number above 0`);
  return value;
};
const LETTERS = whole("BENCH_LEARN_LETTERS", 1000);
const PDF_LETTERS = Math.min(LETTERS, whole("BENCH_LEARN_PDF_LETTERS", LETTERS));
const FORMATS: Format[] = ["txt", "html", "docx", "pdf"];

const postbag = (args: string[]) => runMeasured(process.execPath, [join(ROOT, "bin/postbag"), ...args]);
const figures = (letters: number, run: Measured): Figures => {
  const { seconds, peakRssBytes, cpuSeconds, otherCpuSeconds } = run;
  return { letters, seconds, peakRssBytes, cpuSeconds, otherCpuSeconds };
};

async function benchFormat(format: Format, campaign: string, work: string, count: number) {
  const letters = join(work, `letters-${format}`);
  const learned = join(work, `learned-${format}`);
  console.log(`Rendering ${count} letters as ${format}, then learning them back...`);
  const render = await postbag(["render", campaign, "--out", letters, "--format", format, "--json"]);
  if (render.code !== 0) throw new Error(`postbag render failed (exit ${render.code}):\n${render.stderr}`);
  const files = (await readdir(letters)).filter((name) => name.endsWith(`.${format}`)).length;
  if (files !== count) throw new Error(`postbag render wrote ${files} ${format} files, expected ${count}`);
  const learn = await postbag(["learn", letters, "--out", learned, "--json"]);
  if (learn.code !== 0)
    throw new Error(`postbag learn ${format} failed (exit ${learn.code}):\n${learn.stderr}`);
  const report = JSON.parse(learn.stdout) as { letters: unknown[] };
  if (report.letters.length !== count) {
    throw new Error(`postbag learn ${format} read ${report.letters.length} letters, expected ${count}`);
  }
  return { render: figures(count, render), learn: figures(count, learn), learned, letters };
}

async function main(work: string): Promise<void> {
  const rows = await makeLearnCampaign(join(work, "campaign"), LETTERS);
  const pdfCampaign = join(work, "campaign-pdf");
  if (PDF_LETTERS < LETTERS) await makeLearnCampaign(pdfCampaign, PDF_LETTERS);
  const runs: FormatRun[] = [];
  for (const format of FORMATS) {
    const subset = format === "pdf" && PDF_LETTERS < LETTERS;
    const count = subset ? PDF_LETTERS : LETTERS;
    const run = await benchFormat(format, subset ? pdfCampaign : join(work, "campaign"), work, count);
    const check = await checkLearned(run.learned, rows.slice(0, count));
    runs.push({ format, render: run.render, learn: run.learn, check });
    await rm(run.letters, { recursive: true }); // 1,000 PDFs are ~40 MB: free the disk as we go
    await rm(run.learned, { recursive: true });
  }
  const report = makeLearnReport(runs);
  console.log(`\n${formatLearnReport(report)}`);
  await mkdir(join(ROOT, ".bench"), { recursive: true });
  await writeFile(join(ROOT, ".bench/learn-bench.json"), `${JSON.stringify(report, null, 2)}\n`);
  console.log("\nWritten to .bench/learn-bench.json");
  // A miss of the time target is a figure to read; a wrong campaign is a failure.
  if (runs.some((run) => run.check.problems.length > 0)) process.exitCode = 1;
}

const started = performance.now();
await inWorkDir("postbag-learn-bench-", main);
console.log(`bench:learn took ${((performance.now() - started) / 1000).toFixed(0)} s in all`);
