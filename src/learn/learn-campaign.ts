import { PostbagError } from "../errors.ts";
import { alignLetters } from "./align/align-letters.ts";
import { FootnoteKeys, keyReferences } from "./align/footnotes.ts";
import { settlePassages, type NoiseNote, type Passage } from "./align/passages.ts";
import { bodyTokens } from "./align/tokens.ts";
import { frameColumns, FRAME_NAMES } from "./frame/frame-columns.ts";
import { senderAndSignatory, type LearnedSender, type LearnedSignatory } from "./frame/sender.ts";
import { parseLetter } from "./parse/parse-letter.ts";
import type { LetterText } from "./read/letter-text.ts";
import { describeLearning, type LearnReport } from "./write/learn-report.ts";
import { writeTemplate } from "./write/template-text.ts";
import { normaliseName } from "../letters/template/names.ts";

// Learns a campaign from letters already sent: the frame of each letter
// becomes recipient columns, the words every letter shares become letter.md,
// and what differs becomes placeholders and conditional text.

export interface LearnedCampaign {
  campaign: {
    title: string;
    date: string;
    sender: LearnedSender;
    signatory: LearnedSignatory;
  };
  letterMarkdown: string;
  recipients: { columns: string[]; rows: string[][] };
  report: LearnReport;
}

export function learnCampaign({
  letters,
  title,
}: {
  letters: LetterText[];
  title?: string;
}): LearnedCampaign {
  if (letters.length === 0) throw new PostbagError("learn", "name at least one letter to learn from");
  const parsed = letters.map(parseLetter);
  const notes = new FootnoteKeys();
  const warnings = letters.flatMap((letter) =>
    (letter.problems ?? []).map((problem) => `${letter.file}: ${problem}`),
  );
  const bodies = parsed.map((letter) =>
    bodyTokens(
      keyReferences(letter.paragraphs, letter.notes, notes, (number) =>
        warnings.push(`${letter.file}: footnote reference ${number} has no note; it was left out`),
      ),
    ),
  );
  const noise: NoiseNote[] = [];
  const passages = settlePassages(alignLetters(bodies), noise);
  warnIfUnrelated(passages, bodies, warnings);
  const frame = frameColumns(parsed, warnings);
  const taken = new Set(FRAME_NAMES.map(normaliseName));
  const template = writeTemplate(passages, notes, taken);
  for (const { letter, field } of template.droppedReferences) {
    warnings.push(
      `${parsed[letter]?.file}: a footnote reference inside "${field}" could not be kept in a value`,
    );
  }
  const date = mostCommon(parsed.map((letter) => letter.date).filter(Boolean)) ?? "";
  if (!date) warnings.push("no letter has a date line: campaign.yaml's date is today's");
  const campaign = {
    title: title ?? `Letters learned from ${letters.length} file${letters.length === 1 ? "" : "s"}`,
    date: date || new Date().toISOString().slice(0, 10),
    ...senderAndSignatory(
      parsed.map((letter) => letter.letterhead),
      mostCommon(parsed.map((letter) => letter.signature.join("\n")))?.split("\n") ?? [],
      warnings,
    ),
  };
  const columns = [...frame.columns, ...template.fields.map((field) => field.name)];
  const rows = frame.rows.map((row, index) => [
    ...row,
    ...template.fields.map((field) => field.values[index] ?? ""),
  ]);
  const report = describeLearning({
    parsed,
    frame,
    template,
    noise,
    warnings,
    notesCount: countNotes(template.markdown),
  });
  return { campaign, letterMarkdown: template.markdown, recipients: { columns, rows }, report };
}

/** Letters that share less than half their words are probably not one campaign's. */
function warnIfUnrelated(passages: Passage[], bodies: string[][], warnings: string[]): void {
  const shared = passages.reduce(
    (count, passage) => count + (passage.kind === "same" ? passage.tokens.length : 0),
    0,
  );
  const longest = Math.max(1, ...bodies.map((body) => body.length));
  if (bodies.length > 1 && shared / longest < 0.5) {
    warnings.push(
      `the letters share only ${Math.round((100 * shared) / longest)}% of their words: are they letters of one campaign?`,
    );
  }
}

function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function countNotes(markdown: string): number {
  return (markdown.match(/^\[\^\d+\]: /gm) ?? []).length;
}
