import type { FootnoteKeys } from "../align/footnotes.ts";
import { isConditional, type Passage } from "../align/passages.ts";
import { carriesMarkup, PARAGRAPH } from "../align/tokens.ts";
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
  const words = (tokens: string[], shared: boolean) => renderTokens(tokens, shared, numbers);
  let markdown = "";
  for (const passage of passages) {
    if (passage.kind === "same") {
      markdown = appendWords(markdown, words(passage.tokens, true));
    } else if (isConditional(passage.values)) {
      const name = namePassage(passage.values, true, taken);
      const text = words(passage.values.find((value) => value.length > 0) ?? [], true);
      fields.push({
        name,
        kind: "flag",
        values: passage.values.map((value) => (value.length > 0 ? "yes" : "no")),
      });
      markdown = atParagraphStart(markdown)
        ? `${markdown}((${name}??${text}))`
        : `${markdown}((${name}?? ${text}))`;
    } else {
      const name = namePassage(passage.values, false, taken);
      const values = passage.values.map((value, letter) => {
        if (value.some((token) => token.includes("[^"))) droppedReferences.push({ letter, field: name });
        return plainValue(value);
      });
      fields.push({ name, kind: "text", values });
      markdown = appendWords(markdown, `((${name}))`);
    }
  }
  const definitions = [...numbers].map(([key, n]) => `[^${n}]: ${notes.textOf(key)}`);
  return { markdown: `${[markdown.trim(), ...definitions].join("\n\n")}\n`, fields, droppedReferences };
}

function atParagraphStart(markdown: string): boolean {
  return markdown === "" || markdown.endsWith("\n\n");
}

function appendWords(markdown: string, words: string): string {
  if (words === "") return markdown;
  if (atParagraphStart(markdown) || words.startsWith("\n\n")) return markdown + words;
  return `${markdown} ${words}`;
}

function renderTokens(tokens: string[], shared: boolean, numbers: Map<string, number>): string {
  let text = "";
  tokens.forEach((token, index) => {
    if (token === PARAGRAPH) text += "\n\n";
    else {
      const word = shared ? escapeWord(token, index === 0 || tokens[index - 1] === PARAGRAPH) : token;
      const numbered = word.replace(/\[\^(note\d+)\]/g, (_, key: string) => {
        if (!numbers.has(key)) numbers.set(key, numbers.size + 1);
        return `[^${numbers.get(key) ?? 0}]`;
      });
      text += text === "" || text.endsWith("\n\n") ? numbered : ` ${numbered}`;
    }
  });
  return text;
}

/** A value is printed as written: no references, links or bold marks. */
function plainValue(tokens: string[]): string {
  return tokens
    .map((token) => (token === PARAGRAPH ? "" : token))
    .filter(Boolean)
    .join(" ")
    .replace(/\[\^note\d+\]/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\*\*/g, "");
}

/**
 * Letter words are text, not Markdown: characters Markdown would act on are
 * escaped, and so is "((", which would start a placeholder.
 */
function escapeWord(token: string, startsParagraph: boolean): string {
  if (carriesMarkup(token)) return token;
  let word = token.replace(/[\\`*_<[\]]/g, (ch) => `\\${ch}`).replace(/\(\(/g, "(\\(");
  if (startsParagraph && /^(#+|[-+>]|\d+[.)])$/.test(word)) word = `\\${word}`;
  return word;
}
