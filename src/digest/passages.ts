// The passages a reply's words are ranked in: each page of each of its texts
// (the reply's own text, each file's) cut at blank lines into paragraphs; a
// heading or other short line is kept with the paragraph after it (a
// heading says what its paragraph is about), and a long paragraph is cut
// into windows of whole sentences, so a passage is a few sentences a person
// can read at a glance.

export interface Passage {
  /** The file it is in, or null for the reply's own text (an email's body). */
  file: string | null;
  /** From 1; pages of a PDF are separated by form feeds in its text. */
  page: number;
  text: string;
  /** The stored file's hash, where it has one: what a link to the file names. */
  hash?: string;
}

export interface TextToSplit {
  file: string | null;
  text: string;
  hash?: string;
  /** Each line is a passage of its own: a workbook's text, a row a line. */
  byLine?: boolean;
}

/** Lines shorter than this are headings, kept with what follows. */
const SHORT = 60;
/** A paragraph longer than this is cut into windows of sentences. */
const LONG = 700;

export function passagesOf({ file, text, byLine = false, hash }: TextToSplit): Passage[] {
  return text
    .split("\f")
    .flatMap((page, index) =>
      paragraphs(byLine ? page.replace(/\n/g, "\n\n") : page).flatMap((paragraph) =>
        windows(paragraph).map((text) => ({ file, page: index + 1, text, ...(hash ? { hash } : {}) })),
      ),
    );
}

function paragraphs(page: string): string[] {
  const found: string[] = [];
  let heading = "";
  for (const block of page.split(/\n\s*\n/)) {
    const text = block.replace(/\s+/g, " ").trim();
    if (text === "") continue;
    if (text.length < SHORT && !/[.!?]$/.test(text)) {
      heading = heading ? `${heading} ${text}` : text;
      continue;
    }
    found.push(heading ? `${heading}: ${text}` : text);
    heading = "";
  }
  if (heading) found.push(heading);
  return found;
}

function windows(paragraph: string): string[] {
  if (paragraph.length <= LONG) return [paragraph];
  const sentences = paragraph.match(/[^.!?]+(?:[.!?]+["')\]]*\s*|$)/g) ?? [paragraph];
  const found: string[] = [];
  let current = "";
  for (const sentence of sentences) {
    if (current && current.length + sentence.length > LONG) {
      found.push(current.trim());
      current = "";
    }
    current += sentence;
  }
  if (current.trim()) found.push(current.trim());
  return found;
}

/**
 * A file's stored text as passages are cut from it: a form feed where each
 * page after the first starts, and a workbook's text (a row a line) taken
 * line by line.
 */
export function fileToSplit(
  file: string,
  text: string,
  pageStarts: number[] | null | undefined,
): TextToSplit {
  const paged =
    pageStarts && pageStarts.length > 1
      ? pageStarts.map((start, i) => text.slice(start, pageStarts[i + 1] ?? text.length)).join("\f")
      : text;
  return { file, text: paged, byLine: /\.xlsx$/i.test(file) || text.startsWith('Sheet "') };
}
