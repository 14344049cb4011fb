// Footnotes are told apart by their text, not their number: letters number
// their notes in order of reference, so a note numbered 3 in one letter may be
// 2 in another that lacks a passage. References become `[^key]`, one key per
// note text, the same in every letter.

export class FootnoteKeys {
  private readonly keys = new Map<string, string>();
  /** Key → every reading of the note, with how many letters read it so. */
  private readonly readings = new Map<string, Map<string, number>>();

  keyOf(text: string): string {
    const identity = text
      .replace(/\]\([^)]*\)/g, "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]/gu, "");
    let key = this.keys.get(identity);
    if (key === undefined) {
      key = `note${this.keys.size + 1}`;
      this.keys.set(identity, key);
    }
    const readings = this.readings.get(key) ?? new Map<string, number>();
    readings.set(text, (readings.get(text) ?? 0) + 1);
    this.readings.set(key, readings);
    return key;
  }

  /** The note's text as most letters print it, preferring a reading that kept its links. */
  textOf(key: string): string {
    const readings = [...(this.readings.get(key) ?? new Map<string, number>())];
    readings.sort(([a, countA], [b, countB]) => linked(b) - linked(a) || countB - countA);
    return readings[0]?.[0] ?? "";
  }
}

function linked(text: string): number {
  return /\]\((https?:|mailto:)/.test(text) ? 1 : 0;
}

/**
 * The letter's paragraphs with `[^n]` (as printed) replaced by `[^key]`.
 * A reference to a note the letter does not have is dropped and reported.
 */
export function keyReferences(
  paragraphs: string[],
  notes: Map<string, string>,
  keys: FootnoteKeys,
  missing: (number: string) => void,
): string[] {
  const keyOfNumber = new Map([...notes].map(([number, text]) => [number, keys.keyOf(text)]));
  return paragraphs.map((paragraph) =>
    paragraph.replace(/\[\^(\d{1,3})\]/g, (_, number: string) => {
      const key = keyOfNumber.get(number);
      if (key === undefined) missing(number);
      return key === undefined ? "" : `[^${key}]`;
    }),
  );
}
