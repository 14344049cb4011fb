import { isPostbagError } from "../../../errors.ts";
import { formErrors, type FormErrors } from "../../forms/form-errors.ts";

/**
 * A publishing use case's refusal as errors on the page it came from: a bad
 * value against its form field (400), a thing that cannot be published now
 * against `fallback` (409). `fields` maps the use case's field names to the
 * form's. A wrong address (not found) and failures are left to the error pages.
 */
export function publicationErrors(
  error: unknown,
  fields: Record<string, string>,
  fallback: string,
): { status: number; errors: FormErrors } | null {
  if (!isPostbagError(error)) return null;
  const { code, location } = error;
  if (["internal", "database", "render_failed", "forbidden", "not_found"].includes(code)) return null;
  const mapped = location.field === undefined ? undefined : fields[location.field];
  const message = mapped ? error.detail : error.message;
  return {
    status: code === "invalid_transition" || code === "conflict" ? 409 : 400,
    errors: formErrors([
      { field: mapped ?? fallback, message: message.charAt(0).toUpperCase() + message.slice(1) },
    ]),
  };
}

const PLURALS: Record<string, string> = { letter: "letters", reply: "replies", document: "documents" };

/** What a publish or unpublish changed, in words for the flash: "2 letters, 1 reply and 1 document". */
export function describeChange(change: {
  published: { entity: string }[];
  unpublished: { entity: string }[];
}): string {
  const rows = change.published.length > 0 ? change.published : change.unpublished;
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.entity, (counts.get(row.entity) ?? 0) + 1);
  const parts = [...counts].map(([entity, count]) =>
    entity === "campaign"
      ? "the campaign page"
      : `${count} ${count === 1 ? entity : (PLURALS[entity] ?? entity)}`,
  );
  if (parts.length === 0) return "nothing";
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)!}`;
}
