// Bidirectional formatting characters reorder the text around them: a
// right-to-left override in a name or address line prints it backwards
// ("Trojan Source"). A value is always printed as written, so in a letter
// each of them is shown as a visible mark ("[RLO]") and does nothing.

const NAMES: Record<string, string> = {
  "\u061C": "ALM",
  "\u200E": "LRM",
  "\u200F": "RLM",
  "\u202A": "LRE",
  "\u202B": "RLE",
  "\u202C": "PDF",
  "\u202D": "LRO",
  "\u202E": "RLO",
  "\u2066": "LRI",
  "\u2067": "RLI",
  "\u2068": "FSI",
  "\u2069": "PDI",
};
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** The text with each bidirectional formatting character replaced by its visible name in brackets. */
export function showBidiControls(text: string): string {
  return text.replace(BIDI, (char) => `[${NAMES[char] ?? "BIDI"}]`);
}
