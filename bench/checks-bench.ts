import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runMeasured, type Measured } from "./run-measured.ts";
import { inWorkDir } from "./work-dir.ts";

// `npm run bench:checks`: the publication checks over 1,000 files (250
// each of PDF, Word, Excel and pictures, taken in turn from the public test
// files of test/fixtures/hidden-data), in a pool of two document threads as
// the app runs them: files per second and the peak RSS of the whole process
// tree. Then the PDFs alone, beside Free Law Project's bad-redaction finder
// x-ray (Python and PyMuPDF, two processes) on the same files in the same
// run: throughput as a ratio, and whether the two agree on which files hold
// a bad redaction. Each side is a child process measured from outside.

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const CORPUS = join(ROOT, "test/fixtures/hidden-data");
const PER_KIND = 250;
const KINDS: Record<string, string[]> = {
  pdf: [".pdf"],
  word: [".docx"],
  excel: [".xlsx"],
  picture: [".jpg", ".jpeg", ".png", ".tif", ".tiff"],
};

function corpusFiles(): Record<string, string[]> {
  const all = readdirSync(CORPUS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((folder) =>
      readdirSync(join(CORPUS, folder.name)).map((name) => join(CORPUS, folder.name, name)),
    )
    .sort();
  return Object.fromEntries(
    Object.entries(KINDS).map(([kind, extensions]) => {
      const files = all.filter((file) => extensions.includes(extname(file).toLowerCase()));
      return [kind, Array.from({ length: PER_KIND }, (_, i) => files[i % files.length]!)];
    }),
  );
}

function ensurePeer(): void {
  const ready = () => spawnSync("/usr/bin/python3", ["-c", "import fitz, requests"]).status === 0;
  if (ready()) return;
  console.log("Installing Debian's PyMuPDF for the peer (x-ray)...");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  spawnSync(
    "apt-get",
    ["install", "-y", "-qq", "--no-install-recommends", "python3-fitz", "python3-requests"],
    {
      stdio: "inherit",
      env,
    },
  );
  if (!ready())
    throw new Error("Debian's python3-fitz could not be installed (apt-get install python3-fitz, as root)");
}

async function ours(
  work: string,
  name: string,
  files: string[],
): Promise<{ run: Measured; codes: Record<string, string[]> }> {
  const [list, out] = [join(work, `${name}.txt`), join(work, `${name}.json`)];
  writeFileSync(list, files.join("\n"));
  const run = await runMeasured(process.execPath, [
    "--import",
    "tsx",
    join(ROOT, "bench/checks-run.ts"),
    list,
    out,
  ]);
  if (run.code !== 0) throw new Error(`Postbag's checks failed: ${run.stderr}`);
  return { run, codes: JSON.parse(readFileSync(out, "utf8")) as Record<string, string[]> };
}

async function xray(
  work: string,
  files: string[],
): Promise<{ run: Measured; found: Record<string, number | string> }> {
  const [list, out] = [join(work, "x-ray.txt"), join(work, "x-ray.json")];
  writeFileSync(list, files.join("\n"));
  const run = await runMeasured("/usr/bin/python3", [join(ROOT, "bench/peers/x-ray-run.py"), list, out]);
  if (run.code !== 0) throw new Error(`x-ray failed: ${run.stderr}`);
  return { run, found: JSON.parse(readFileSync(out, "utf8")) as Record<string, number | string> };
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const perSecond = (count: number, run: Measured) => (count / run.seconds).toFixed(1);

await inWorkDir("postbag-bench-checks-", async (work) => {
  ensurePeer();
  const byKind = corpusFiles();
  const mixed = Object.values(byKind).flat();
  console.log(
    `Checking ${mixed.length} files (${PER_KIND} of each kind), then the ${PER_KIND} PDFs with each side...`,
  );
  const all = await ours(work, "mixed", mixed);
  // Throughput over all 250 (files repeat); agreement over each distinct file.
  const pdfs = byKind.pdf!;
  const distinct = [...new Set(pdfs)];
  const oursPdf = await ours(work, "pdf", pdfs);
  const peer = await xray(work, pdfs);

  console.log("");
  console.log("| run | files | files/s | peak RSS (tree) | CPU s |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  const row = (name: string, count: number, run: Measured) =>
    console.log(
      `| ${name} | ${count} | ${perSecond(count, run)} | ${mb(run.peakRssBytes)} | ${run.cpuSeconds.toFixed(1)} |`,
    );
  row("Postbag, mixed files, 2 threads", mixed.length, all.run);
  row("Postbag, PDFs only, 2 threads", pdfs.length, oursPdf.run);
  row("x-ray (PyMuPDF), PDFs only, 2 processes", pdfs.length, peer.run);
  console.log("");
  console.log(`Postbag's PDF throughput: ${(peer.run.seconds / oursPdf.run.seconds).toFixed(2)}× x-ray's.`);

  const bad = (file: string) => (oursPdf.codes[file] ?? []).includes("pdf-text-under-box");
  const peerBad = (file: string) => typeof peer.found[file] === "number" && (peer.found[file] as number) > 0;
  const differ = distinct.filter((file) => bad(file) !== peerBad(file));
  console.log(
    `Bad redactions: Postbag finds ${distinct.filter(bad).length} files, x-ray ${distinct.filter(peerBad).length}; ` +
      `they agree on ${distinct.length - differ.length} of ${distinct.length} distinct files.`,
  );
  for (const file of differ) {
    console.log(
      `  ${file.slice(CORPUS.length + 1)}: Postbag ${bad(file) ? "finds one" : "none"}, x-ray ${peerBad(file) ? "finds one" : String(peer.found[file] ?? "none")}`,
    );
  }
  const failed = Object.entries(all.codes).filter(([, codes]) =>
    codes.some((code) => code.startsWith("failed")),
  );
  if (failed.length > 0)
    console.log(
      `${failed.length} files failed to check: ${failed
        .slice(0, 3)
        .map(([file, codes]) => `${file} (${codes.join(", ")})`)
        .join("; ")}`,
    );
});
