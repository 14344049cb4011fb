/**
 * Column and placeholder names match ignoring case, spaces, `_` and `-`,
 * so `((Council Name))`, `((council_name))` and `council-name` are one name.
 */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, "");
}

const TRUTHY = new Set(["yes", "y", "true", "t", "1", "include", "show"]);

/** Whether a value switches on a `((flag??text))` conditional. */
export function isTruthy(value: string): boolean {
  return TRUTHY.has(value.trim().toLowerCase());
}
