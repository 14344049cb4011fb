import { acronymOf, STOP_WORDS, titleParts, tokenise } from "../replies/suggest-items.ts";
import type { Passage } from "./passages.ts";

// Which passages of a body's replies most likely answer a question: BM25
// over every passage of the campaign (so a word every reply uses, "VRU",
// weighs little), the query being the question's own words and, for a
// requested item, its title's words and initials ("SNA" for "Strategic
// Needs Assessment"), stemmed as the item suggestions are. Words of the
// question that stand next to each other in a passage ("criminal
// exploitation") count a little more. Only a proposal: a person decides.

export interface QuestionToRank {
  question: string;
  /** The requested item the question is about, whose usual wording counts too. */
  itemTitle?: string;
}

/**
 * What to rank by for a question: a requested item's question is asked in
 * the item's own words (the rest of its question, "do they have one", is
 * the same for every item), a campaign's own question in its words.
 */
export function queryFor(question: string, itemTitle?: string): QuestionToRank {
  return itemTitle ? { question: itemTitle, itemTitle } : { question };
}

export interface BodyPassages {
  body: string;
  passages: Passage[];
}

export interface RankedPassage extends Passage {
  score: number;
  /** The passage's sentence holding most of the question's words: where a value is read from. */
  sentence: string;
}

/** Words that ask rather than say what is asked about. */
const QUESTION_WORDS = new Set(
  "what which when how who whom whose where why do does did they them there much many was were been being goes go any has have".split(
    " ",
  ),
);
const K1 = 1.2;
const B = 0.75;
/** A pair of the question's words side by side in a passage adds this much of a term's weight. */
const PAIR_BONUS = 0.5;

interface Indexed {
  body: string;
  passage: Passage;
  stems: string[];
  words: string[];
}

/** Every passage of the campaign, tokenised once, for ranking against each of its questions. */
export interface PassageIndex {
  bodies: string[];
  entries: Indexed[];
  averageLength: number;
}

export function indexPassages(bodies: BodyPassages[]): PassageIndex {
  const entries: Indexed[] = bodies.flatMap(({ body, passages }) =>
    passages.map((passage) => {
      const tokens = tokenise(passage.text);
      return { body, passage, stems: tokens.map((t) => t.stem), words: tokens.map((t) => t.word) };
    }),
  );
  const averageLength =
    entries.reduce((sum, entry) => sum + entry.stems.length, 0) / Math.max(entries.length, 1);
  return { bodies: bodies.map(({ body }) => body), entries, averageLength };
}

/** The best `top` passages for each body, best first; bodies with nothing relevant get none. */
export function rankPassages(
  question: QuestionToRank,
  bodies: BodyPassages[] | PassageIndex,
  top = 3,
): Map<string, RankedPassage[]> {
  const index = Array.isArray(bodies) ? indexPassages(bodies) : bodies;
  const { terms, acronyms, pairs } = queryOf(question);
  const idf = inverseFrequency(index.entries, terms);
  const ranked = new Map<string, RankedPassage[]>(index.bodies.map((body) => [body, []]));
  for (const entry of index.entries) {
    const score = scoreOf(entry, { terms, acronyms, pairs, idf, averageLength: index.averageLength });
    if (score > 0) {
      const sentence = bestSentence(entry.passage.text, terms, acronyms);
      ranked.get(entry.body)?.push({ ...entry.passage, score: Math.round(score * 1000) / 1000, sentence });
    }
  }
  for (const [body, passages] of ranked)
    ranked.set(body, passages.sort((a, b) => b.score - a.score).slice(0, top));
  return ranked;
}

function queryOf({ question, itemTitle }: QuestionToRank) {
  const content = (text: string) =>
    tokenise(text)
      .map((token) => token.stem)
      .filter((s) => !STOP_WORDS.has(s) && !QUESTION_WORDS.has(s) && s.length > 1);
  const asked = content(question);
  const titled = itemTitle ? titleParts(itemTitle).flatMap(content) : [];
  const terms = [...new Set([...asked, ...titled])];
  const acronyms = itemTitle
    ? titleParts(itemTitle)
        .map(acronymOf)
        .filter((acronym): acronym is string => acronym !== null)
    : [];
  const pairs = new Set(asked.slice(1).map((s, i) => `${asked[i]} ${s}`));
  return { terms, acronyms, pairs };
}

function inverseFrequency(indexed: Indexed[], terms: string[]): Map<string, number> {
  const n = indexed.length;
  return new Map(
    terms.map((term) => {
      const containing = indexed.filter((entry) => entry.stems.includes(term)).length;
      return [term, Math.log(1 + (n - containing + 0.5) / (containing + 0.5))];
    }),
  );
}

function scoreOf(
  entry: Indexed,
  query: {
    terms: string[];
    acronyms: string[];
    pairs: Set<string>;
    idf: Map<string, number>;
    averageLength: number;
  },
): number {
  const length = entry.stems.length;
  const norm = K1 * (1 - B + (B * length) / Math.max(query.averageLength, 1));
  let score = 0;
  for (const term of query.terms) {
    const count = entry.stems.filter((s) => s === term).length;
    if (count > 0) score += (query.idf.get(term) ?? 0) * ((count * (K1 + 1)) / (count + norm));
  }
  // Initials stand for the whole title: as much as its rarest word.
  const strongest = Math.max(0, ...query.idf.values());
  for (const acronym of query.acronyms) {
    if (entry.words.some((word) => word === acronym || word === `${acronym}s`)) score += strongest;
  }
  for (let i = 1; i < entry.stems.length; i++) {
    if (query.pairs.has(`${entry.stems[i - 1]} ${entry.stems[i]}`)) score += PAIR_BONUS * strongest;
  }
  return score;
}

/** The sentence with most of the query's words (or its initials); the first on a tie. */
function bestSentence(text: string, terms: string[], acronyms: string[]): string {
  // A full stop ends a sentence only before a space: "£1.2m" stays whole.
  const sentences = text.split(/(?<=[.!?;])\s+/).filter((sentence) => sentence.trim() !== "");
  let best = sentences[0] ?? text;
  let most = -1;
  for (const sentence of sentences) {
    const tokens = tokenise(sentence);
    const hits =
      terms.filter((term) => tokens.some((token) => token.stem === term)).length +
      acronyms.filter((acronym) => tokens.some((token) => token.word === acronym)).length;
    if (hits > most) [best, most] = [sentence, hits];
  }
  return best;
}
