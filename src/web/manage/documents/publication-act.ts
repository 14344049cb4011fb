import { isPostbagError } from "../../../errors.ts";
import type { FormErrors } from "../../forms/form-errors.ts";
import { actionErrors } from "../letters/action-errors.ts";

/**
 * A publishing use case's refusal as errors on the page it came from, as for
 * any letter action; a thing that is not there (a document, reply or finding
 * of the address) is left to the not-found page.
 */
export function publicationErrors(
  error: unknown,
  fields: Record<string, string>,
  fallback: string,
): { status: number; errors: FormErrors } | null {
  if (isPostbagError(error) && error.code === "not_found") return null;
  return actionErrors(error, fields, fallback);
}

export { describeChange } from "../../../publishing/describe-change.ts";
