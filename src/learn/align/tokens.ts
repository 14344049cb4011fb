// Words of a letter body as the aligner compares them. Paragraph ends are a
// token of their own, so that passages never run across a paragraph silently.

export const PARAGRAPH = "¶";

export function bodyTokens(paragraphs: string[]): string[] {
  return paragraphs.flatMap((paragraph, index) => [
    ...(index > 0 ? [PARAGRAPH] : []),
    ...paragraph.split(" ").filter(Boolean),
  ]);
}

/** A word that ends a clause: the natural edge of a passage. */
export function endsClause(token: string): boolean {
  return /[.,;:!?]["'”’)]*$/.test(token);
}

/** A word carrying markup (footnote reference, link, bold, heading) cannot go into a value, which is plain text. */
export function carriesMarkup(token: string): boolean {
  return token === PARAGRAPH || /\[\^|\]\(|\*\*|^#|^\[/.test(token);
}

/** Letters and digits only: what two readings of one passage must share to be the same words. */
export function lettersAndDigits(tokens: string[]): string {
  return tokens
    .filter((token) => token !== PARAGRAPH)
    .join("")
    .replace(/\]\([^)]*\)/g, "")
    .replace(/[^\p{L}\p{N}]/gu, "");
}
