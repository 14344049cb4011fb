import { printedAddress } from "../../letters/render/printed-links.ts";
import type { LetterText } from "./letter-text.ts";

// A printed letter (Postbag's own PDF and Word letters among them) gives each
// link's address in brackets after its text, so a reader on paper can type
// it. Learned back, "[Plan](https://x.org/plan) (https://x.org/plan)" is the
// link alone, as it was written; brackets saying anything else are kept.

const LINK_THEN_BRACKETS = /(\[[^\]]*\]\(([^)\s]+)\))(\s*)\(([^()]*)\)/g;

export function withoutPrintedAddresses(letter: LetterText): LetterText {
  const text = letter.text.replace(
    LINK_THEN_BRACKETS,
    (whole, link: string, url: string, space: string, inner: string) =>
      // A wrapped address has a line break (or a space) where the line ended.
      space.includes("\n\n") || inner.replace(/\s+/g, "") !== printedAddress(url) ? whole : link,
  );
  return { ...letter, text };
}
