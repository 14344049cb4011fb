import fastifyCookie from "@fastify/cookie";
import fastifyCsrf from "@fastify/csrf-protection";
import fastifyFormbody from "@fastify/formbody";
import fastifyHelmet from "@fastify/helmet";
import fastifyMultipart from "@fastify/multipart";
import type { FastifyInstance } from "fastify";
import type { UploadedFile } from "../forms/form-body.ts";
import { MAX_FORM_BYTES } from "./body-limits.ts";

/**
 * Secure headers (a CSP with no inline script or style), cookies, CSRF tokens
 * for forms, and form and multipart bodies.
 */
export async function securityPlugin(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // Letter previews are framed by the app's own pages.
    frameguard: { action: "sameorigin" },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyCsrf, {
    cookieOpts: { path: "/", httpOnly: true, sameSite: "lax", signed: false, secure: "auto" },
    getToken: (request) => (request.body as { _csrf?: string } | undefined)?._csrf,
  });
  await app.register(fastifyFormbody);
  await app.register(fastifyMultipart, {
    attachFieldsToBody: "keyValues",
    // Each file arrives as { fileName, mediaType, bytes }; see forms/form-body.ts.
    async onFile(part) {
      const bytes = await part.toBuffer();
      (part as unknown as { value: UploadedFile }).value = {
        fileName: part.filename,
        mediaType: part.mimetype,
        bytes,
      };
    },
    // No files unless the route says how many (uploadRoute()); its body is bounded by boundMultipartBodies().
    limits: { files: 0, fileSize: 0, fields: 200, fieldSize: MAX_FORM_BYTES, parts: 250 },
  });
}
