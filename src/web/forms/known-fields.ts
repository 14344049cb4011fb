import type { FastifyInstance } from "fastify";
import { PostbagError } from "../../errors.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The fields a form route takes (besides its CSRF token): any other is refused, not ignored. */
    formFields?: readonly string[];
  }
}

/** The options of a form route that takes no field: a button (publish, unpublish, check). */
export const NO_FIELDS = { formFields: [] } as const;

/**
 * A field a form route does not take is refused with its name: a
 * `recipient` sent to "publish the campaign" must not publish the whole
 * campaign quietly. Routes that declare `formFields` are held to it.
 */
export function refuseUnknownFormFields(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    const known = request.routeOptions.config.formFields;
    const body = request.body;
    if (!known || body === null || typeof body !== "object") return;
    const unknown = Object.keys(body).find((name) => name !== "_csrf" && !known.includes(name));
    if (unknown) {
      throw new PostbagError("bad_input", `this form takes no field "${unknown}": nothing was changed`, {
        field: unknown,
      });
    }
  });
}
