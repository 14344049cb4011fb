import { normaliseName } from "../../letters/template/names.ts";
import { joinTokens } from "../align/tokens.ts";

// A placeholder is named from what it holds: a passage present in some
// letters after its first Title Case phrase or link ("Annual Report" →
// annual_report); a passage that differs after the word most of its readings
// share but not all ("supporting initiatives such as …" → initiative).

const STOPWORDS = new Set(
  (
    "a an and are as at be been but by for from had has have his her i in is it its my of on or our so that the their " +
    "them then there these they this those to was we were which who will with would your you about into also any " +
    "more most such than very what when where while how well further"
  ).split(" "),
);

/** `next` is the shared word after the passage: "the ((…)) team" names it "team" when its values share nothing. */
export function namePassage(values: string[][], conditional: boolean, taken: Set<string>, next = ""): string {
  const fromContext =
    /^\p{L}{4,}$/u.test(next) && !STOPWORDS.has(next.toLowerCase()) ? singular(next.toLowerCase()) : null;
  const base = (conditional ? phraseOf(values) : distinctiveWord(values)) ?? fromContext ?? "passage";
  return unique(base, taken);
}

function phraseOf(values: string[][]): string | null {
  const text = joinTokens(values.find((value) => value.length > 0) ?? []);
  const link = /\[([^\]]+)\]\(/.exec(text)?.[1];
  if (link) return snake(link);
  for (const match of text.matchAll(/\p{Lu}[\p{L}'-]*(?:\s+\p{Lu}[\p{L}'-]*)+/gu)) {
    const words = match[0].split(/\s+/);
    while (words.length > 0 && STOPWORDS.has((words[0] ?? "").toLowerCase())) words.shift();
    if (words.length >= 2) return snake(words.slice(0, 3).join(" "));
  }
  const word = text
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .find((candidate) => candidate.length >= 4 && !STOPWORDS.has(candidate));
  return word ? singular(word) : null;
}

/** The longest of the words found in most readings but not in all of them. */
function distinctiveWord(values: string[][]): string | null {
  const present = values.filter((value) => value.length > 0);
  const counts = new Map<string, number>();
  for (const value of present) {
    const words = new Set(
      joinTokens(value)
        .toLowerCase()
        .replace(/\]\([^)]*\)/g, "")
        .split(/[^\p{L}]+/u)
        .filter((word) => word.length >= 4 && !STOPWORDS.has(word)),
    );
    for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const varying = [...counts].filter(
    ([, count]) => count >= 2 && (count < present.length || present.length < 3),
  );
  varying.sort(([a, countA], [b, countB]) => countB - countA || b.length - a.length);
  const word = varying[0]?.[0];
  return word ? singular(word) : null;
}

function singular(word: string): string {
  return /[^s]s$/.test(word) ? word.slice(0, -1) : word;
}

function snake(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, "_")
      .replace(/^_+|_+$/g, "") || "passage"
  );
}

function unique(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(normaliseName(name)); n += 1) name = `${base}_${n}`;
  taken.add(normaliseName(name));
  return name;
}
