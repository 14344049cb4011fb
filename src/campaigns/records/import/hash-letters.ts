import type { Letter } from "../../../letters/model.ts";
import type { Progress } from "../../prepare-letters.ts";
import { contentHash, letterContent } from "../letter-content.ts";

/** A letter as stored: its content (no source row) and that content's hash. */
export interface HashedLetter {
  letter: Letter;
  content: Omit<Letter, "source">;
  hash: string;
}

const PER_STEP = 500;

/** Every letter's content and hash, a few hundred at a time, giving the event loop back between them. */
export async function hashLetters(letters: Letter[], onProgress: Progress): Promise<HashedLetter[]> {
  const hashed: HashedLetter[] = [];
  for (let start = 0; start < letters.length; start += PER_STEP) {
    for (const letter of letters.slice(start, start + PER_STEP)) {
      const content = letterContent(letter);
      hashed.push({ letter, content, hash: contentHash(content) });
    }
    await onProgress("Comparing the letters with those saved", hashed.length, letters.length);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return hashed;
}
