// Every reader (PDF, DOCX, HTML, Markdown, plain text) turns a letter file
// into "letter text": one plain dialect, so that finding the frame and
// comparing letters is written once.
//
// The dialect:
// - Lines of UTF-8 text. A blank line ends a block (a paragraph, or a group of
//   frame lines such as the address). Consecutive lines of one block are
//   either frame lines (kept line by line) or a paragraph wrapped across
//   lines; the parser decides which.
// - A footnote reference is `[^n]` straight after the word it marks, n being
//   the number as printed ("announcement[^1] in late 2019").
// - A footnote's text is a block of its own starting `[^n]: ` and may sit
//   anywhere, for example at a page foot in the middle of a paragraph that a
//   page break split.
// - A link to an absolute address (http:, https:, mailto:) is `[text](url)`;
//   any other link is just its text.
// - Bold is `**text**`, italic `*text*`; a heading is a line starting `# `.
// - A page break is a line `<<page>>` (page numbers such as "Page 1 of 2" are
//   left out): a paragraph it splits is joined again by the parser.
// - Text that is not markup is as printed: "&", "<" and "*" are not escaped.

export const PAGE_BREAK = "<<page>>";

/** What a reader returns for one file. */
export interface LetterText {
  /** The file as the user named it, for messages. */
  file: string;
  text: string;
  /** What had to be guessed while reading (a character set), for the report. */
  problems?: string[];
}
