import { parseLetterDate } from "../frame/letter-date.ts";
import type { Block } from "./blocks.ts";

// The frame above the salutation: letterhead, date and address, told apart
// by the blank lines between them and, where a file has none (Word, HTML with
// a paragraph per line), by the letterhead's last contact line.

const CONTACT_LINE = /^(Tel|Telephone|Phone|Fax|Email|E-mail|Web|Website|www\.|https?:)|^\S+@\S+\.\S+$/i;

/** Bold and heading marks mean nothing in a letter's frame. */
export function plain(line: string): string {
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
export function frameAbove(groups: string[][]) {
  let date = "";
  for (const group of groups) {
    const dates = group.map(parseLetterDate);
    const at = dates.findIndex((found) => found !== null);
    if (at !== -1) {
      date = dates[at] ?? "";
      group.splice(at, 1);
      break;
    }
  }
  let nonEmpty = groups.filter((group) => group.length > 0);
  // One paragraph per line (Word, and HTML with a <p> per line): no blank
  // lines tell the letterhead from the address, so the letterhead ends at its
  // last contact line (telephone, email, web address).
  if (nonEmpty.length > 1 && nonEmpty.every((group) => group.length === 1)) nonEmpty = [nonEmpty.flat()];
  const last = nonEmpty[nonEmpty.length - 1] ?? [];
  const contactAt = last.findLastIndex((line) => CONTACT_LINE.test(line));
  return {
    date,
    address: last.slice(contactAt + 1),
    letterhead: [...nonEmpty.slice(0, -1).flat(), ...last.slice(0, contactAt + 1)],
  };
}

/** The runs of lines above the salutation, its own run cut where it starts. */
export function linesAbove(blocks: Block[], salutation: { text: string; index: number }): string[][] {
  const own = (blocks[salutation.index]?.lines ?? []).map(plain);
  const before = blocks.slice(0, salutation.index).map((block) => block.lines.map(plain));
  return [...before, own.slice(0, own.indexOf(salutation.text))];
}
