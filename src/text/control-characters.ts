// Control characters in text that came from people or from outside. NUL
// cannot be stored in a PostgreSQL text column at all, and the others (bell,
// escape, backspace…) are never meant: text a person typed is refused with a
// message naming them; text from outside (mail, extracted documents) is kept
// with each shown as U+FFFD, so it is stored and readable. Tab, line feed and
// carriage return are text.

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** The first control character in the text, as "U+0000 (NUL)", or null. */
export function controlCharacterIn(text: string): string | null {
  const found = CONTROL.exec(text);
  return found ? describeCharacter(found[0]) : null;
}

/** The text with every control character replaced by U+FFFD, the mark for "a character that could not be shown". */
export function withoutControlCharacters(text: string): string {
  return text.replace(CONTROLS, "\uFFFD");
}

const NAMES: Record<number, string> = {
  0: "NUL",
  7: "bell",
  8: "backspace",
  12: "form feed",
  27: "escape",
  127: "delete",
};

export function describeCharacter(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const name = NAMES[code];
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}${name ? ` (${name})` : ""}`;
}

/** Where the first control character of a text file is: its line and column (both from 1), or null. */
export function controlCharacterPosition(
  text: string,
): { line: number; column: number; character: string } | null {
  const found = CONTROL.exec(text);
  if (!found) return null;
  const before = text.slice(0, found.index);
  const line = before.split("\n").length;
  const column = found.index - (before.lastIndexOf("\n") + 1) + 1;
  return { line, column, character: describeCharacter(found[0]) };
}
