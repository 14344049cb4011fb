/**
 * Column and placeholder names match ignoring case, spaces, `_` and `-`,
 * so `((Council Name))`, `((council_name))` and `council-name` are one name.
 */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, "");
}

const TRUTHY = new Set(["yes", "y", "true", "t", "1", "include", "show"]);
const FALSY = new Set(["", "no", "n", "false", "f", "0", "exclude", "hide"]);

/** The words a flag's value may be: any other is a mistake (a "maybe" would silently mean no). */
export const FLAG_WORDS = "yes/no, y/n, true/false, t/f, 1/0, include/exclude, show/hide, or empty for no";

/** Whether a value is one a flag understands, yes or no. */
export function isFlagValue(value: string): boolean {
  const word = value.trim().toLowerCase();
  return TRUTHY.has(word) || FALSY.has(word);
}

/** Whether a value switches on a `((flag??text))` conditional. */
export function isTruthy(value: string): boolean {
  return TRUTHY.has(value.trim().toLowerCase());
}
