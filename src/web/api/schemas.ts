import type { FastifyRequest } from "fastify";

// JSON schemas the API's routes share. Fastify checks requests against them
// (a bad request never reaches a handler), serialises responses through them
// (a field not in the schema is never sent), and @fastify/swagger turns them
// into the OpenAPI document at /api/docs.

/** What every refused request gets: a short code, a sentence, and the field at fault when there is one. */
export const apiError = {
  $id: "ApiError",
  type: "object",
  required: ["error", "message"],
  properties: {
    error: {
      type: "string",
      description: "bad_input, unauthorised, forbidden, not_found, conflict, internal",
    },
    message: { type: "string" },
    field: { type: "string", description: "The input at fault: a body or query property, e.g. `on`" },
    problems: {
      type: "array",
      description:
        "On bad input: every problem found at once (each bad row of a recipients file, each bad field)",
      items: {
        type: "object",
        required: ["message"],
        properties: {
          message: {
            type: "string",
            description: "Where and what, e.g. `recipients.csv, line 3, column postcode: …`",
          },
          detail: { type: "string", description: "What is wrong, without the where" },
          file: { type: "string" },
          line: { type: "integer", description: "A CSV file's line" },
          row: { type: "integer", description: "A spreadsheet's row (the header is row 1)" },
          column: { type: "string" },
          field: { type: "string" },
        },
      },
    },
  },
} as const;

const ERROR = { $ref: "ApiError#" } as const;

/** The error responses a route can give: every route 400 and 401; pass those it adds. */
export function errorResponses(...statuses: (403 | 404 | 409)[]) {
  const descriptions = { 403: "Your role may not do this", 404: "Not found", 409: "Not possible now" };
  return {
    400: { description: "Bad input", ...ERROR },
    401: { description: "No valid bearer token", ...ERROR },
    ...Object.fromEntries(
      statuses.map((status) => [status, { description: descriptions[status], ...ERROR }]),
    ),
  };
}

export const isoDate = { type: "string", format: "date", description: "YYYY-MM-DD" } as const;
export const nullableDate = { ...isoDate, nullable: true } as const;
/** A moment, as JSON carries a Date: ISO 8601 with its time zone. */
export const dateTime = { type: "string", format: "date-time" } as const;

export const campaignParams = {
  type: "object",
  required: ["campaign"],
  properties: { campaign: { type: "string", description: "The campaign's id, e.g. vru-2020" } },
} as const;

/** A recipient's letter in a campaign. */
export const letterParams = {
  type: "object",
  required: ["campaign", "recipient"],
  properties: {
    ...campaignParams.properties,
    recipient: { type: "string", description: "The recipient's id" },
  },
} as const;

/** `?asOf=`, a day; today (UTC) when left out. */
export const asOfQuery = {
  type: "object",
  properties: { asOf: { ...isoDate, description: "The day to judge deadlines on; default today (UTC)" } },
} as const;

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A route hook for bodies whose every property is optional: a POST without any body counts as `{}`. */
export async function noBodyIsEmpty(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}

/** Which letter: a recipient's first (the default) or their newest chaser. */
export const letterKind = {
  type: "string",
  enum: ["letter", "chaser"],
  default: "letter",
  description: "First letters (the default) or chasers (each recipient's newest)",
} as const;
