import type { FastifyInstance } from "fastify";
import type { Access } from "../auth/access.ts";

/** One uploaded file may be this large (a reply's scanned PDF, a campaign zip, a recipients file). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** Every body but an upload: forms and JSON. */
export const MAX_FORM_BYTES = 1024 * 1024;

export interface UploadLimits {
  files: number;
  /** Each file (default 20 MB). */
  fileBytes?: number;
  /** The whole form (default: every file at its largest, and the fields). */
  totalBytes?: number;
}

/**
 * The options of a route that takes files in a multipart form: at most
 * `files` files of `fileBytes` each, in a body of at most `totalBytes`.
 * Every other route takes no file at all.
 */
export function uploadRoute(
  access: Access,
  { files, fileBytes = MAX_UPLOAD_BYTES, totalBytes }: UploadLimits,
) {
  return {
    bodyLimit: totalBytes ?? files * fileBytes + MAX_FORM_BYTES,
    config: { access, multipartOptions: { limits: { files, fileSize: fileBytes } } },
  };
}

/**
 * A multipart body is read by @fastify/multipart, not by Fastify's own body
 * reader, so Fastify's bodyLimit does not bound it: its declared length is
 * checked here, before a byte of it is read, against the route's limit. Runs
 * after authenticate(), so a request nobody may make is refused as such first.
 */
export function boundMultipartBodies(app: FastifyInstance): void {
  app.addHook("onRequest", async (request, reply) => {
    if (reply.sent || !/^multipart\//i.test(request.headers["content-type"] ?? "")) return;
    const limit = request.routeOptions.bodyLimit ?? MAX_FORM_BYTES;
    const declared = request.headers["content-length"];
    if (declared === undefined || !Number.isFinite(Number(declared))) {
      throw httpError(411, "the form was sent without its length (Content-Length): nothing was read");
    }
    if (Number(declared) > limit) {
      throw httpError(413, `the form is larger than ${megabytes(limit)}: nothing was read`);
    }
  });
}

/**
 * An answer sent before the body was read (a refusal): the connection is
 * closed after it, so the rest of the body is not read either (Node would
 * otherwise read and discard it all to keep the connection alive).
 */
export function closeUnreadBodies(app: FastifyInstance): void {
  app.addHook("onSend", async (request, reply) => {
    if (!request.raw.complete) reply.header("connection", "close");
  });
}

function httpError(statusCode: number, message: string): Error {
  return Object.assign(new Error(message), { statusCode });
}

export function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}
