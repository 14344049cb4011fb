import type { NoiseNote } from "../align/passages.ts";
import type { FrameColumns } from "../frame/frame-columns.ts";
import type { ParsedLetter } from "../parse/parse-letter.ts";
import type { LearnedTemplate } from "./template-text.ts";

// What learning found, for the person who will check it: which file became
// which recipient, what varies between letters (and how much), what was set
// aside as conversion noise, and anything guessed.

export interface LearnReport {
  letters: Array<{ file: string; id: string }>;
  /** Every column of recipients.csv: frame columns, passages that differ, conditional passages. */
  columns: Array<{
    name: string;
    kind: "frame" | "text" | "flag";
    distinct: number;
    present: number;
    example: string;
  }>;
  footnotes: number;
  noise: Array<{ file: string; read: string; kept: string }>;
  warnings: string[];
}

interface Inputs {
  parsed: ParsedLetter[];
  frame: FrameColumns;
  template: LearnedTemplate;
  noise: NoiseNote[];
  warnings: string[];
  notesCount: number;
}

export function describeLearning({
  parsed,
  frame,
  template,
  noise,
  warnings,
  notesCount,
}: Inputs): LearnReport {
  const frameColumns = frame.columns.map((name, index) =>
    summarise(
      name,
      "frame",
      frame.rows.map((row) => row[index] ?? ""),
    ),
  );
  const passages = template.fields.map((field) => ({
    ...summarise(field.name, field.kind, field.values),
    ...(field.text !== undefined ? { example: field.text } : {}),
  }));
  return {
    letters: parsed.map((letter, index) => ({ file: letter.file, id: frame.rows[index]?.[0] ?? "" })),
    columns: [...frameColumns, ...passages],
    footnotes: notesCount,
    noise: noise.map((note) => ({ file: parsed[note.letter]?.file ?? "", read: note.read, kept: note.kept })),
    warnings,
  };
}

function summarise(name: string, kind: "frame" | "text" | "flag", values: string[]) {
  const present = values.filter((value) => value !== "" && value !== "no");
  return { name, kind, distinct: new Set(values).size, present: present.length, example: present[0] ?? "" };
}

/** The report as a person reads it (also written to the campaign folder as learn-report.md). */
export function reportText(report: LearnReport, out: string): string {
  const total = report.letters.length;
  const lines = [`Learned a campaign from ${total} letter${total === 1 ? "" : "s"} into ${out}`, ""];
  const passages = report.columns.filter((column) => column.kind !== "frame");
  lines.push(
    `What varies between the letters (${passages.length} passage${passages.length === 1 ? "" : "s"} in letter.md):`,
  );
  for (const column of passages) {
    const what =
      column.kind === "flag"
        ? `conditional text, in ${column.present} of ${total} letters`
        : `a passage that differs, ${column.distinct} different value${column.distinct === 1 ? "" : "s"}`;
    lines.push(`  ((${column.name})): ${what}: "${shorten(column.example)}"`);
  }
  lines.push("", "The frame of each letter, as columns:");
  for (const column of report.columns.filter((c) => c.kind === "frame")) {
    lines.push(`  ${column.name}: ${column.distinct} different value${column.distinct === 1 ? "" : "s"}`);
  }
  lines.push("", `Footnotes: ${report.footnotes}`);
  if (report.noise.length > 0) {
    lines.push("", "Differences set aside as conversion noise (the most common reading kept):");
    for (const note of report.noise)
      lines.push(`  ${note.file}: "${shorten(note.read)}" read as "${shorten(note.kept)}"`);
  }
  if (report.warnings.length > 0)
    lines.push("", "Check these:", ...report.warnings.map((warning) => `  ${warning}`));
  lines.push(
    "",
    "Letters and their recipient ids:",
    ...report.letters.map((letter) => `  ${letter.id}: ${letter.file}`),
  );
  return `${lines.join("\n")}\n`;
}

function shorten(text: string): string {
  return text.length > 70 ? `${text.slice(0, 67)}…` : text;
}
