import { createHash } from "node:crypto";
import type { Database } from "../store/database.ts";
import type { QuestionKind } from "../files/read-campaign-yaml.ts";
import { digestTexts, type DigestFrame } from "./digest-sources.ts";
import { queryFor } from "./rank-passages.ts";
import { rankDigest, type DigestToRank, type RankedDigest } from "./rank-digest.ts";
import { saveDigestBuild } from "./digest-store.ts";

// Building a campaign's digest: for each body written to and each question
// (every requested item, then campaign.yaml's own questions), the passages
// of its replies most likely to answer it, best first, with their file and
// page, a value proposed from the best one where the question wants one, and
// the themes across the replies (rank-digest.ts). Kept in the database with
// the stamp of what it was built from: the digest's pages read it, and build
// it again only when the stamp has changed. Nothing here is an answer until
// a person accepts it.

export interface DigestQuestion {
  id: string;
  question: string;
  kind: QuestionKind;
  /** The requested item the question is about, or null for the campaign's own questions. */
  item: string | null;
}

export type BuildProgress = (step: string, done: number, total: number) => void | Promise<void>;

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

export interface BuildDigestDeps {
  database(): Promise<Database>;
  /** Where the ranking runs: a document thread in the app; here, in this thread, when not given. */
  rankDigest?: (input: DigestToRank) => Promise<RankedDigest>;
}

/**
 * Builds the campaign's digest from its replies' texts and keeps it; says
 * when it was built. `frame` and `stamp` are what the caller read to decide
 * the build was due, before any text: texts arriving while this builds make
 * it out of date at once.
 */
export async function buildDigest(
  { frame, stamp, onProgress = () => {} }: { frame: DigestFrame; stamp: string; onProgress?: BuildProgress },
  deps: BuildDigestDeps,
): Promise<{ builtAt: Date; cells: number; themes: number }> {
  const campaign = frame.campaign;
  await onProgress("Reading the replies", 0, frame.bodies.length);
  const texts = await digestTexts(campaign, deps);
  // One piece of work in a document thread: no count to show until it ends.
  await onProgress("Ranking passages and finding themes", 0, 0);
  const input: DigestToRank = {
    bodies: frame.bodies.map((body) => ({
      recipient: body.recipient,
      texts: texts.get(body.recipient) ?? [],
    })),
    questions: digestQuestions(frame).map((question) => ({
      id: question.id,
      kind: question.kind,
      query: queryFor(
        question.question,
        frame.requests.find((request) => request.id === question.item)?.title,
      ),
    })),
    asked: frame.asked,
  };
  const { cells, themes } = await (deps.rankDigest ?? rankDigest)(input);
  await onProgress("Saving", frame.bodies.length, frame.bodies.length);
  const builtAt = await saveDigestBuild({ campaign, stamp, cells, themes }, deps);
  return { builtAt, cells: cells.length, themes: themes.length };
}
