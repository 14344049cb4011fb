import type { FastifyInstance, FastifyRequest } from "fastify";
import { PostbagError } from "../../errors.ts";
import { MAX_UPLOAD_BYTES } from "../plugins/body-limits.ts";

// Routes whose request body is a file (a zip, a CSV, a spreadsheet), sent as
// itself rather than inside JSON or a multipart form.

export const ZIP = "application/zip";
export const CSV = "text/csv";
export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * Reads bodies of these types as bytes, up to the uploads' limit (JSON keeps
 * the app's 1 MB). Call it on a plugin's own instance: the parser stays there.
 */
export function acceptFiles(scope: FastifyInstance, mediaTypes: string[]): void {
  scope.addContentTypeParser(
    mediaTypes,
    { parseAs: "buffer", bodyLimit: MAX_UPLOAD_BYTES },
    (_request, body, done) => done(null, body),
  );
}

/**
 * A file body's schema (OpenAPI's binary string) and what makes Fastify let
 * the bytes through: Ajv would refuse a Buffer as "not a string". The only
 * other input of these routes is the path's campaign id, a string by nature.
 */
export function fileBody(mediaTypes: string[], description: string) {
  const binary = { schema: { type: "string", format: "binary", description } };
  return {
    body: { content: Object.fromEntries(mediaTypes.map((type) => [type, binary])) },
    validatorCompiler: () => () => true,
  };
}

/** The body's bytes, or a bad_input error saying how to send them (JSON to a file route, say). */
export function bytesOf(request: FastifyRequest, mediaTypes: string[]): Buffer {
  if (Buffer.isBuffer(request.body)) return request.body;
  throw new PostbagError(
    "bad_input",
    `send the file itself as the body, with Content-Type ${mediaTypes.join(" or ")}`,
    {
      field: "body",
    },
  );
}

/** The documented 413, beside errorResponses(). */
export const tooLarge = {
  413: { description: `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`, $ref: "ApiError#" },
} as const;
