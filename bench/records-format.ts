import type { Plan } from "./records-plans.ts";
import type { KindReport, RecordsReport } from "./records-report.ts";

// The records bench report as two tables: the figures per database, with the
// hand-written SQL peers and the ratios, then the targets with PASS/FAIL.

const num = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");
const COLUMNS = [
  "seed s",
  "status med",
  "p95",
  "hand SQL",
  "ratio",
  "overdue med",
  "p95",
  "hand SQL",
  "ratio",
];
const WIDTHS = [8, 12, 7, 10, 7, 13, 8, 10, 7];
const line = (name: string, cells: string[]) =>
  name.padEnd(10) + cells.map((cell, i) => cell.padStart(WIDTHS[i] ?? 8)).join("");

const row = (k: KindReport) =>
  line(k.kind, [
    num(k.seed.seconds),
    num(k.status.medianMs, 2),
    num(k.status.p95Ms, 2),
    num(k.statusHand.medianMs, 2),
    `${num(k.ratios.status, 2)}x`,
    num(k.overdue.medianMs),
    num(k.overdue.p95Ms),
    num(k.overdueHand.medianMs),
    `${num(k.ratios.overdue, 2)}x`,
  ]);

const targets = (k: KindReport) =>
  k.targets.map((t) => {
    const value = typeof t.value === "number" ? num(t.value, 2) : t.value;
    return `${k.kind.padEnd(10)}${t.name.padEnd(40)}${t.target.padEnd(18)}${t.pass ? "PASS" : "FAIL"}  ${value}`;
  });

export function formatRecordsReport(report: RecordsReport): string {
  const { size } = report;
  const count = (n: number) => n.toLocaleString("en-GB");
  return [
    `Records benchmark on ${report.cores} cores: ${count(size.campaigns)} campaigns × ${count(size.recipientsPerCampaign)} recipients`,
    `(${count(size.letters)} letters, ${count(size.letterItems)} requested items, ${count(size.auditEntries)} audit entries), as of ${report.asOf}`,
    "Times in ms; ratio = the use case's median over the hand-written SQL's median.",
    "",
    line("", COLUMNS),
    ...report.databases.map(row),
    "",
    ...report.databases.map(
      (k) =>
        `${k.kind.padEnd(10)}${k.server}: ${count(k.overdueLetters)} overdue letters listed, ` +
        `${num((k.overdue.medianMs * 1000) / k.overdueLetters)} ms per 1,000 (as a row per letter by hand: ` +
        `${num(k.overdueHandRows.medianMs)} ms); ANALYZE ${num(k.analyzeSeconds)} s`,
    ),
    "",
    ...report.databases.map(
      (k) =>
        `${k.kind.padEnd(10)}audit entries appended: ${num(k.instances.audit.oneWriterPerSecond, 0)}/s by one writer, ` +
        `${num(k.instances.audit.eightWritersPerSecond, 0)}/s by 8 at once (${num(k.instances.audit.ratio, 2)}x); ` +
        `status and overdue on ${k.instances.instances} instance(s) at once: p95 ${num(k.instances.status.p95Ms, 2)} ms, ` +
        `${num(k.instances.overdue.p95Ms)} ms`,
    ),
    "",
    ...report.databases.flatMap(targets),
    ...(report.notes.length ? ["", ...report.notes] : []),
  ].join("\n");
}

export function formatPlans(title: string, plans: Plan[]): string {
  const shown = plans.map((plan) => [`  ${plan.sql}`, ...plan.lines.map((line) => `    ${line}`)].join("\n"));
  return [`${title}:`, ...shown].join("\n\n");
}
