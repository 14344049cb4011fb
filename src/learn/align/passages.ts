import type { Piece } from "./align-letters.ts";
import { carriesMarkup, endsClause, joinTokens, lettersAndDigits } from "./tokens.ts";

// From aligned pieces to the passages a template needs: differences that are
// only conversion noise are settled by the majority, differences within one
// clause become one passage, and a long passage takes in the rest of its
// clause, so that a value reads as a phrase and not as a cut-off fragment.

export type Passage = { kind: "same"; tokens: string[] } | { kind: "varies"; values: string[][] };

export interface NoiseNote {
  /** Index of the letter whose reading was set aside. */
  letter: number;
  read: string;
  kept: string;
}

/** A passage this many words long in some letter is completed to its clause. */
const LONG_PASSAGE = 4;
/** Words of one clause between two differences, beyond which they stay two passages. */
const MAX_WORDS_BETWEEN = 12;

export function settlePassages(pieces: Piece[], noise: NoiseNote[]): Passage[] {
  const settled = pieces.map((piece) => (piece.kind === "varies" ? settleNoise(piece.values, noise) : piece));
  return completeClauses(mergeWithinClauses(joinSame(settled)));
}

/**
 * When every reading has the same letters and digits (only punctuation,
 * spacing or markup differ: "Act(2015" against "Act 2015"), it is one passage
 * read badly in some files: the most common reading wins, the tidiest on a tie.
 */
function settleNoise(values: string[][], noise: NoiseNote[]): Passage {
  const identity = lettersAndDigits(values[0] ?? []);
  if (!values.every((value) => lettersAndDigits(value) === identity)) return { kind: "varies", values };
  const counts = new Map<string, { tokens: string[]; count: number }>();
  for (const value of values) {
    const key = value.join(" ");
    const entry = counts.get(key) ?? { tokens: value, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  const [best] = [...counts.values()].sort(
    (a, b) => b.count - a.count || punctuation(a.tokens) - punctuation(b.tokens),
  );
  const kept = best?.tokens ?? [];
  values.forEach((value, letter) => {
    if (value.join(" ") !== kept.join(" "))
      noise.push({ letter, read: joinTokens(value), kept: joinTokens(kept) });
  });
  return { kind: "same", tokens: kept };
}

function punctuation(tokens: string[]): number {
  return tokens.join("").replace(/[\p{L}\p{N}]/gu, "").length;
}

function joinSame(passages: Passage[]): Passage[] {
  const out: Passage[] = [];
  for (const passage of passages) {
    const previous = out[out.length - 1];
    if (passage.kind === "same" && previous?.kind === "same") previous.tokens.push(...passage.tokens);
    else if (passage.kind === "same" && passage.tokens.length === 0) continue;
    else out.push(passage.kind === "same" ? { kind: "same", tokens: [...passage.tokens] } : passage);
  }
  return out;
}

/** Two varying passages with only part of a clause between them are one passage. */
function mergeWithinClauses(passages: Passage[]): Passage[] {
  const out: Passage[] = [];
  for (let at = 0; at < passages.length; at += 1) {
    const passage = passages[at];
    const next = passages[at + 1];
    const previous = out[out.length - 1];
    if (passage?.kind === "varies" && previous?.kind === "varies") {
      out[out.length - 1] = {
        kind: "varies",
        values: previous.values.map((value, i) => [...value, ...(passage.values[i] ?? [])]),
      };
    } else if (
      passage?.kind === "same" &&
      previous?.kind === "varies" &&
      next?.kind === "varies" &&
      passage.tokens.length <= MAX_WORDS_BETWEEN &&
      !passage.tokens.some((token) => endsClause(token) || carriesMarkup(token))
    ) {
      out[out.length - 1] = {
        kind: "varies",
        values: previous.values.map((value) => [...value, ...passage.tokens]),
      };
    } else if (passage) out.push(passage);
  }
  return out;
}

function completeClauses(passages: Passage[]): Passage[] {
  const out = passages.map((passage) =>
    passage.kind === "same" ? { ...passage, tokens: [...passage.tokens] } : passage,
  );
  out.forEach((passage, at) => {
    if (passage.kind !== "varies" || isConditional(passage.values)) return;
    if (Math.max(...passage.values.map((value) => value.length)) < LONG_PASSAGE) return;
    const before = out[at - 1];
    const after = out[at + 1];
    let head: string[] = [];
    let tail: string[] = [];
    if (before?.kind === "same") {
      let start = before.tokens.length;
      while (start > 0 && !stopsBefore(before.tokens[start - 1] ?? "")) start -= 1;
      head = before.tokens.splice(start);
    }
    if (after?.kind === "same") {
      let end = 0;
      while (end < after.tokens.length && !carriesMarkup(after.tokens[end] ?? "")) {
        end += 1;
        if (endsClause(after.tokens[end - 1] ?? "")) break;
      }
      if (passage.values.some((value) => !endsClause(value[value.length - 1] ?? "x.")))
        tail = after.tokens.splice(0, end);
    }
    passage.values = passage.values.map((value) => [...head, ...value, ...tail]);
  });
  return mergeWithinClauses(joinSame(out));
}

function stopsBefore(token: string): boolean {
  return endsClause(token) || carriesMarkup(token);
}

/** Present word for word in some letters and absent from the others. */
export function isConditional(values: string[][]): boolean {
  const present = values.filter((value) => value.length > 0);
  if (present.length === values.length || present.length === 0) return false;
  const identity = lettersAndDigits(present[0] ?? []);
  return present.every((value) => lettersAndDigits(value) === identity);
}
