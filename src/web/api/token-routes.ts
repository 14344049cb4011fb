import type { FastifyInstance } from "fastify";
import { PostbagError } from "../../errors.ts";
import { ADMIN } from "../auth/access.ts";
import { dateTime, errorResponses } from "./schemas.ts";
import type { UsersSlice } from "../../users/users-slice.ts";
import { currentUser } from "../auth/current-user.ts";

/** Every user's API tokens still in use, and revoking any of them: for admins, as on /manage/users. */
export function tokenRoutes(api: FastifyInstance, services: UsersSlice): void {
  const tags = ["users"];

  api.get(
    "/tokens",
    {
      ...ADMIN,
      schema: {
        summary: "Every API token still in use, of every user",
        tags,
        response: {
          200: {
            type: "object",
            properties: {
              tokens: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    id: { type: "integer" },
                    email: { type: "string", description: "Whose token it is" },
                    name: { type: "string" },
                    createdAt: dateTime,
                    lastUsedAt: { ...dateTime, nullable: true },
                  },
                },
              },
            },
          },
          ...errorResponses(403),
        },
      },
    },
    async () => ({ tokens: await services.listAllApiTokens() }),
  );

  api.post<{ Params: { id: number } }>(
    "/tokens/:id/revoke",
    {
      ...ADMIN,
      schema: {
        summary: "Revoke any user's API token: it stops working at once",
        tags,
        params: { type: "object", required: ["id"], properties: { id: { type: "integer", minimum: 1 } } },
        response: {
          200: {
            type: "object",
            properties: { id: { type: "integer" }, email: { type: "string" }, revokedAt: dateTime },
          },
          ...errorResponses(403, 404),
        },
      },
    },
    async (request) => {
      const known = (await services.listAllApiTokens()).some((token) => token.id === request.params.id);
      if (!known) throw new PostbagError("not_found", `there is no API token ${request.params.id} in use`);
      return services.revokeApiToken({ id: request.params.id, actor: currentUser(request).email });
    },
  );
}
