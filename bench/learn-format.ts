import type { LearnReport, RatedRun } from "./learn-report.ts";

// The learn bench report as a table: per format, rendering the letters (the
// peer) and learning them back, with learn's time as a ratio to rendering;
// then the targets with PASS/FAIL, and a warning when the machine was busy.

const num = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");
const COLUMNS = [
  "letters",
  "render s",
  "learn s",
  "letters/s",
  "s/1,000",
  "peak RSS (MB)",
  "CPU s",
  "others' CPU s",
  "× render txt",
  "× render same",
];
const WIDTHS = [8, 10, 9, 11, 9, 15, 8, 15, 14, 15];
const line = (name: string, cells: string[]) =>
  name.padEnd(8) + cells.map((cell, i) => cell.padStart(WIDTHS[i] ?? 10)).join("");

const row = ({ format, render, learn, secondsPer1000, ratios }: RatedRun) =>
  line(format, [
    String(learn.letters),
    num(render.seconds),
    num(learn.seconds),
    num(learn.lettersPerSecond),
    num(secondsPer1000),
    num(learn.peakRssMb),
    num(learn.cpuSeconds),
    num(learn.otherCpuSeconds),
    `${num(ratios.renderTxt, 2)}x`,
    `${num(ratios.renderSame, 2)}x`,
  ]);

export function formatLearnReport(report: LearnReport): string {
  const busy = Math.max(
    ...report.runs.map(({ learn }) => learn.otherCpuSeconds / (learn.seconds * report.cores)),
  );
  return [
    `Learn benchmark on ${report.cores} cores (the target is for 2 cores): \`postbag learn <folder> --json\``,
    "on letters `postbag render` made in this run, each command a child process timed from spawn to exit.",
    "CPU s, peak RSS and others' CPU s are learn's; × render = learn's seconds over render's for the same letters.",
    "",
    line("", COLUMNS),
    ...report.runs.map(row),
    "",
    ...report.targets.map((t) => {
      const value = typeof t.value === "number" ? num(t.value) : t.value;
      return `${t.name.padEnd(36)}${t.target.padEnd(12)}${t.pass ? "PASS" : "FAIL"}  ${value}`;
    }),
    ...report.runs.flatMap(({ format, check }) => check.problems.map((problem) => `${format}: ${problem}`)),
    ...(busy > 0.1
      ? [
          "",
          `Note: other processes kept up to ${(busy * 100).toFixed(0)}% of the machine's CPU busy during a learn run,`,
          "so its wall time and letters/s are pessimistic (the ratios less so); run again on a quiet machine.",
        ]
      : []),
  ].join("\n");
}
