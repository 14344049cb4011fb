import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeCampaign } from "./make-campaign.ts";
import { formatReport, makeReport } from "./report.ts";
import { peerMissing, runPeer } from "./run-peer.ts";
import { runMeasured } from "./run-measured.ts";

// `npm run bench`: issue 2, item 9. Renders BENCH_LETTERS distinct letters to
// PDF with `bin/postbag render` as a child process (wall time, whole-tree
// peak RSS), then BENCH_PEER_LETTERS of the same letters with WeasyPrint,
// one after the other so that neither slows the other down.
const ROOT = fileURLToPath(new URL("../", import.meta.url));
const LETTERS = Number(process.env.BENCH_LETTERS ?? 2000);
const PEER_LETTERS = Math.min(LETTERS, Number(process.env.BENCH_PEER_LETTERS ?? 200));

const work = await mkdtemp(join(tmpdir(), "postbag-bench-"));
try {
  const campaign = await makeCampaign(join(work, "campaign"), LETTERS);
  const out = join(work, "out");
  console.log(`Rendering ${LETTERS} distinct letters with postbag...`);
  const run = await runMeasured(process.execPath, [
    join(ROOT, "bin/postbag"),
    "render",
    campaign,
    "--out",
    out,
    "--format",
    "pdf",
    "--json",
  ]);
  if (run.code !== 0) throw new Error(`postbag render failed (exit ${run.code}):\n${run.stderr}`);
  const pdfs = (await readdir(out)).filter((name) => name.endsWith(".pdf")).length;
  if (pdfs !== LETTERS) throw new Error(`postbag wrote ${pdfs} PDFs, expected ${LETTERS}`);
  await rm(out, { recursive: true }); // free the disk before the peer runs

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

  const report = makeReport({ letters: LETTERS, seconds: run.seconds, peakRssBytes: run.peakRssBytes }, peer);
  console.log(`\n${formatReport(report)}`);
  await mkdir(join(ROOT, ".bench"), { recursive: true });
  await writeFile(join(ROOT, ".bench/render-bench.json"), `${JSON.stringify(report, null, 2)}\n`);
  console.log("\nWritten to .bench/render-bench.json");
} finally {
  await rm(work, { recursive: true, force: true });
}
