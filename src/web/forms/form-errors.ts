import { isPostbagError } from "../../errors.ts";

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
 * A PostbagError as form errors: against its field when it names one of the
 * form's fields, else against `fallbackField` (the file input of an upload,
 * say), with the full message that names the file, row and column.
 */
export function formErrorsFrom(
  error: unknown,
  fallbackField: string,
  fields: string[] = [],
): FormErrors | null {
  if (!isPostbagError(error) || error.code === "internal" || error.code === "database") return null;
  const details = (error as { details?: FieldError[] }).details;
  if (details && details.length > 0) {
    return formErrors(
      details.map((detail) => ({ ...detail, field: onForm(detail.field, fields, fallbackField) })),
    );
  }
  const field = onForm(error.location.field, fields, fallbackField);
  const message = field === error.location.field ? error.detail : error.message;
  return formErrors([{ field, message: capitalise(message) }]);
}

function onForm(field: string | undefined, fields: string[], fallback: string): string {
  return field !== undefined && fields.includes(field) ? field : fallback;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
