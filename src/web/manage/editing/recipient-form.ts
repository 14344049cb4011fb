import type { FormErrors } from "../../forms/form-errors.ts";
import { renameFields } from "./editing-forms.ts";

// One input per column of the recipients file, named by the column (what
// editRecipient takes and what its problems name). A column name is not
// always a usable HTML id ("Council Name"), so such inputs get one of their own.

export interface RecipientInput {
  id: string;
  name: string;
  value: string;
  /** A long or multi-line value gets a textarea. */
  multiline: boolean;
  /** The id names the recipient's letters: it is shown, never changed. */
  readonly: boolean;
  errorMessage?: { text: string } | undefined;
}

const PLAIN_ID = /^[A-Za-z][A-Za-z0-9_-]*$/;
/** The page's own ids: a column of that name gets another. */
const TAKEN = new Set(["main-content", "preview-heading"]);

export function inputIds(columns: string[]): Map<string, string> {
  return new Map(
    columns.map((column, index) => [
      column,
      PLAIN_ID.test(column) && !TAKEN.has(column) ? column : `column-${index + 1}`,
    ]),
  );
}

export function recipientInputs(
  fields: { column: string; value: string }[],
  values: Record<string, string> | null,
  errors: FormErrors | null,
): RecipientInput[] {
  const ids = inputIds(fields.map(({ column }) => column));
  return fields.map(({ column, value: saved }) => {
    const readonly = column.trim().toLowerCase() === "id";
    // A sent form's values are kept; the id is always the saved one.
    const value = readonly ? saved : (values?.[column] ?? saved);
    return {
      id: ids.get(column) ?? column,
      name: column,
      value,
      multiline: /[\r\n]/.test(value) || value.length > 80,
      readonly,
      errorMessage: errors?.byField[ids.get(column) ?? column],
    };
  });
}

/** Errors from editRecipient, by column, pointed at the inputs' ids. */
export function errorsByInput(errors: FormErrors, columns: string[]): FormErrors {
  const ids = inputIds(columns);
  return renameFields(errors, (field) => ids.get(field) ?? field);
}
