import type { Database } from "../store/database.ts";
import type { QuestionKind } from "../files/read-campaign-yaml.ts";
import { digestSources, type DigestAnswer } from "./digest-sources.ts";
import { passagesOf } from "./passages.ts";
import { proposeValue, type ProposedValue } from "./propose-value.ts";
import { indexPassages, queryFor, rankPassages, type RankedPassage } from "./rank-passages.ts";
import { findThemes, type Theme, type ThemeMention } from "./themes.ts";

// A campaign's digest, as proposed from its replies: for each body written
// to and each question (every requested item, then campaign.yaml's own
// questions), the passages of its replies most likely to answer it, best
// first, with their file and page, and a value proposed from the best one
// where the question wants one. Nothing here is an answer until a person
// accepts it.

export interface DigestQuestion {
  id: string;
  question: string;
  kind: QuestionKind;
  /** The requested item the question is about, or null for the campaign's own questions. */
  item: string | null;
}

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

export interface DigestTheme {
  key: string;
  /** The name shown: a person's, else the phrase. */
  label: string;
  hidden: boolean;
  mentions: ThemeMention[];
}

export interface CampaignDigest {
  campaign: string;
  title: string;
  questions: DigestQuestion[];
  bodies: { recipient: string; name: string; cells: DigestCell[] }[];
  /** Phrases that recur across bodies' replies, as people have tidied them, most bodies first. */
  themes: DigestTheme[];
}

/** Passages kept for each body and question. */
const TOP = 3;

export async function campaignDigest(
  {
    campaign,
    withThemes = true,
    only,
  }: {
    campaign: string;
    /** Off where only the grid is needed (a decision). */
    withThemes?: boolean;
    /** One question's column alone (a decision on one cell): the others are not ranked. */
    only?: string;
  },
  deps: { database(): Promise<Database> },
): Promise<CampaignDigest> {
  const sources = await digestSources(campaign, deps);
  const questions: DigestQuestion[] = [
    ...sources.requests.map((request) => ({
      id: request.id,
      question: `${request.title}: do they have one, and when was it published?`,
      kind: "yes/no" as const,
      item: request.id,
    })),
    ...sources.questions.map((question) => ({ ...question, item: null })),
  ].filter((question) => only === undefined || question.id === only);
  const passages = sources.bodies.map((body) => ({
    body: body.recipient,
    passages: body.texts.flatMap(passagesOf),
  }));
  // Tokenised once for all the questions.
  const index = indexPassages(passages);
  const ranked = questions.map((question) => {
    const itemTitle = sources.requests.find((request) => request.id === question.item)?.title;
    return rankPassages(queryFor(question.question, itemTitle), index, TOP);
  });
  const themes = withThemes
    ? await findThemes(
        passages.map(({ body, passages }) => ({ recipient: body, passages })),
        sources.asked,
      )
    : [];
  return {
    campaign: sources.campaign,
    title: sources.title,
    questions,
    themes: tidied(themes, sources.themeChanges),
    bodies: sources.bodies.map((body) => ({
      recipient: body.recipient,
      name: body.name,
      cells: questions.map((question, index) => {
        const found = ranked[index]?.get(body.recipient) ?? [];
        return {
          question: question.id,
          itemState: question.item ? (body.items[question.item] ?? null) : null,
          passages: found,
          proposed: found[0] ? proposeValue(question.kind, found[0].sentence) : null,
          answer: answerOf(sources.answers, body.recipient, question.id),
        };
      }),
    })),
  };
}

function answerOf(answers: DigestAnswer[], recipient: string, question: string): DigestCell["answer"] {
  const found = answers.find((answer) => answer.recipientKey === recipient && answer.questionId === question);
  if (!found) return null;
  const { decision, value, quote, file, page, decidedBy, decidedAt } = found;
  return { decision, value, quote, file, page, decidedBy, decidedAt };
}

/** The themes as people left them: merged ones joined into their target, renamed, hidden ones marked. */
function tidied(
  themes: Theme[],
  changes: { key: string; label: string | null; hidden: boolean; mergedInto: string | null }[],
): DigestTheme[] {
  const changeOf = (key: string) => changes.find((change) => change.key === key);
  const byKey = new Map(themes.map((theme) => [theme.key, { ...theme, mentions: [...theme.mentions] }]));
  for (const theme of themes) {
    const target = byKey.get(changeOf(theme.key)?.mergedInto ?? "");
    if (!target || target.key === theme.key) continue;
    for (const mention of theme.mentions) {
      if (!target.mentions.some((known) => known.recipient === mention.recipient))
        target.mentions.push(mention);
    }
    byKey.delete(theme.key);
  }
  return [...byKey.values()]
    .map((theme) => ({
      key: theme.key,
      label: changeOf(theme.key)?.label ?? theme.key,
      hidden: changeOf(theme.key)?.hidden ?? false,
      mentions: theme.mentions,
    }))
    .sort((a, b) => b.mentions.length - a.mentions.length || a.label.localeCompare(b.label));
}
