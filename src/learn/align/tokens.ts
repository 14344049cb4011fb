// Words of a letter body as the aligner compares them. Paragraph ends are a
// token of their own, so that passages never run across a paragraph silently.
// Both markers are control characters, which no reader lets into letter text
// (a pilcrow in a letter is a word like any other).

export const PARAGRAPH = "\u0002";

/**
 * Marks a token printed straight after the one before it, with no space: the
 * punctuation ending a word is a token of its own, so that "plan." and
 * "plan and the review." share "plan" and ".".
 */
export const GLUED = "\u0001";

export function bodyTokens(paragraphs: string[]): string[] {
  return paragraphs.flatMap((paragraph, index) => [
    ...(index > 0 ? [PARAGRAPH] : []),
    ...paragraph
      // eslint-disable-next-line no-control-regex -- the markers must not come from the letter itself
      .replace(/[\u0001\u0002]/g, "")
      .split(" ")
      .filter(Boolean)
      .flatMap(splitPunctuation),
  ]);
}

function splitPunctuation(word: string): string[] {
  const match = /^(.*?[^.,;:!?])([.,;:!?]+["'”’)]*)$/u.exec(word);
  return match ? [match[1] ?? "", `${GLUED}${match[2] ?? ""}`] : [word];
}

export function isGlued(token: string): boolean {
  return token.startsWith(GLUED);
}

/** Tokens back to text: spaces between words, none before glued punctuation, paragraphs as blank lines. */
export function joinTokens(tokens: string[], paragraph = " "): string {
  let text = "";
  for (const token of tokens) {
    if (token === PARAGRAPH) text += paragraph;
    else if (isGlued(token)) text += token.slice(1);
    else text += text === "" || text.endsWith(paragraph) ? token : ` ${token}`;
  }
  return text;
}

/** A word that ends a clause: the natural edge of a passage. */
export function endsClause(token: string): boolean {
  return isGlued(token) && /[.,;:!?]/.test(token);
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
