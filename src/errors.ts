// One error type for everything a user can get wrong or that can fail in a
// known way. The code says what kind of failure it is (the edges map codes to
// exit statuses and HTTP statuses in one place each); the location names the
// file, line or row and column, so the message can point at the bad input.

export type ErrorCode =
  | "bad_input"
  | "template"
  | "recipients"
  | "campaign"
  | "learn"
  | "address_too_long"
  | "not_found"
  | "render_failed"
  | "database"
  | "conflict"
  | "invalid_transition"
  | "forbidden"
  | "rate_limited"
  /** Postbag's own mail settings or server (connection, TLS, login, sender): no letter's fault. */
  | "mail_setup"
  | "internal";

export interface ErrorLocation {
  file?: string;
  line?: number;
  row?: number;
  column?: string;
  field?: string;
}

/** One of several problems found at once (every bad row, every bad form field). */
export interface Problem extends ErrorLocation {
  detail: string;
  message: string;
}

export class PostbagError extends Error {
  override readonly name = "PostbagError";

  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly location: ErrorLocation = {},
    /** Every problem, when several were found at once; the message names the first. */
    readonly problems: readonly Problem[] = [],
  ) {
    super(formatMessage(detail, location));
  }

  toJSON(): Record<string, unknown> {
    const problems = this.problems.length > 0 ? { problems: this.problems } : {};
    return { code: this.code, message: this.message, detail: this.detail, ...this.location, ...problems };
  }
}

/**
 * Throws one error carrying every problem, if there are any, so a page can
 * list them all; its message (what the command line prints) is the first
 * problem's, with how many more there are.
 */
export function throwIfProblems(errors: readonly PostbagError[], code?: ErrorCode): void {
  const [first] = errors;
  if (!first) return;
  if (errors.length === 1 && code === undefined) throw first;
  const more = errors.length - 1;
  const detail =
    more === 0 ? first.detail : `${first.detail} (and ${more} more problem${more === 1 ? "" : "s"})`;
  const problems = errors.map((error) => ({
    ...error.location,
    detail: error.detail,
    message: error.message,
  }));
  throw new PostbagError(code ?? first.code, detail, first.location, problems);
}

/** Every problem an error carries: its list, or the error itself. */
export function problemsOf(error: PostbagError): readonly Problem[] {
  if (error.problems.length > 0) return error.problems;
  return [{ ...error.location, detail: error.detail, message: error.message }];
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
