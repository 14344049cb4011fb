// Which requested items a reply seems to answer, from the items' titles and
// the way people usually refer to them: the title's words in order ("Response
// Strategy"), either half of a title that offers a choice ("Problem Profile
// or Strategic Needs Assessment"), the initials of a capitalised title ("SNA"),
// or most of the title's words anywhere ("VRU Delivery Update Q3.pdf" for
// "Updates on progress on delivery"). Only a suggestion: a person confirms,
// so each one says why it was made. A reply that says it does NOT hold an item
// still answers it, so negation is not judged here; the quoted sentence in
// `because` lets the person see it.

export interface RequestedItem {
  id: string;
  title: string;
}

export interface ReplyToMatch {
  subject?: string;
  text: string;
  fileNames: string[];
}

export interface ItemSuggestion {
  itemId: string;
  /** 0 to 1: how sure. File names and the subject count more than the body. */
  score: number;
  because: string;
}

/** Suggestions below this are not shown. */
export const SUGGESTION_THRESHOLD = 0.3;

export const STOP_WORDS = new Set(
  (
    "a an and any are as at be by for from has have i in is it its of on or our please re fw fwd " +
    "find attached attach enclose enclosed the their this that to we with your you"
  ).split(" "),
);

/** How much a sign counts, by where it was found. The body is weaker: it may restate the letter. */
const WEIGHTS = {
  phrase: { file: 0.9, subject: 0.85, text: 0.7 },
  acronym: { file: 0.85, subject: 0.8, text: 0.65 },
  words: { file: 0.6, subject: 0.55, text: 0.5 },
} as const;

type Place = "file" | "subject" | "text";

export interface Token {
  /** As written. */
  word: string;
  stem: string;
  /** Where it starts in the source, for quoting the sentence. */
  at: number;
}

interface Source {
  place: Place;
  /** What it is called in `because`. */
  label: string;
  raw: string;
  tokens: Token[];
}

interface Sign {
  score: number;
  because: string;
}

export function suggestItems(requests: RequestedItem[], reply: ReplyToMatch): ItemSuggestion[] {
  const sources: Source[] = [
    ...reply.fileNames.map((name) => {
      const raw = fileNameWords(name);
      return { place: "file" as const, label: `the file name "${name}"`, raw, tokens: tokenise(raw) };
    }),
    ...(reply.subject
      ? [
          {
            place: "subject" as const,
            label: "the subject",
            raw: reply.subject,
            tokens: tokenise(reply.subject),
          },
        ]
      : []),
    { place: "text" as const, label: "the text", raw: ownWords(reply.text), tokens: [] as Token[] },
  ];
  const body = sources[sources.length - 1];
  if (body) body.tokens = tokenise(body.raw);

  const suggestions: ItemSuggestion[] = [];
  for (const item of requests) {
    const signs = sources.flatMap((source) => signsIn(item.title, source));
    if (signs.length === 0) continue;
    signs.sort((a, b) => b.score - a.score);
    const reasons = [...new Set(signs.map((sign) => sign.because))];
    // More than one independent sign makes it a little surer.
    const score = Math.min(1, (signs[0]?.score ?? 0) + 0.05 * (reasons.length - 1));
    if (score < SUGGESTION_THRESHOLD) continue;
    suggestions.push({ itemId: item.id, score: round(score), because: reasons.slice(0, 3).join("; ") });
  }
  // Stable: equal scores keep the campaign's order of requests.
  return suggestions.sort((a, b) => b.score - a.score);
}

function signsIn(title: string, source: Source): Sign[] {
  const signs: Sign[] = [];
  const content = source.tokens.filter((token) => !STOP_WORDS.has(token.stem));
  for (const part of titleParts(title)) {
    const wanted = tokenise(part).filter((token) => !STOP_WORDS.has(token.stem));
    if (wanted.length === 0) continue;
    const found = findPhrase(content, wanted);
    if (found) {
      const phrase = found.map((token) => token.word.toLowerCase()).join(" ");
      signs.push({
        score: WEIGHTS.phrase[source.place],
        because: `${source.label} has "${phrase}"${quote(source, found[0])}`,
      });
    }
    const acronym = acronymOf(part);
    if (acronym) {
      const hit = source.tokens.find((token) => isAcronym(token.word, acronym, source.place === "file"));
      if (hit) {
        signs.push({
          score: WEIGHTS.acronym[source.place],
          because: `${source.label} has "${hit.word}", short for ${part}${quote(source, hit)}`,
        });
      }
    }
  }
  // Most of the whole title's words, in any order: at least two of them. Not
  // counted again where the title (or half of it) was found as a phrase.
  const wanted = unique(tokenise(title).filter((token) => !STOP_WORDS.has(token.stem)));
  if (wanted.length >= 2 && signs.length === 0) {
    const hits = wanted
      .map((want) => content.find((token) => token.stem === want.stem))
      .filter((token): token is Token => token !== undefined);
    const share = hits.length / wanted.length;
    if (hits.length >= 2 && share >= 0.6) {
      const words = hits.map((token) => `"${token.word.toLowerCase()}"`).join(", ");
      signs.push({
        score: WEIGHTS.words[source.place] * share,
        because: `${source.label} has the words ${words}${quote(source, hits[0])}`,
      });
    }
  }
  return signs;
}

