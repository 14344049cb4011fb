import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { inWorkDir } from "./work-dir.ts";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatReport } from "./format-report.ts";
import { makeCampaign } from "./make-campaign.ts";
import { makeReport, type Figures } from "./report.ts";
import { peerMissing, runPeer } from "./run-peer.ts";
import { runMeasured } from "./run-measured.ts";

// `npm run bench` (issue 2, item 9): BENCH_LETTERS distinct letters to PDF by
// `bin/postbag render` as a child process, measured from outside (wall time,
// whole-tree peak RSS); then BENCH_PEER_LETTERS of the same letters by
// WeasyPrint. One after the other, so that neither slows the other down.
const ROOT = fileURLToPath(new URL("../", import.meta.url));
const LETTERS = Number(process.env.BENCH_LETTERS ?? 2000);
const PEER_LETTERS = Math.min(LETTERS, Number(process.env.BENCH_PEER_LETTERS ?? 200));

async function benchPostbag(campaign: string, out: string): Promise<Figures> {
  console.log(`Rendering ${LETTERS} distinct letters with postbag...`);
  const args = ["render", campaign, "--out", out, "--format", "pdf", "--json"];
  const run = await runMeasured(process.execPath, [join(ROOT, "bin/postbag"), ...args]);
  if (run.code !== 0) throw new Error(`postbag render failed (exit ${run.code}):\n${run.stderr}`);
  const pdfs = (await readdir(out)).filter((name) => name.endsWith(".pdf")).length;
  if (pdfs !== LETTERS) throw new Error(`postbag wrote ${pdfs} PDFs, expected ${LETTERS}`);
  await rm(out, { recursive: true }); // 2,000 PDFs are ~80 MB: free the disk before the peer runs
  const { seconds, peakRssBytes, cpuSeconds, otherCpuSeconds } = run;
  return { letters: LETTERS, seconds, peakRssBytes, cpuSeconds, otherCpuSeconds };
}

async function main(work: string): Promise<void> {
  const campaign = await makeCampaign(join(work, "campaign"), LETTERS);
  const postbag = await benchPostbag(campaign, join(work, "out"));
  const missing = peerMissing();
  if (missing && process.env.CI === "true") throw new Error(`the peer cannot run: ${missing}`);
  if (missing) console.log(`WeasyPrint is missing (${missing}): measuring postbag alone.`);
  else console.log(`Rendering ${PEER_LETTERS} of the same letters with WeasyPrint, in one process...`);
  const peer = missing
    ? { missing }
    : await runPeer(campaign, join(work, "peer"), PEER_LETTERS).then((p) => ({
        ...p,
        name: `WeasyPrint ${p.version}`,
      }));
  const report = makeReport(postbag, peer);
  console.log(`\n${formatReport(report)}`);
  await mkdir(join(ROOT, ".bench"), { recursive: true });
  await writeFile(join(ROOT, ".bench/render-bench.json"), `${JSON.stringify(report, null, 2)}\n`);
  console.log("\nWritten to .bench/render-bench.json");
}

await inWorkDir("postbag-bench-", main);
