import { diffArrays } from "diff";

// Lines many letters up against one of them (the reference) word by word, and
// cuts them into pieces: runs of words every letter has in the same place,
// and the passages between them, which vary.

export type Piece = { kind: "same"; tokens: string[] } | { kind: "varies"; values: string[][] };

export function alignLetters(letters: string[][]): Piece[] {
  const refIndex = medianLength(letters);
  const ref = letters[refIndex] ?? [];
  const matches = letters.map((tokens, index) =>
    index === refIndex ? identity(ref.length) : matchTo(ref, tokens),
  );
  const pieces: Piece[] = [];
  let last = letters.map(() => -1);
  const push = (piece: Piece) => {
    const previous = pieces[pieces.length - 1];
    if (piece.kind === "same" && previous?.kind === "same") previous.tokens.push(...piece.tokens);
    else pieces.push(piece);
  };
  const spansUpTo = (ends: number[]) =>
    letters.map((tokens, index) => tokens.slice((last[index] ?? -1) + 1, ends[index]));
  for (let at = 0; at < ref.length; at += 1) {
    const here = matches.map((match) => match[at] ?? -1);
    if (here.some((index) => index < 0)) continue;
    const spans = spansUpTo(here);
    if (spans.some((span) => span.length > 0)) push({ kind: "varies", values: spans });
    push({ kind: "same", tokens: [ref[at] ?? ""] });
    last = here;
  }
  const tails = spansUpTo(letters.map((tokens) => tokens.length));
  if (tails.some((span) => span.length > 0)) push({ kind: "varies", values: tails });
  return pieces;
}

/** The letter of median length: a reference neither missing nor padding passages. */
function medianLength(letters: string[][]): number {
  const order = letters
    .map((tokens, index) => ({ index, length: tokens.length }))
    .sort((a, b) => a.length - b.length);
  return order[Math.floor((order.length - 1) / 2)]?.index ?? 0;
}

function identity(length: number): Int32Array {
  return Int32Array.from({ length }, (_, index) => index);
}

/** For each reference word, the index of the same word in `tokens`, or -1. */
function matchTo(ref: string[], tokens: string[]): Int32Array {
  const matched = new Int32Array(ref.length).fill(-1);
  let refAt = 0;
  let tokenAt = 0;
  for (const change of diffArrays(ref, tokens)) {
    const count = change.count ?? change.value.length;
    if (change.added) tokenAt += count;
    else if (change.removed) refAt += count;
    else {
      for (let step = 0; step < count; step += 1) matched[refAt + step] = tokenAt + step;
      refAt += count;
      tokenAt += count;
    }
  }
  return matched;
}
