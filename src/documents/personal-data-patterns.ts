// Patterns of personal data, shared by the publication checks (which flag
// them for review) and by redaction by pattern (which removes them). Each is
// a plain regular expression written here, never one typed by a user.

export const NAMED_PATTERNS = {
  email: /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g,
  // UK numbers in the usual spellings: +44 or 0044 (with or without "(0)"), or 0, then 9 to 11
  // digits grouped by spaces or hyphens ("01872 555 0123", "+44 (0)1872 555 0123", "07700 900123");
  // or an area code in brackets, "(01872) 555 0123".
  phone:
    /(?:(?:\+44|\b0044)\s?(?:\(0\)\s?)?|\b0)(?:\d[\s-]?){8,10}\d\b|\(0\d{2,4}\)\s?\d{3,4}[\s-]?\d{3,4}\b/g,
  // National Insurance numbers: two letters (not D, F, I, Q, U, V; second not O), six digits, A-D.
  "ni-number": /\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g,
  postcode: /\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[ABD-HJLNP-UW-Z]{2}\b/g,
} as const satisfies Record<string, RegExp>;

export type PatternName = keyof typeof NAMED_PATTERNS;

export const PATTERN_NAMES = Object.keys(NAMED_PATTERNS) as PatternName[];

export function isPatternName(name: string): name is PatternName {
  return Object.hasOwn(NAMED_PATTERNS, name);
}

/** Every match of a named pattern in a text, with where it starts. */
export function findPattern(name: PatternName, text: string): { text: string; index: number }[] {
  const pattern = new RegExp(NAMED_PATTERNS[name].source, NAMED_PATTERNS[name].flags);
  return [...text.matchAll(pattern)].map((match) => ({ text: match[0], index: match.index }));
}
