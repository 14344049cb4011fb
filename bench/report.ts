import { availableParallelism } from "node:os";

// The figures of one bench run, judged against issue 2's targets (stated
// for 2 cores), as a table for people and as JSON for the record.

export interface Figures {
  letters: number;
  seconds: number;
  peakRssBytes: number;
}

export interface Report {
  date: string;
  cores: number;
  env: { POSTBAG_RENDER_WORKERS?: string; POSTBAG_RECYCLE_AFTER?: string };
  postbag: Figures & { lettersPerSecond: number; peakRssMb: number };
  peer: (Figures & { name: string; lettersPerSecond: number; peakRssMb: number }) | { missing: string };
  targets: { name: string; value: number; target: string; pass: boolean | null }[];
}

const MB = 1024 * 1024;
const withRates = <T extends Figures>(f: T) => ({
  ...f,
  lettersPerSecond: f.letters / f.seconds,
  peakRssMb: f.peakRssBytes / MB,
});

export function makeReport(
  postbag: Figures,
  peer: (Figures & { name: string }) | { missing: string },
): Report {
  const ours = withRates(postbag);
  const theirs = "missing" in peer ? peer : withRates(peer);
  const ratio = "missing" in theirs ? NaN : ours.lettersPerSecond / theirs.lettersPerSecond;
  return {
    date: new Date().toISOString(),
    cores: availableParallelism(),
    env: {
      POSTBAG_RENDER_WORKERS: process.env.POSTBAG_RENDER_WORKERS,
      POSTBAG_RECYCLE_AFTER: process.env.POSTBAG_RECYCLE_AFTER,
    },
    postbag: ours,
    peer: theirs,
    targets: [
      {
        name: "PDF letters/s",
        value: ours.lettersPerSecond,
        target: ">= 100",
        pass: ours.lettersPerSecond >= 100,
      },
      {
        name: "peak RSS, MB (whole tree)",
        value: ours.peakRssMb,
        target: "<= 600",
        pass: ours.peakRssMb <= 600,
      },
      {
        name: "times WeasyPrint's letters/s",
        value: ratio,
        target: ">= 10",
        pass: Number.isNaN(ratio) ? null : ratio >= 10,
      },
    ],
  };
}

const cell = (value: string | number, width: number) =>
  (typeof value === "number" ? value.toFixed(1) : value).padStart(width);

export function formatReport(report: Report): string {
  const row = (name: string, f: Figures & { lettersPerSecond: number; peakRssMb: number }) =>
    `${name.padEnd(16)}${cell(String(f.letters), 8)}${cell(f.seconds, 10)}${cell(f.lettersPerSecond, 11)}${cell(f.peakRssMb, 15)}`;
  const { peer } = report;
  const lines = [
    `Render benchmark, ${report.cores} cores (targets are for 2 cores)`,
    "",
    `${"".padEnd(16)}${cell("letters", 8)}${cell("seconds", 10)}${cell("letters/s", 11)}${cell("peak RSS (MB)", 15)}`,
    row("postbag (pdf)", report.postbag),
    "missing" in peer ? `WeasyPrint      not measured: ${peer.missing}` : row(peer.name, peer),
    "",
    ...report.targets.map(
      (t) =>
        `${t.name.padEnd(30)}${cell(t.value, 8)}  target ${t.target.padEnd(7)} ${t.pass === null ? "n/a" : t.pass ? "PASS" : "FAIL"}`,
    ),
  ];
  return lines.join("\n");
}
