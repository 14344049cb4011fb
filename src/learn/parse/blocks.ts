import { PAGE_BREAK } from "../read/letter-text.ts";

// Letter text as blocks (runs of non-blank lines), with footnote blocks taken
// out wherever they sit: a page foot in the middle of a letter holds its notes
// between the two halves of a split paragraph.

export interface Block {
  lines: string[];
  /** A page break or footnotes came just before this block. */
  afterBreak: boolean;
}

export interface Blocks {
  blocks: Block[];
  /** Note number as printed → its text. */
  notes: Map<string, string>;
}

const NOTE_START = /^\[\^(\d{1,3})\]:\s*(.*)$/;

export function splitBlocks(text: string): Blocks {
  const blocks: Block[] = [];
  const notes = new Map<string, string>();
  let current: string[] = [];
  let pendingBreak = false;
  let note: string | null = null;
  const flush = () => {
    if (current.length > 0) blocks.push({ lines: current, afterBreak: pendingBreak });
    if (current.length > 0) pendingBreak = false;
    current = [];
    note = null;
  };
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\s+/g, " ").trim();
    if (line === "" || line === PAGE_BREAK) {
      flush();
      if (line === PAGE_BREAK) pendingBreak = true;
      continue;
    }
    const start = NOTE_START.exec(line);
    if (start) {
      flush();
      note = start[1] ?? "";
      // A number printed twice (a letter's notes and an appendix's) keeps the first.
      if (!notes.has(note)) notes.set(note, start[2] ?? "");
      pendingBreak = true;
    } else if (note !== null) {
      // A wrapped note line joins its note.
      notes.set(note, joinWrapped(notes.get(note) ?? "", line));
    } else current.push(line);
  }
  flush();
  return { blocks, notes };
}

/**
 * Joins a wrapped line to the text before it. A line ending in a letter and
 * "-" joins without a space ("multi-" + "agency"): letter renderers do not
 * hyphenate, so the hyphen is the word's own.
 */
export function joinWrapped(text: string, line: string): string {
  if (text === "") return line;
  return /\p{L}-$/u.test(text) ? text + line : `${text} ${line}`;
}
