import { isPostbagError, problemsOf } from "../../errors.ts";

/** What the GOV.UK error summary and each field's error message need. */
export interface FormErrors {
  list: { text: string; href: string }[];
  byField: Record<string, { text: string }>;
}

export interface FieldError {
  field: string;
  message: string;
}

export function formErrors(errors: FieldError[]): FormErrors {
  const byField: Record<string, { text: string }> = {};
  for (const { field, message } of errors) byField[field] ??= { text: message };
  return {
    list: errors.map(({ field, message }) => ({ text: message, href: `#${field}` })),
    byField,
  };
}

/**
 * A PostbagError as form errors, one per problem it carries: against its
 * field when it names one of the form's fields, else against `fallbackField`
 * (the file input of an upload, say) with the full message that names the
 * file, row and column.
 */
export function formErrorsFrom(
  error: unknown,
  fallbackField: string,
  fields: string[] = [],
): FormErrors | null {
  if (!isPostbagError(error) || error.code === "internal" || error.code === "database") return null;
  return formErrors(
    problemsOf(error).map((problem) => {
      const field =
        problem.field !== undefined && fields.includes(problem.field) ? problem.field : fallbackField;
      // A message about a field starts a sentence; one that starts with a file's name keeps its case.
      return { field, message: field === problem.field ? capitalise(problem.detail) : problem.message };
    }),
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
