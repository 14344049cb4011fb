import type { Passage } from "./passages.ts";

// The themes of a campaign's replies: noun phrases ("county lines", "early
// intervention", "young people") found by compromise, a well-kept English
// NLP library, in every body's passages, kept when two or more bodies use
// them and the letter itself does not (a reply restating the question is
// not a theme), ranked by how many bodies use them. Each theme lists its
// bodies, each with the sentence it is in. A person merges, renames or
// hides themes (change-theme.ts); this only finds them.

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

/** `asked`: the letter, its requested items and the campaign's questions, whose phrases are not themes. */
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
  const inQuestion = new Set(phrasesOf(asked));
  const found = new Map<string, ThemeMention[]>();
  for (const { recipient, passages } of bodies) {
    for (const passage of passages) {
      for (const sentence of passage.text.split(/(?<=[.!?;])\s+/)) {
        for (const key of new Set(phrasesOf(sentence))) {
          if ([...inQuestion].some((phrase) => phrase.includes(key))) continue;
          const mentions = found.get(key) ?? [];
          if (mentions.some((mention) => mention.recipient === recipient)) continue;
          mentions.push({ recipient, quote: sentence.trim(), file: passage.file, page: passage.page });
          found.set(key, mentions);
        }
      }
    }
  }
  return [...found]
    .filter(([, mentions]) => mentions.length >= 2)
    .sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b))
    .slice(0, MOST)
    .map(([key, mentions]) => ({ key, mentions }));
}

/** Lower case, without outer punctuation, the last word singular ("County Lines," → "county line"). */
function normal(phrase: string): string {
  const words = phrase
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s'&-]/gu, " ")
    .split(/\s+/)
    .filter(Boolean);
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
