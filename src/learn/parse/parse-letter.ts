import { PostbagError } from "../../errors.ts";
import type { LetterText } from "../read/letter-text.ts";
import { joinWrapped, splitBlocks, type Block } from "./blocks.ts";
import { frameAbove, linesAbove, plain } from "./frame-lines.ts";
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
  const signOffAt = lines.findLastIndex((line, at) => at > salutationAt && SIGN_OFF.test(line.text));
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
