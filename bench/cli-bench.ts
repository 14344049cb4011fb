import { spawnSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { POSTGRES_URL } from "./records-databases.ts";
import { runMeasured, type Measured } from "./run-measured.ts";
import { inWorkDir } from "./work-dir.ts";

// `npm run bench:cli` (issue 14): how long a command takes to answer, as a
// user runs it. Wall time and peak memory of `postbag --help`, `postbag
// deadline` and `postbag status` on PGlite, medians of RUNS runs each, beside
// `node -e 0` (the floor of any Node program) and `psql -c 'select 1'` (a
// database client that does nothing) measured in the same run, so the figures
// are read as differences and ratios on a shared, noisy machine.
// Targets on 2 cores: --help and deadline within 0.4 s of node -e 0; status
// on PGlite under 1.5 s.

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const POSTBAG = join(ROOT, "bin/postbag");
const RUNS = Number(process.env.BENCH_RUNS ?? 10);

interface Row {
  name: string;
  wallSeconds: number;
  peakRssMb: number;
  cpuSeconds: number;
}

async function medianOf(name: string, command: string, args: string[], env = process.env): Promise<Row> {
  const runs: Measured[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const measured = await runMeasured(command, args, env);
    if (measured.code !== 0) throw new Error(`${name} exited ${measured.code}: ${measured.stderr}`);
    runs.push(measured);
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  return {
    name,
    wallSeconds: median(runs.map((run) => run.seconds)),
    peakRssMb: median(runs.map((run) => run.peakRssBytes / 1024 / 1024)),
    cpuSeconds: median(runs.map((run) => run.cpuSeconds)),
  };
}

await inWorkDir("postbag-bench-cli-", async (work) => {
  const data = join(work, "data");
  const env = { ...process.env, POSTBAG_DATA: data };
  // The bundle is made (or found current) and the campaign imported before anything is timed.
  const imported = spawnSync(process.execPath, [POSTBAG, "import", join(ROOT, "examples/vru-2020")], {
    env,
    encoding: "utf8",
  });
  if (imported.status !== 0) throw new Error(`import failed: ${imported.stderr}`);

  const rows = [
    await medianOf("node -e 0", process.execPath, ["-e", "0"]),
    await medianOf("postbag --help", process.execPath, [POSTBAG, "--help"]),
    await medianOf("postbag deadline", process.execPath, [
      POSTBAG,
      "deadline",
      "--from",
      "2020-12-20",
      "--working-days",
      "20",
    ]),
    await medianOf("postbag status (PGlite)", process.execPath, [POSTBAG, "status", "vru-2020"], env),
  ];
  if (POSTGRES_URL) rows.push(await medianOf("psql -c 'select 1'", "psql", [POSTGRES_URL, "-c", "select 1"]));
  else console.log("(psql peer left out: set POSTBAG_BENCH_POSTGRES_URL to a PostgreSQL server)");

  const node = rows[0]?.wallSeconds ?? 0;
  /** Each target, read against node -e 0 measured in the same run. */
  const verdict = (row: Row): string => {
    if (row.name === "postbag --help" || row.name === "postbag deadline") {
      return row.wallSeconds - node <= 0.4 ? "target met: within 0.4 s of node" : "TARGET MISSED: 0.4 s";
    }
    if (row.name.startsWith("postbag status")) {
      return row.wallSeconds < 1.5 ? "target met: under 1.5 s" : "TARGET MISSED: 1.5 s";
    }
    return "";
  };
  console.log(`Medians of ${RUNS} runs each (wall time, CPU time, peak RSS of the process tree):`);
  for (const row of rows) {
    const against = `+${(row.wallSeconds - node).toFixed(2)} s, ${(row.wallSeconds / node).toFixed(1)}× node`;
    console.log(
      `  ${row.name.padEnd(26)} ${row.wallSeconds.toFixed(2)} s (${against})  cpu ${row.cpuSeconds.toFixed(2)} s  ${row.peakRssMb.toFixed(0)} MB  ${verdict(row)}`,
    );
  }
  await mkdir(join(ROOT, ".bench"), { recursive: true });
  await writeFile(join(ROOT, ".bench/cli-bench.json"), `${JSON.stringify({ runs: RUNS, rows }, null, 2)}\n`);
});
