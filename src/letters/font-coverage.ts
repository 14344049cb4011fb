import { readFileSync } from "node:fs";
import opentype from "opentype.js";
import { fallbackFontFiles, letterFontFiles } from "./fonts.ts";

// Which characters the letter fonts can print. A character none of them has
// would fail the tagged PDF (PDF/UA forbids a missing glyph), so it is found
// when the letters are prepared, with its place, not when they are approved.

/** Arimo has every character of ASCII, Latin-1 and Latin Extended-A: the fonts are read only for others. */
const SURELY_PRINTABLE = /^[\u0020-\u007E\u00A0-\u017F\s]*$/u;
/** Characters that print as no glyph: joiners, variation selectors, zero-width space. */
const INVISIBLE = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);
const isInvisible = (code: number) => INVISIBLE.has(code) || (code >= 0xfe00 && code <= 0xfe0f);

let coverage: Set<number> | undefined;

/** Every code point of Arimo (regular) and the fallbacks, read once. */
function printableCodePoints(): Set<number> {
  if (coverage) return coverage;
  const points = new Set<number>();
  for (const file of [letterFontFiles()[0]!, ...fallbackFontFiles()]) {
    const bytes = readFileSync(file);
    const font = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    // opentype.js reads the cmap into glyphIndexMap (code point → glyph); its types leave tables untyped.
    const map = (font.tables.cmap as unknown as { glyphIndexMap: Record<string, number> }).glyphIndexMap;
    for (const code of Object.keys(map)) points.add(Number(code));
  }
  coverage = points;
  return points;
}

/** The first character of the text that no letter font has, or null. */
export function unprintableCharacter(text: string): string | null {
  if (SURELY_PRINTABLE.test(text)) return null;
  const printable = printableCodePoints();
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (/\s/u.test(char) || isInvisible(code) || printable.has(code)) continue;
    return char;
  }
  return null;
}

/** "王 (U+738B)". */
export function describeUnprintable(char: string): string {
  return `"${char}" (U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")})`;
}
