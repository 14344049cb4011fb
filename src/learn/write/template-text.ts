import type { FootnoteKeys } from "../align/footnotes.ts";
import { isConditional, type Passage } from "../align/passages.ts";
import { carriesMarkup, GLUED, isGlued, joinTokens, PARAGRAPH } from "../align/tokens.ts";
import { namePassage } from "./name-passages.ts";

// Writes letter.md from the settled passages: shared words as Markdown,
// a passage that differs as `((name))`, a passage only some letters have as
// `((name??text))`, footnotes numbered in order of first reference.

export interface LearnedField {
  name: string;
  kind: "text" | "flag";
  /** One value per letter, in the order the letters were given. */
  values: string[];
  /** A flag's conditional text, as letter.md holds it. */
  text?: string;
}

export interface LearnedTemplate {
  markdown: string;
  fields: LearnedField[];
  /** Footnote references dropped from values, which are plain text: [letter index, passage name]. */
  droppedReferences: Array<{ letter: number; field: string }>;
}

export function writeTemplate(passages: Passage[], notes: FootnoteKeys, taken: Set<string>): LearnedTemplate {
  const fields: LearnedField[] = [];
  const droppedReferences: LearnedTemplate["droppedReferences"] = [];
  const numbers = new Map<string, number>();
  let markdown = "";
  passages.forEach((passage, at) => {
    const following = passages[at + 1];
    const next = following?.kind === "same" ? (following.tokens[0] ?? "") : "";
    if (passage.kind === "same") {
      markdown = appendTokens(markdown, sharedTokens(passage.tokens, numbers));
    } else if (isConditional(passage.values)) {
      const name = namePassage(passage.values, true, taken);
      const present = passage.values.find((value) => value.length > 0) ?? [];
      const text = joinTokens(sharedTokens(present, numbers), "\n\n");
      const values = passage.values.map((value) => (value.length > 0 ? "yes" : "no"));
      fields.push({ name, kind: "flag", values, text });
      // The space before the text goes inside, so a letter without it has no double space.
      const space =
        atParagraphStart(markdown) || isGlued(present[0] ?? "") || present[0] === PARAGRAPH ? "" : " ";
      markdown = `${markdown}((${name}??${space}${text}))`;
    } else {
      const name = namePassage(passage.values, false, taken, next);
      const values = passage.values.map((value, letter) => {
        if (value.some((token) => token.includes("[^"))) droppedReferences.push({ letter, field: name });
        return plainValue(value);
      });
      fields.push({ name, kind: "text", values });
      const glued = passage.values.every((value) => isGlued(value[0] ?? ""));
      markdown = appendTokens(markdown, [`${glued ? GLUED : ""}((${name}))`]);
    }
  });
  const definitions = [...numbers].map(([key, n]) => `[^${n}]: ${notes.textOf(key)}`);
  return { markdown: `${[markdown.trim(), ...definitions].join("\n\n")}\n`, fields, droppedReferences };
}

function atParagraphStart(markdown: string): boolean {
  return markdown === "" || markdown.endsWith("\n\n");
}

function appendTokens(markdown: string, tokens: string[]): string {
  const [first] = tokens;
  if (first === undefined) return markdown;
  const text = joinTokens(tokens, "\n\n");
  if (atParagraphStart(markdown) || first === PARAGRAPH || isGlued(first)) return markdown + text;
  return `${markdown} ${text}`;
}

/** Shared words escaped, and footnote keys numbered in order of first reference. */
function sharedTokens(tokens: string[], numbers: Map<string, number>): string[] {
  return tokens.map((token, index) => {
    if (token === PARAGRAPH) return token;
    const startsParagraph = index === 0 || tokens[index - 1] === PARAGRAPH;
    return escapeWord(token, startsParagraph).replace(/\[\^(note\d+)\]/g, (_, key: string) => {
      if (!numbers.has(key)) numbers.set(key, numbers.size + 1);
      return `[^${numbers.get(key) ?? 0}]`;
    });
  });
}

/** A value is printed as written: no references, links or bold marks. */
function plainValue(tokens: string[]): string {
  return joinTokens(tokens)
    .replace(/\[\^note\d+\]/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\*\*/g, "");
}

/**
 * Letter words are text, not Markdown: characters Markdown would act on are
 * escaped, and so is "((", which would start a placeholder.
 */
function escapeWord(token: string, startsParagraph: boolean): string {
  if (carriesMarkup(token) || isGlued(token)) return token;
  let word = token.replace(/[\\`*_<[\]]/g, (ch) => `\\${ch}`).replace(/\(\(/g, "(\\(");
  if (startsParagraph && /^(#+|[-+>]|\d+[.)])$/.test(word)) word = `\\${word}`;
  return word;
}
