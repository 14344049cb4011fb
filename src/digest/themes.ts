import { STOP_WORDS } from "../replies/suggest-items.ts";
import type { Passage } from "./passages.ts";

// The themes of a campaign's replies: noun phrases ("county lines", "early
// intervention", "young people"), told by compromise, a well-kept English
// NLP library, kept when two or more bodies use them and the letter itself
// does not (a reply restating the question is not a theme), ranked by how
// many bodies use them. Each theme lists its bodies, each with the sentence
// it is in. A person merges, renames or hides themes (change-theme.ts); this
// only finds them.

export interface ThemeMention {
  recipient: string;
  quote: string;
  file: string | null;
  page: number;
}

export interface Theme {
  /** The phrase in lower case, singular: what the theme is known by. */
  key: string;
  mentions: ThemeMention[];
}

/** Words a phrase does not start with (compromise sometimes takes them in). */
const LEADING = new Set(
  "a an the our their its this that these those last next against under over about for with".split(" "),
);
/** Themes kept, at most. */
const MOST = 30;
/** Phrases that say nothing about what a body does. */
const DULL = new Set(
  "letter year years thanks question questions copy response information detail details commissioner office team unit part area areas way ways time partner partners".split(
    " ",
  ),
);

/** Candidate phrases (most bodies first) checked by compromise. */
const CANDIDATES = 400;
/** Sentences of a candidate compromise reads, at most, to tell whether it is a noun phrase there. */
const CHECKED_SENTENCES = 3;
/** Words a phrase neither starts nor ends with, nor holds. */
const JOINING = new Set([
  ...STOP_WORDS,
  ..."is are was were be been will would can could should may might not no but also than then which who what when where how into onto upon more most such each every all some very".split(
    " ",
  ),
]);

/**
 * `asked`: the letter, its requested items and the campaign's questions,
 * whose phrases are not themes. Reading every sentence with compromise
 * would take minutes for a campaign of hundreds of long replies, so runs of
 * two to four words are counted first (how many bodies use each, in one
 * pass of plain string work); compromise then reads only a few sentences
 * of the most used, keeping a run only where it is a noun phrase there.
 */
export async function findThemes(
  bodies: { recipient: string; passages: Passage[] }[],
  asked: string,
): Promise<Theme[]> {
  const { default: nlp } = await import("compromise");
  const phrasesOf = (text: string): string[] =>
    (
      nlp(text)
        .match("#Adjective? #Noun+")
        .not("(#Pronoun|#Possessive|#Determiner|#Date|#Value|#Preposition)")
        .out("array") as string[]
    )
      // A list ("the council, health and education") is several phrases, not one.
      .flatMap((phrase) => phrase.split(/[,;:/]/))
      .map(normal)
      .filter((phrase) => phrase.includes(" ") && !phrase.split(" ").every((word) => DULL.has(word)));
  const inQuestion = [...new Set(phrasesOf(asked))];
  const candidates = new Set(
    [...bodiesUsing(bodies)]
      .filter(([key, count]) => count >= 2 && !inQuestion.some((phrase) => phrase.includes(key)))
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
      .slice(0, CANDIDATES)
      .map(([key]) => key),
  );
  const found = mentionsOf(bodies, candidates);
  return [...found]
    .filter(([key, mentions]) =>
      mentions.slice(0, CHECKED_SENTENCES).some((mention) => phrasesOf(mention.quote).includes(key)),
    )
    .sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b))
    .slice(0, MOST)
    .map(([key, mentions]) => ({ key, mentions }));
}

/** How many bodies use each run of words (as its theme key), counting a body once. */
function bodiesUsing(bodies: { recipient: string; passages: Passage[] }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { passages } of bodies) {
    const seen = new Set<string>();
    for (const passage of passages) {
      for (const sentence of sentencesOf(passage.text)) for (const key of runsOf(sentence)) seen.add(key);
    }
    for (const key of seen) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Each candidate's first sentence in each body that uses it. */
function mentionsOf(
  bodies: { recipient: string; passages: Passage[] }[],
  candidates: Set<string>,
): Map<string, ThemeMention[]> {
  const found = new Map<string, ThemeMention[]>();
  for (const { recipient, passages } of bodies) {
    const seen = new Set<string>();
    for (const passage of passages) {
      for (const sentence of sentencesOf(passage.text)) {
        for (const key of runsOf(sentence)) {
          if (!candidates.has(key) || seen.has(key)) continue;
          seen.add(key);
          const mentions = found.get(key) ?? [];
          mentions.push({ recipient, quote: sentence.trim(), file: passage.file, page: passage.page });
          found.set(key, mentions);
        }
      }
    }
  }
  return found;
}

function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?;])\s+/);
}

/** The sentence's runs of two to four words that could be a noun phrase, as theme keys. */
function runsOf(sentence: string): Set<string> {
  const words = wordsOf(sentence);
  const keys = new Set<string>();
  for (let start = 0; start < words.length; start += 1) {
    const first = words[start]!;
    if (JOINING.has(first) || LEADING.has(first) || /^[\d'&-]/.test(first)) continue;
    for (let end = start + 2; end <= Math.min(words.length, start + 4); end += 1) {
      const last = words[end - 1]!;
      if (JOINING.has(last) || /^[\d'&-]/.test(last)) break;
      const run = words.slice(start, end);
      if (run.every((word) => DULL.has(word))) continue;
      keys.add([...run.slice(0, -1), singular(last)].join(" "));
    }
  }
  return keys;
}

function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s'&-]/gu, " ")
    .split(/\s+/)
    .filter(Boolean);
}

/** Lower case, without outer punctuation, the last word singular ("County Lines," → "county line"). */
function normal(phrase: string): string {
  const words = wordsOf(phrase);
  while (words.length > 0 && LEADING.has(words[0]!)) words.shift();
  const last = words.pop() ?? "";
  return [...words, singular(last)].join(" ");
}

function singular(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (/(ch|sh|ss|x)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith("s") && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}
