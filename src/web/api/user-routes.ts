import { ADMIN } from "../auth/access.ts";
import type { FastifyInstance } from "fastify";
import type { Services } from "../../services.ts";
import { ROLES } from "../../users/add-user.ts";
import { errorResponses } from "./schemas.ts";

const role = { type: "string", enum: [...ROLES] } as const;
const user = { type: "object", properties: { email: { type: "string" }, role } } as const;

/** Users and their roles: for admins only, as on /manage/users. */
export function userRoutes(api: FastifyInstance, services: Services): void {
  const tags = ["users"];

  api.get(
    "/users",
    {
      ...ADMIN,
      schema: {
        summary: "Every user, by email",
        tags,
        response: {
          200: {
            type: "object",
            properties: {
              users: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    ...user.properties,
                    hasPassword: { type: "boolean", description: "Whether they can sign in with a password" },
                    createdAt: { type: "string", format: "date-time" },
                  },
                },
              },
            },
          },
          ...errorResponses(403),
        },
      },
    },
    async () => ({ users: await services.listUsers() }),
  );

  api.post<{ Body: { email: string; role: string; password: string } }>(
    "/users",
    {
      ...ADMIN,
      schema: {
        summary: "Add a user who can sign in at once with the password given",
        tags,
        body: {
          type: "object",
          additionalProperties: false,
          required: ["email", "role", "password"],
          properties: {
            email: { type: "string" },
            role,
            password: { type: "string", description: "At least 12 characters" },
          },
        },
        response: { 201: user, ...errorResponses(403) },
      },
    },
    async (request, reply) => {
      const added = await services.addUser({ ...request.body, actor: request.user!.email });
      return reply.code(201).send(added);
    },
  );

  api.patch<{ Params: { email: string }; Body: { role: string } }>(
    "/users/:email",
    {
      ...ADMIN,
      schema: {
        summary: "Give a user another role (Postbag always keeps one admin)",
        tags,
        params: { type: "object", required: ["email"], properties: { email: { type: "string" } } },
        body: { type: "object", additionalProperties: false, required: ["role"], properties: { role } },
        response: { 200: user, ...errorResponses(403, 404) },
      },
    },
    (request) =>
      services.changeRole({
        email: request.params.email,
        role: request.body.role,
        actor: request.user!.email,
      }),
  );
}
