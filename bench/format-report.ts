import type { Rated, Report } from "./report.ts";

// The bench report as a table, with a warning when the machine was busy with
// other work: then the wall times (and letters/s) are pessimistic.

const cell = (value: string | number, width: number) =>
  (typeof value === "number" ? value.toFixed(1) : value).padStart(width);

const COLUMNS = ["letters", "seconds", "letters/s", "peak RSS (MB)", "CPU s", "others' CPU s"];
const WIDTHS = [8, 10, 11, 15, 9, 15];
const line = (name: string, cells: (string | number)[]) =>
  name.padEnd(16) + cells.map((value, i) => cell(value, WIDTHS[i] ?? 10)).join("");

const row = (name: string, f: Rated) =>
  line(name, [
    String(f.letters),
    f.seconds,
    f.lettersPerSecond,
    f.peakRssMb,
    f.cpuSeconds,
    f.otherCpuSeconds,
  ]);

export function formatReport(report: Report): string {
  const { postbag, peer } = report;
  const busy = postbag.otherCpuSeconds / (postbag.seconds * report.cores);
  return [
    `Render benchmark on ${report.cores} cores (the targets are for 2 cores)`,
    "",
    line("", COLUMNS),
    row("postbag (pdf)", postbag),
    "missing" in peer ? `WeasyPrint      not measured: ${peer.missing}` : row(peer.name, peer),
    "",
    ...report.targets.map((t) => {
      const verdict = t.pass === null ? "n/a" : t.pass ? "PASS" : "FAIL";
      return `${t.name.padEnd(30)}${cell(t.value, 8)}   target ${t.target.padEnd(7)} ${verdict}`;
    }),
    ...(busy > 0.1
      ? [
          "",
          `Note: other processes kept ${(busy * 100).toFixed(0)}% of the machine's CPU busy during postbag's run,`,
          "so its wall time and letters/s are pessimistic; run again on a quiet machine.",
        ]
      : []),
  ].join("\n");
}
