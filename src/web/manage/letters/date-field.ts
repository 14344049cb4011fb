import { parseIsoDate } from "../../../campaigns/deadlines/iso-date.ts";
import { isPostbagError } from "../../../errors.ts";
import type { FieldError } from "../../forms/form-errors.ts";

// Dates are typed as YYYY-MM-DD in one text input (with a hint): one field to
// fill and to link to from the error summary, and the form the use cases take.

/** A date field's problems: none when it holds a real YYYY-MM-DD day. */
export function dateProblem(value: string, field: string, what: string): FieldError[] {
  if (value.trim() === "") return [{ field, message: `Enter the date ${what}` }];
  try {
    parseIsoDate(value, field);
    return [];
  } catch (error) {
    if (!isPostbagError(error)) throw error;
    return [{ field, message: `Enter the date ${what} as year-month-day, for example 2026-11-23` }];
  }
}
