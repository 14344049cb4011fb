import type { FastifyInstance } from "fastify";
import type { Services } from "../../services.ts";
import { ROLES } from "../../users/add-user.ts";
import { errorResponses } from "./schemas.ts";
import { currentUser } from "../auth/current-user.ts";

/** GET /api/me: whose token this is, so a client can check it before doing anything. */
export function meRoutes(api: FastifyInstance, _services: Services): void {
  api.get(
    "/me",
    {
      config: { access: "read" },
      schema: {
        summary: "The user the token belongs to",
        tags: ["users"],
        response: {
          200: {
            type: "object",
            required: ["email", "role"],
            properties: { email: { type: "string" }, role: { type: "string", enum: [...ROLES] } },
          },
          ...errorResponses(),
        },
      },
    },
    // authenticate() let only a valid token through.
    (request) => ({ email: currentUser(request).email, role: currentUser(request).role }),
  );
}
