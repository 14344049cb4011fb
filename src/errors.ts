// One error type for everything a user can get wrong or that can fail in a
// known way. The code says what kind of failure it is (the edges map codes to
// exit statuses and HTTP statuses in one place each); the location names the
// file, line or row and column, so the message can point at the bad input.

export type ErrorCode =
  | "bad_input"
  | "template"
  | "recipients"
  | "campaign"
  | "address_too_long"
  | "not_found"
  | "render_failed"
  | "database"
  | "conflict"
  | "invalid_transition"
  | "forbidden"
  | "internal";

export interface ErrorLocation {
  file?: string;
  line?: number;
  row?: number;
  column?: string;
  field?: string;
}

export class PostbagError extends Error {
  override readonly name = "PostbagError";

  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly location: ErrorLocation = {},
  ) {
    super(formatMessage(detail, location));
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, detail: this.detail, ...this.location };
  }
}

/** "recipients.csv, row 4, column salutation: the value is empty". */
export function formatMessage(detail: string, where: ErrorLocation): string {
  const parts: string[] = [];
  if (where.file) parts.push(where.file);
  if (where.line !== undefined) parts.push(`line ${where.line}`);
  if (where.row !== undefined) parts.push(`row ${where.row}`);
  if (where.column !== undefined) parts.push(`column ${where.column}`);
  if (where.field !== undefined) parts.push(`field ${where.field}`);
  return parts.length > 0 ? `${parts.join(", ")}: ${detail}` : detail;
}

export function isPostbagError(error: unknown): error is PostbagError {
  return error instanceof PostbagError;
}