/** The whole title, and each alternative of "A or B" / "A/B". */
export function titleParts(title: string): string[] {
  const halves = title.split(/\s+or\s+|\s*\/\s*/i).map((part) => part.trim());
  return halves.length > 1 ? [title, ...halves.filter((part) => part !== "")] : [title];
}

/** "Strategic Needs Assessment" → "SNA": only from capitalised words, and only 3 letters or more (2 are too ambiguous). */
export function acronymOf(part: string): string | null {
  const words = part.split(/\s+/).filter((word) => !STOP_WORDS.has(word.toLowerCase()));
  if (words.length < 3 || !words.every((word) => /^\p{Lu}/u.test(word))) return null;
  return words.map((word) => word[0]).join("");
}

/** Acronyms are matched in capitals in prose (so "sna" inside a sentence is not one), in any case in file names. */
function isAcronym(word: string, acronym: string, anyCase: boolean): boolean {
  const candidate = anyCase ? word.toUpperCase() : word;
  return candidate === acronym || candidate === `${acronym}s` || (anyCase && candidate === `${acronym}S`);
}

function findPhrase(tokens: Token[], wanted: Token[]): Token[] | null {
  for (let start = 0; start + wanted.length <= tokens.length; start++) {
    if (wanted.every((want, i) => tokens[start + i]?.stem === want.stem)) {
      return tokens.slice(start, start + wanted.length);
    }
  }
  return null;
}

export function tokenise(text: string): Token[] {
  return [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((match) => ({
    word: match[0],
    stem: stem(match[0].toLowerCase()),
    at: match.index,
  }));
}

/**
 * Light stemming, the same on both sides, so plurals and common endings meet:
 * strategies/strategy, updates/update, delivered/delivery/deliver.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith("ies")) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith("ing")) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith("ed")) w = w.slice(0, -2);
  if (w.length > 5 && w.endsWith("y")) w = w.slice(0, -1);
  return w;
}

/** "VRU_Response-Strategy_2020.pdf" → "VRU Response Strategy 2020"; "ResponseStrategy" → "Response Strategy". */
function fileNameWords(name: string): string {
  return name
    .replace(/^.*[/\\]/, "")
    .replace(/\.[A-Za-z0-9]{1,5}$/, "")
    .replace(/[_\-.+]+/g, " ")
    .replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2");
}

/**
 * The sender's own words: a reply usually quotes our letter below it, and our
 * letter names every item, so everything from the quote on is dropped (unless
 * the quote is all there is: a bare forward is the sender's answer).
 */
function ownWords(text: string): string {
  const quoteStarts = [
    /^On .{0,200}wrote:\s*$/m,
    /^-{2,}\s*Original Message\s*-{2,}/im,
    /^From:\s.*$/m,
    /^>/m,
  ]
    .map((pattern) => pattern.exec(text)?.index)
    .filter((index): index is number => index !== undefined && index > 0);
  return quoteStarts.length > 0 ? text.slice(0, Math.min(...quoteStarts)) : text;
}

/** The sentence a sign was found in, for the person confirming (body text only). */
function quote(source: Source, token: Token | undefined): string {
  if (source.place !== "text" || !token) return "";
  const before = source.raw.slice(0, token.at);
  const start = Math.max(before.lastIndexOf(". "), before.lastIndexOf("\n")) + 1;
  const endMatch = /[.!?\n]/.exec(source.raw.slice(token.at));
  const end = endMatch ? token.at + endMatch.index + 1 : source.raw.length;
  let sentence = source.raw.slice(start, end).replace(/\s+/g, " ").trim();
  if (sentence.length > 120) sentence = `${sentence.slice(0, 117)}…`;
  return `: "${sentence}"`;
}

function unique(tokens: Token[]): Token[] {
  const seen = new Set<string>();
  return tokens.filter((token) => !seen.has(token.stem) && seen.add(token.stem));
}

function round(score: number): number {
  return Math.round(score * 100) / 100;
}
