import { createHash } from "node:crypto";
import type { Database } from "../store/database.ts";
import type { QuestionKind } from "../files/read-campaign-yaml.ts";
import { digestFrame, digestTexts, textsStamp, type DigestFrame } from "./digest-sources.ts";
import { passagesOf } from "./passages.ts";
import { proposeValue, type ProposedValue } from "./propose-value.ts";
import { indexPassages, queryFor, rankPassages, type RankedPassage } from "./rank-passages.ts";
import { findThemes, type Theme } from "./themes.ts";
import { saveDigestBuild } from "./digest-store.ts";

// Building a campaign's digest: for each body written to and each question
// (every requested item, then campaign.yaml's own questions), the passages
// of its replies most likely to answer it, best first, with their file and
// page, a value proposed from the best one where the question wants one, and
// the themes across the replies. Kept in the database with the stamp of what
// it was built from: the digest's pages read it, and build it again only
// when the stamp has changed. Nothing here is an answer until a person
// accepts it.

export interface DigestQuestion {
  id: string;
  question: string;
  kind: QuestionKind;
  /** The requested item the question is about, or null for the campaign's own questions. */
  item: string | null;
}

export interface BuiltCell {
  recipient: string;
  question: string;
  passages: RankedPassage[];
  proposed: ProposedValue | null;
}

export type BuildProgress = (step: string, done: number, total: number) => void | Promise<void>;

/** Passages kept for each body and question. */
const TOP = 3;

/** The questions of a campaign's digest: each requested item's, then its own (campaign.yaml's). */
export function digestQuestions(
  frame: Pick<DigestFrame, "requests"> & { questions: readonly Omit<DigestQuestion, "item">[] },
): DigestQuestion[] {
  return [
    ...frame.requests.map((request) => ({
      id: request.id,
      question: `${request.title}: do they have one, and when was it published?`,
      kind: "yes/no" as const,
      item: request.id,
    })),
    ...frame.questions.map((question) => ({ ...question, item: null })),
  ];
}

/** What a build rests on, in a few bytes: the texts' stamp, the questions, the letter and the bodies. */
export function buildStamp(frame: DigestFrame, texts: string): string {
  const rests = [texts, digestQuestions(frame), frame.asked, frame.bodies.map((body) => body.recipient)];
  return createHash("sha256").update(JSON.stringify(rests)).digest("hex");
}

/** Builds the campaign's digest from its replies' texts and keeps it; says when it was built. */
export async function buildDigest(
  { campaign, onProgress = () => {} }: { campaign: string; onProgress?: BuildProgress },
  deps: { database(): Promise<Database> },
): Promise<{ builtAt: Date; cells: number; themes: number }> {
  // The stamp first: texts arriving while this builds make it out of date at once.
  const frame = await digestFrame(campaign, deps);
  const stamp = buildStamp(frame, (await textsStamp(campaign, deps)).stamp);
  await onProgress("Reading the replies", 0, frame.bodies.length);
  const texts = await digestTexts(campaign, deps);
  const bodies = frame.bodies.map((body) => ({
    body: body.recipient,
    passages: (texts.get(body.recipient) ?? []).flatMap(passagesOf),
  }));
  const questions = digestQuestions(frame);
  // Tokenised once for all the questions.
  const index = indexPassages(bodies);
  const cells: BuiltCell[] = [];
  for (const [position, question] of questions.entries()) {
    await onProgress("Ranking passages", position, questions.length);
    const itemTitle = frame.requests.find((request) => request.id === question.item)?.title;
    const ranked = rankPassages(queryFor(question.question, itemTitle), index, TOP);
    for (const body of frame.bodies) {
      const found = ranked.get(body.recipient) ?? [];
      cells.push({
        recipient: body.recipient,
        question: question.id,
        passages: found,
        proposed: found[0] ? proposeValue(question.kind, found[0].sentence) : null,
      });
    }
  }
  await onProgress("Finding themes", 0, bodies.length);
  const themes: Theme[] = await findThemes(
    bodies.map(({ body, passages }) => ({ recipient: body, passages })),
    frame.asked,
  );
  await onProgress("Saving", cells.length, cells.length);
  const builtAt = await saveDigestBuild({ campaign, stamp, cells, themes }, deps);
  return { builtAt, cells: cells.length, themes: themes.length };
}
