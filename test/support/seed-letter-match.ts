import { expect } from "vitest";
import { joinLines, readRenderedLetter } from "./read-rendered-letter.ts";
import { words, type LetterParts } from "./seed-letter.ts";

/**
 * Asserts a rendered letter (any format) is the seed letter word for word:
 * the address block line by line, the date, salutation, body, footnotes and
 * sign-off, and the signatory's role under it.
 */
export async function expectSeedReproduced(
  file: string,
  seed: LetterParts,
  /** On paper (PDF, DOCX) each link's address is printed after its text: these, which the seed does not have. */
  printedAddresses?: Set<string>,
): Promise<void> {
  const letter = await readRenderedLetter(file);
  const strip = (text: string) => (printedAddresses ? withoutAddresses(text, printedAddresses) : text);
  const { lines } = letter;
  const first = lines.indexOf(seed.address[0] ?? "");
  expect(first).toBeGreaterThan(-1);
  expect(lines.slice(first, first + seed.address.length)).toEqual(seed.address);
  expect(lines).toContain(seed.date);
  const salutation = lines.indexOf(seed.salutation);
  const signOff = lines.indexOf(seed.signOff);
  expect(salutation).toBeGreaterThan(first);
  expect(signOff).toBeGreaterThan(salutation);
  const body = joinLines(lines.slice(salutation + 1, signOff));
  expect(words(strip(body))).toBe(seed.body);
  expect(letter.footnotes.map((note) => words(strip(note)))).toEqual(seed.footnotes);
  if (printedAddresses) {
    // Printed, not merely tolerated: the body's links and every footnote's carry their address.
    expect(strip(body)).not.toBe(body);
    for (const note of letter.footnotes) expect(strip(note)).not.toBe(note);
  }
  expect(lines.slice(signOff + 1).filter(Boolean)).toContain("Independent Anti-Slavery Commissioner");
}

/** The text without " (address)" after a link, however the address was wrapped across lines. */
function withoutAddresses(text: string, addresses: Set<string>): string {
  return text.replace(/\s*\(([^()]*)\)/g, (whole, inner: string) =>
    addresses.has(inner.replace(/\s+/g, "")) ? "" : whole,
  );
}
