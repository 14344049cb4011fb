import type { FastifyRequest } from "fastify";
import type { ImportSummary } from "../../../campaigns/records/import-campaign.ts";
import { isPostbagError } from "../../../errors.ts";
import { formErrors, formErrorsFrom, type FormErrors } from "../../forms/form-errors.ts";

// What the editing pages share: who is editing, which errors are the user's
// to fix on the form, and how an import's outcome is told.

/** The hidden field of an edit form that carries the version it was opened at (not a column name: "_"). */
export const VERSION_FIELD = "_version";

/** The audit log's actor: the signed-in user (the permission hook has checked there is one). */
export function actorOf(request: FastifyRequest): string {
  return request.user?.email ?? "";
}

export { campaignPath } from "../paths.ts";

// An unknown campaign or recipient in the URL is a missing page (404), and a
// conflict stays a conflict (409): those go to the error pages, not the form;
// but a save refused because someone else saved first comes back to the form
// (with the other change shown), so the person's own work is not lost.
const NOT_THE_FORM = new Set(["conflict", "invalid_transition", "forbidden", "render_failed"]);

/** Whether the error is a save refused for a newer version (optimistic locking). */
export function isEditConflict(error: unknown): boolean {
  return isPostbagError(error) && error.code === "conflict" && error.location.field === "version";
}

/** The status a form page shown again for this error answers with. */
export function formStatus(error: unknown): number {
  return isEditConflict(error) ? 409 : 400;
}

/** The problems of what was sent, for the form; anything else is thrown on. */
export function inputErrors(error: unknown, fallbackField: string, fields: string[]): FormErrors {
  // Against the form's main input, in the error's own words (it names no field the person sees).
  if (isEditConflict(error))
    return formErrors([{ field: fallbackField, message: (error as Error & { detail: string }).detail }]);
  const page =
    isPostbagError(error) &&
    !isEditConflict(error) &&
    (NOT_THE_FORM.has(error.code) ||
      (error.code === "not_found" && ["campaign", "recipient"].includes(error.location.field ?? "")));
  const errors = page ? null : formErrorsFrom(error, fallbackField, fields);
  if (!errors) throw error;
  return errors;
}

/** The same errors against other inputs: an input whose id is not the field's name, say. */
export function renameFields(errors: FormErrors, rename: (field: string) => string): FormErrors {
  const byField: FormErrors["byField"] = {};
  for (const [field, message] of Object.entries(errors.byField)) byField[rename(field)] ??= message;
  return {
    list: errors.list.map(({ text, href }) => ({ text, href: `#${rename(href.slice(1))}` })),
    byField,
  };
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** "4 letters created, 1 revised, 0 unchanged": what an import did to the letters. */
export function lettersChanged({ letters, departed }: ImportSummary): string {
  const told = `${plural(letters.created, "letter")} created, ${letters.revised} revised, ${letters.unchanged} unchanged`;
  return told + alreadySent(letters.alreadySent) + departedText(departed);
}

/** Rows that left the file: their drafts removed, or kept because something was sent. */
export function departedText({ removed, kept }: ImportSummary["departed"]): string {
  const parts = [];
  if (removed.length > 0) {
    parts.push(
      `${plural(removed.length, "recipient")} no longer in the file removed, with their unsent letters: ${removed.join(", ")}`,
    );
  }
  if (kept.length > 0) {
    parts.push(
      `${plural(kept.length, "recipient")} no longer in the file kept, as letters were sent to them: ${kept.join(", ")}`,
    );
  }
  return parts.map((part) => `; ${part}`).join("");
}

/** Letters already sent are never rewritten: say so, or the edit seems lost. */
export function alreadySent(recipients: string[]): string {
  if (recipients.length === 0) return "";
  return ` (${plural(recipients.length, "letter")} already sent, so not changed: ${recipients.join(", ")})`;
}
