import type { QuestionKind } from "../files/read-campaign-yaml.ts";
import { passagesOf, type TextToSplit } from "./passages.ts";
import { proposeValue, type ProposedValue } from "./propose-value.ts";
import { indexPassages, rankPassages, type QuestionToRank, type RankedPassage } from "./rank-passages.ts";
import { findThemes, type Theme } from "./themes.ts";

// The digest's work over the replies' words, on plain data alone (no
// database): every body's texts cut into passages, ranked for each
// question, a value proposed from each best passage, and the themes found.
// Seconds of work for hundreds of long replies, so the app runs it in a
// document thread (documents/pool), away from the server's own thread.

export interface DigestToRank {
  bodies: { recipient: string; texts: TextToSplit[] }[];
  questions: { id: string; kind: QuestionKind; query: QuestionToRank }[];
  /** What the campaign asked, in words: its phrases are not themes. */
  asked: string;
}

export interface BuiltCell {
  recipient: string;
  question: string;
  passages: RankedPassage[];
  proposed: ProposedValue | null;
}

export interface RankedDigest {
  cells: BuiltCell[];
  themes: Theme[];
}

/** Passages kept for each body and question. */
const TOP = 3;

export async function rankDigest({ bodies, questions, asked }: DigestToRank): Promise<RankedDigest> {
  const passages = bodies.map(({ recipient, texts }) => ({
    body: recipient,
    passages: texts.flatMap(passagesOf),
  }));
  // Tokenised once for all the questions.
  const index = indexPassages(passages);
  const cells: BuiltCell[] = [];
  for (const question of questions) {
    const ranked = rankPassages(question.query, index, TOP);
    for (const { recipient } of bodies) {
      const found = ranked.get(recipient) ?? [];
      cells.push({
        recipient,
        question: question.id,
        passages: found,
        proposed: found[0] ? proposeValue(question.kind, found[0].sentence) : null,
      });
    }
  }
  const themes = await findThemes(
    passages.map(({ body, passages }) => ({ recipient: body, passages })),
    asked,
  );
  return { cells, themes };
}
