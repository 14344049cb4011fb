import { expect } from "vitest";
import { joinLines, readRenderedLetter } from "./read-rendered-letter.ts";
import { words, type LetterParts } from "./seed-letter.ts";

/**
 * Asserts a rendered letter (any format) is the seed letter word for word:
 * the address block line by line, the date, salutation, body, footnotes and
 * sign-off, and the signatory's role under it.
 */
export async function expectSeedReproduced(file: string, seed: LetterParts): Promise<void> {
  const letter = await readRenderedLetter(file);
  const { lines } = letter;
  const first = lines.indexOf(seed.address[0] ?? "");
  expect(first).toBeGreaterThan(-1);
  expect(lines.slice(first, first + seed.address.length)).toEqual(seed.address);
  expect(lines).toContain(seed.date);
  const salutation = lines.indexOf(seed.salutation);
  const signOff = lines.indexOf(seed.signOff);
  expect(salutation).toBeGreaterThan(first);
  expect(signOff).toBeGreaterThan(salutation);
  expect(words(joinLines(lines.slice(salutation + 1, signOff)))).toBe(seed.body);
  expect(letter.footnotes).toEqual(seed.footnotes);
  expect(lines.slice(signOff + 1).filter(Boolean)).toContain("Independent Anti-Slavery Commissioner");
}
