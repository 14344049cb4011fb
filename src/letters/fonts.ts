import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

// The letter fonts ship with the project (npm packages under the SIL Open
// Font License): the PDF never depends on the fonts of the machine that
// renders it. Arimo, metric-compatible with Arial, sets the letter; Noto
// Sans, Noto Sans Symbols 2 and Noto Emoji print what Arimo lacks (Devanagari,
// arrows and symbols, emoji), in that order. A character none of them has is
// refused before any letter is made (font-coverage.ts).
const require = createRequire(import.meta.url);

const packageDir = (name: string) => dirname(require.resolve(`@expo-google-fonts/${name}/package.json`));

const ARIMO_FACES = ["400Regular", "400Regular_Italic", "700Bold", "700Bold_Italic"];

/** Arimo's four faces: regular, italic, bold, bold italic. */
export function letterFontFiles(): string[] {
  return ARIMO_FACES.map((face) => join(packageDir("arimo"), face, `Arimo_${face}.ttf`));
}

/** The fallbacks, in the order letter.typ lists their families after Arimo. */
export function fallbackFontFiles(): string[] {
  return [
    join(packageDir("noto-sans"), "400Regular", "NotoSans_400Regular.ttf"),
    join(packageDir("noto-sans-symbols-2"), "400Regular", "NotoSansSymbols2_400Regular.ttf"),
    join(packageDir("noto-emoji"), "400Regular", "NotoEmoji_400Regular.ttf"),
  ];
}

export function loadLetterFonts(): Buffer[] {
  return [...letterFontFiles(), ...fallbackFontFiles()].map((file) => readFileSync(file));
}
