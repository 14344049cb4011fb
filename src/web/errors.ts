import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { isPostbagError, problemsOf, type ErrorCode, type Problem } from "../errors.ts";
import { isApiPath, realmOf } from "./auth/access.ts";

// The one place where error codes become HTTP statuses.
const STATUS: Partial<Record<ErrorCode, number>> = {
  not_found: 404,
  forbidden: 403,
  rate_limited: 429,
  conflict: 409,
  invalid_transition: 409,
  internal: 500,
  database: 500,
  render_failed: 500,
};

const TITLE: Record<number, string> = {
  400: "There is a problem with what was sent",
  403: "You cannot do that",
  404: "Page not found",
  409: "That could not be done",
  411: "There is a problem with what was sent",
  413: "The file is too large",
  429: "Too many tries",
  500: "Sorry, there is a problem with Postbag",
};

// The API's `error`: a short code a client can test, the same vocabulary authenticate() uses.
const API_ERROR: Record<number, string> = {
  400: "bad_input",
  401: "unauthorised",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  411: "length_required",
  413: "too_large",
  429: "too_many_requests",
  500: "internal",
};

// What the body readers' own refusals mean to a person.
const BODY_MESSAGES: Record<string, string> = {
  FST_FILES_LIMIT: "This form takes fewer files (or none): nothing was saved.",
  FST_REQ_FILE_TOO_LARGE: "A file is larger than this form takes (20 MB): nothing was saved.",
  FST_PARTS_LIMIT: "The form has too many fields: nothing was saved.",
  FST_FIELDS_LIMIT: "The form has too many fields: nothing was saved.",
  FST_ERR_CTP_BODY_TOO_LARGE: "What was sent is larger than this address takes: nothing was saved.",
};

const CSRF_MESSAGE =
  "The form was not sent from this Postbag page, or it is too old. Nothing was saved: go back, reload the page and try again.";

/** A PostbagError shows its message; anything else is logged and shown as a plain 500. */
export function errorPages(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = isPostbagError(error)
      ? (STATUS[error.code] ?? 400)
      : error.statusCode && error.statusCode < 500
        ? error.statusCode
        : 500;
    // The stack goes to the log (pino's err serializer); the person sees a plain message.
    if (status >= 500)
      request.log.error(
        { err: error, route: request.routeOptions.url ?? null, user: request.user?.id ?? null },
        "server error",
      );
    if (error.code?.startsWith("FST_CSRF")) {
      return respond(request, reply, 403, CSRF_MESSAGE);
    }
    const message =
      status >= 500
        ? "Nothing was changed. Try again, and if it happens again tell whoever runs Postbag."
        : (BODY_MESSAGES[error.code] ?? error.message);
    // Bad input lists every problem at once (each bad row), so an API client can fix them all in one go.
    const problems = isPostbagError(error) && status === 400 ? problemsOf(error) : undefined;
    return respond(request, reply, status, message, fieldOf(error), problems);
  });
  app.setNotFoundHandler((request, reply) =>
    respond(request, reply, 404, "If you typed the address, check it is correct."),
  );
}

function respond(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  message: string,
  field?: string,
  problems?: readonly Problem[],
) {
  reply.code(status);
  // A JSON answer for the API; for an address no route matched, as its path suggests.
  if (realmOf(request) === "api" || (request.is404 && isApiPath(request.url))) {
    const error = API_ERROR[status] ?? "error";
    return reply.send({ error, message, ...(field ? { field } : {}), ...(problems ? { problems } : {}) });
  }
  return reply.page("error.njk", { title: TITLE[status] ?? TITLE[400], message });
}

/** The input at fault, for API clients: a PostbagError's field, or the property a JSON schema refused ("items.0.state"). */
function fieldOf(error: FastifyError): string | undefined {
  if (isPostbagError(error)) return error.location.field;
  const [first] = error.validation ?? [];
  if (!first) return undefined;
  const missing = (first.params as { missingProperty?: unknown }).missingProperty;
  const path = first.instancePath.split("/").filter(Boolean);
  if (typeof missing === "string") path.push(missing);
  return path.length > 0 ? path.join(".") : undefined;
}
