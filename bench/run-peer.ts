import { spawnSync } from "node:child_process";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { prepareLetters } from "../src/campaigns/prepare-letters.ts";
import { readCampaignFolder } from "../src/files/read-campaign-folder.ts";
import { peerHtml } from "./peer-html.ts";
import type { Figures } from "./report.ts";
import { runMeasured } from "./run-measured.ts";

// The peer: WeasyPrint renders the first `count` letters of the same
// campaign, in one Python process. Debian's python3, not a PATH one (pyenv
// and virtualenvs do not see the Debian `weasyprint` module).
const PYTHON = "/usr/bin/python3";
const SCRIPT = fileURLToPath(new URL("./weasyprint-peer.py", import.meta.url));

export interface PeerResult extends Figures {
  /** WeasyPrint's version; `seconds` is its rendering loop only, timed inside the script. */
  version: string;
}

/** Why the peer cannot run here, or null when it can. */
export function peerMissing(): string | null {
  const probe = spawnSync(PYTHON, ["-c", "import weasyprint"], { encoding: "utf8" });
  if (probe.error) return `${PYTHON} not found (install the Debian package weasyprint)`;
  return probe.status === 0 ? null : `${PYTHON} cannot import weasyprint (apt-get install weasyprint)`;
}

export async function runPeer(campaignDir: string, workDir: string, count: number): Promise<PeerResult> {
  const letters = prepareLetters(await readCampaignFolder(campaignDir)).slice(0, count);
  const htmlDir = join(workDir, "html");
  const pdfDir = join(workDir, "pdf");
  await mkdir(htmlDir, { recursive: true });
  await Promise.all(letters.map((letter) => writeFile(join(htmlDir, `${letter.id}.html`), peerHtml(letter))));
  const run = await runMeasured(PYTHON, [SCRIPT, htmlDir, pdfDir]);
  if (run.code !== 0) throw new Error(`the WeasyPrint peer failed (exit ${run.code}):\n${run.stderr}`);
  const report = JSON.parse(run.stdout.trim().split("\n").pop() ?? "{}") as {
    weasyprint: string;
    letters: number;
    seconds: number;
    maxrss_bytes: number;
  };
  const pdfs = (await readdir(pdfDir)).filter((name) => name.endsWith(".pdf")).length;
  if (pdfs !== letters.length) throw new Error(`the peer wrote ${pdfs} PDFs, expected ${letters.length}`);
  return {
    version: report.weasyprint,
    letters: report.letters,
    seconds: report.seconds,
    // Sampled from outside and getrusage from inside: the larger is the truth.
    peakRssBytes: Math.max(run.peakRssBytes, report.maxrss_bytes),
    cpuSeconds: run.cpuSeconds,
    otherCpuSeconds: run.otherCpuSeconds,
  };
}
