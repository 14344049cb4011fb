import { PostbagError } from "../../errors.ts";
import { parseLetterDate } from "../frame/letter-date.ts";
import type { LetterText } from "../read/letter-text.ts";
import { joinWrapped, splitBlocks, type Block } from "./blocks.ts";
import { findPlainNotes } from "./plain-notes.ts";

// One letter's parts: the frame (letterhead, date, address, salutation,
// sign-off, signature) and the body as paragraphs, with its footnotes.

export interface ParsedLetter {
  file: string;
  /** Lines above the address and date: a letterhead, when the file has one. */
  letterhead: string[];
  /** ISO date, or "" when no date was found. */
  date: string;
  address: string[];
  /** "Dear Katy", without the comma. */
  salutation: string;
  /** Paragraphs of the body; footnote references as `[^n]` (n as printed). */
  paragraphs: string[];
  /** "Yours sincerely", without the comma; "" when none was found. */
  signOff: string;
  /** Lines under the sign-off: the signatory's name and role. */
  signature: string[];
  /** Footnote number as printed → text. */
  notes: Map<string, string>;
}

const SALUTATION = /^(Dear\s+\S.*?|To whom it may concern)\s*[,:]?$/i;
const SIGN_OFF =
  /^(Yours (?:sincerely|faithfully|truly|ever)|(?:With )?(?:kind|best|warm|many) (?:regards|wishes|thanks)|Regards|Thank you|Sincerely)\s*[,.]?$/i;

const CONTACT_LINE = /^(Tel|Telephone|Phone|Fax|Email|E-mail|Web|Website|www\.|https?:)|^\S+@\S+\.\S+$/i;

export function parseLetter(letter: LetterText): ParsedLetter {
  const split = splitBlocks(letter.text);
  const { blocks, notes } = split.notes.size > 0 ? split : findPlainNotes(split.blocks);
  const lines = blocks.flatMap((block, index) => block.lines.map((text) => ({ text: plain(text), index })));
  const salutationAt = lines.findIndex((line) => SALUTATION.test(line.text));
  if (salutationAt === -1) {
    throw new PostbagError(
      "learn",
      'no salutation ("Dear …") was found, so the letter cannot be told from its frame',
      {
        file: letter.file,
      },
    );
  }
  const salutationLine = lines[salutationAt] ?? { text: "", index: 0 };
  const signOffAt = lastIndex(lines, (line, at) => at > salutationAt && SIGN_OFF.test(line.text));
  const frame = frameAbove(linesAbove(blocks, salutationLine));
  const bodyEnd = signOffAt === -1 ? blocks.length : (lines[signOffAt]?.index ?? blocks.length);
  const bodyBlocks = bodyAfterSalutation(blocks, salutationLine, bodyEnd);
  const paragraphs = joinSplitParagraphs(bodyBlocks);
  const signOffLine = lines[signOffAt];
  const signature = signOffLine
    ? lines
        .slice(signOffAt + 1)
        .map((line) => line.text)
        .filter(Boolean)
    : [];
  return {
    file: letter.file,
    ...frame,
    salutation: salutationLine.text.replace(/\s*[,:]$/, ""),
    paragraphs,
    signOff: signOffLine ? signOffLine.text.replace(/\s*[,.]$/, "") : "",
    signature,
    notes,
  };
}

/** Bold and heading marks mean nothing in a letter's frame. */
function plain(line: string): string {
  return line
    .replace(/^#+\s+/, "")
    .replace(/\*\*|__/g, "")
    .replace(/^\*(.*)\*$/, "$1")
    .trim();
}

/**
 * Above the salutation: the address is the last run of lines before it (the
 * date may sit above or below the address, or inside its run); anything
 * earlier is the letterhead.
 */
function frameAbove(groups: string[][]) {
  let date = "";
  for (const group of groups) {
    const at = group.findIndex((line) => parseLetterDate(line) !== null);
    if (at !== -1 && date === "") {
      date = parseLetterDate(group[at] ?? "") ?? "";
      group.splice(at, 1);
    }
  }
  let nonEmpty = groups.filter((group) => group.length > 0);
  // One paragraph per line (Word, and HTML with a <p> per line): no blank
  // lines tell the letterhead from the address, so the letterhead ends at its
  // last contact line (telephone, email, web address).
  if (nonEmpty.length > 1 && nonEmpty.every((group) => group.length === 1)) nonEmpty = [nonEmpty.flat()];
  const last = nonEmpty[nonEmpty.length - 1] ?? [];
  const contactAt = lastIndex(last, (line) => CONTACT_LINE.test(line));
  return {
    date,
    address: last.slice(contactAt + 1),
    letterhead: [...nonEmpty.slice(0, -1).flat(), ...last.slice(0, contactAt + 1)],
  };
}

/** The runs of lines above the salutation, its own run cut where it starts. */
function linesAbove(blocks: Block[], salutation: { text: string; index: number }): string[][] {
  const own = (blocks[salutation.index]?.lines ?? []).map(plain);
  const before = blocks.slice(0, salutation.index).map((block) => block.lines.map(plain));
  return [...before, own.slice(0, own.indexOf(salutation.text))];
}

function bodyAfterSalutation(
  blocks: Block[],
  salutation: { text: string; index: number },
  end: number,
): Block[] {
  const own = blocks[salutation.index];
  const from = (own?.lines.findIndex((line) => plain(line) === salutation.text) ?? -1) + 1;
  // The sign-off may sit in the salutation's own block (a PDF read as one block).
  const to =
    salutation.index === end
      ? own?.lines.findIndex((line, at) => at >= from && SIGN_OFF.test(plain(line)))
      : -1;
  const rest = own ? own.lines.slice(from, to !== undefined && to >= 0 ? to : undefined) : [];
  const tail = rest.length > 0 ? [{ lines: rest, afterBreak: false }] : [];
  const body = [...tail, ...blocks.slice(salutation.index + 1, end)];
  // The sign-off's own block may start with the last body lines.
  const last = blocks[end];
  if (last && end !== salutation.index) {
    const signOffAt = last.lines.findIndex((line) => SIGN_OFF.test(plain(line)));
    if (signOffAt > 0) body.push({ lines: last.lines.slice(0, signOffAt), afterBreak: last.afterBreak });
  }
  return body.filter((block) => !isPageNumber(block));
}

function isPageNumber(block: Block): boolean {
  return block.lines.length === 1 && /^(?:page\s*)?\d{1,3}$/i.test(block.lines[0] ?? "");
}

/**
 * Wrapped lines join into paragraphs, and a paragraph that a page break (or
 * a page's footnotes) cut in two is joined again: it did not end a sentence
 * and the next part goes on in lower case.
 */
function joinSplitParagraphs(blocks: Block[]): string[] {
  const paragraphs: string[] = [];
  for (const block of blocks) {
    const text = block.lines.reduce(joinWrapped, "");
    const previous = paragraphs[paragraphs.length - 1];
    const continues = previous !== undefined && !/[.!?:;"”’)]$/.test(previous) && /^[\p{Ll}(]/u.test(text);
    if (continues) paragraphs[paragraphs.length - 1] = `${previous} ${text}`;
    else paragraphs.push(text);
  }
  return paragraphs;
}

function lastIndex<T>(items: T[], test: (item: T, index: number) => boolean): number {
  for (let index = items.length - 1; index >= 0; index -= 1) if (test(items[index] as T, index)) return index;
  return -1;
}
