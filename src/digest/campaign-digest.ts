import type { TaskView } from "../tasks/background-tasks.ts";
import { buildStamp, digestQuestions, type BuildProgress, type DigestQuestion } from "./build-digest.ts";
import { digestFrame, textsStamp, type DigestAnswer } from "./digest-sources.ts";
import { readDigestBuild, readDigestCells, type StoredCell } from "./digest-store.ts";
import { refreshDigest, type Refresh, type RefreshDeps } from "./refresh-digest.ts";
import type { ProposedValue } from "./propose-value.ts";
import type { RankedPassage } from "./rank-passages.ts";
import { tidiedThemes, type DigestTheme } from "./tidied-themes.ts";

// A campaign's digest as people see it: the last build's proposals (its
// passages and values, kept in the database) under people's decisions and
// their tidying of the themes, with the items' states as they are now. When
// the replies have changed since the build, it is built again: while the
// request waits when that is quick, else in the background, the page saying
// so and how far it got.

export type { DigestQuestion } from "./build-digest.ts";
export type { DigestTheme } from "./tidied-themes.ts";

export interface DigestCell {
  question: string;
  /** The item's state on the body's letter (received, declined...), for an item's question. */
  itemState: string | null;
  passages: RankedPassage[];
  proposed: ProposedValue | null;
  /** A person's decision on the proposal, once made. */
  answer: Pick<
    DigestAnswer,
    "decision" | "value" | "quote" | "file" | "page" | "decidedBy" | "decidedAt"
  > | null;
}

export interface CampaignDigest {
  campaign: string;
  title: string;
  questions: DigestQuestion[];
  /** The bodies asked for (a page of them, or all), each with a cell per question. */
  bodies: { recipient: string; name: string; cells: DigestCell[] }[];
  /** Phrases that recur across bodies' replies, as people have tidied them, most bodies first. */
  themes: DigestTheme[];
  /** Every body written to (the themes' matrix names them all). */
  names: Record<string, string>;
  paging: { page: number; pages: number; perPage: number; bodies: number };
  /** When the campaign and its digest were published, if they are (publishing/public-digest.ts shows which answers). */
  published: { campaign: Date | null; digest: Date | null };
  /** Cells a person accepted, over every body (not only the page's). */
  accepted: number;
  build: {
    builtAt: Date | null;
    /** Built from the replies as they are now. */
    current: boolean;
    /** The build under way in the background, if one is. */
    task: TaskView | null;
  };
}

export interface CampaignDigestOptions {
  campaign: string;
  /** One question's column alone. */
  question?: string;
  /** Some bodies alone. */
  recipients?: string[];
  /** Bodies a page; all when not given. */
  perPage?: number;
  /** From 1. */
  page?: number;
  refresh?: Refresh;
  /** How a build while this waits is going (the command line's progress bar). */
  onProgress?: BuildProgress;
  /** Who asked: the background build's task names them. */
  actor?: string;
}

export async function campaignDigest(
  {
    campaign,
    question,
    recipients,
    perPage,
    page = 1,
    refresh = "background",
    actor = "postbag",
    onProgress,
  }: CampaignDigestOptions,
  deps: RefreshDeps,
): Promise<CampaignDigest> {
  let frame = await digestFrame(campaign, deps);
  const texts = await textsStamp(campaign, deps);
  let build = await readDigestBuild(campaign, deps);
  const stamp = buildStamp(frame, texts.stamp);
  let task: TaskView | null = null;
  if (build?.stamp !== stamp && refresh !== "never") {
    task = await refreshDigest(
      { campaign, actor, refresh, bytes: texts.bytes, ...(onProgress ? { onProgress } : {}) },
      deps,
    );
    if (!task) {
      // Built while this waited: read again, decisions taken meanwhile included.
      frame = await digestFrame(campaign, deps);
      build = await readDigestBuild(campaign, deps);
    }
  }
  const questions = digestQuestions(frame).filter(
    (candidate) => question === undefined || candidate.id === question,
  );
  const chosen = frame.bodies.filter((body) => !recipients || recipients.includes(body.recipient));
  const pages = perPage ? Math.max(1, Math.ceil(chosen.length / perPage)) : 1;
  const shown = perPage ? chosen.slice((page - 1) * perPage, page * perPage) : chosen;
  const cells = build
    ? await readDigestCells(
        {
          campaign,
          question,
          recipients: shown.length === frame.bodies.length ? undefined : shown.map((body) => body.recipient),
        },
        deps,
      )
    : [];
  const cellOf = new Map(cells.map((cell) => [`${cell.recipient}\n${cell.question}`, cell]));
  const answerOf = new Map(
    frame.answers.map((answer) => [`${answer.recipientKey}\n${answer.questionId}`, answer]),
  );
  return {
    campaign: frame.campaign,
    title: frame.title,
    questions,
    names: Object.fromEntries(frame.bodies.map((body) => [body.recipient, body.name])),
    themes: tidiedThemes(build?.themes ?? [], frame.themeChanges),
    published: frame.published,
    paging: { page, pages, perPage: perPage ?? chosen.length, bodies: chosen.length },
    accepted: frame.answers.filter(
      (answer) => answer.decision === "accepted" && questions.some((asked) => asked.id === answer.questionId),
    ).length,
    build: { builtAt: build?.builtAt ?? null, current: build?.stamp === stamp, task },
    bodies: shown.map((body) => ({
      recipient: body.recipient,
      name: body.name,
      cells: questions.map((candidate) => ({
        question: candidate.id,
        itemState: candidate.item ? (body.items[candidate.item] ?? null) : null,
        ...builtOf(cellOf.get(`${body.recipient}\n${candidate.id}`)),
        answer: decisionOf(answerOf.get(`${body.recipient}\n${candidate.id}`)),
      })),
    })),
  };
}

function builtOf(cell: StoredCell | undefined): Pick<DigestCell, "passages" | "proposed"> {
  return { passages: cell?.passages ?? [], proposed: cell?.proposed ?? null };
}

function decisionOf(found: DigestAnswer | undefined): DigestCell["answer"] {
  if (!found) return null;
  const { decision, value, quote, file, page, decidedBy, decidedAt } = found;
  return { decision, value, quote, file, page, decidedBy, decidedAt };
}
