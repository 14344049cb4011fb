import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

// The letter font ships with the project (Arimo, metric-compatible with
// Arial, from an npm package under the SIL Open Font License): the PDF never
// depends on the fonts of the machine that renders it.
const require = createRequire(import.meta.url);
const FACES = ["400Regular", "400Regular_Italic", "700Bold", "700Bold_Italic"];

export function letterFontFiles(): string[] {
  const root = dirname(require.resolve("@expo-google-fonts/arimo/package.json"));
  return FACES.map((face) => join(root, face, `Arimo_${face}.ttf`));
}

export function loadLetterFonts(): Buffer[] {
  return letterFontFiles().map((file) => readFileSync(file));
}
