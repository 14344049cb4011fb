import { isPostbagError } from "../../../errors.ts";
import { formErrors, type FormErrors } from "../../forms/form-errors.ts";

/**
 * A use case's refusal as errors on the page it came from: a bad value
 * against its field (400), an illegal state change or a clash with someone
 * else's change against `fallback` (409). `fields` maps the use case's field
 * names ("on") to the form's ("sent-on"). Anything else (a wrong address in
 * the URL, a role without the right, a failure) is left to the error pages.
 */
export function actionErrors(
  error: unknown,
  fields: Record<string, string>,
  fallback: string,
): { status: number; errors: FormErrors } | null {
  if (!isPostbagError(error)) return null;
  const { code, location } = error;
  if (["internal", "database", "render_failed", "forbidden"].includes(code)) return null;
  if (code === "not_found" && (location.field === "campaign" || location.field === "recipient")) return null;
  const mapped = location.field === undefined ? undefined : fields[location.field];
  const message = mapped ? error.detail : error.message;
  return {
    status: code === "invalid_transition" || code === "conflict" ? 409 : 400,
    errors: formErrors([
      { field: mapped ?? fallback, message: message.charAt(0).toUpperCase() + message.slice(1) },
    ]),
  };
}
