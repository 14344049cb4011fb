import { ADMIN } from "../auth/access.ts";
import type { FastifyInstance } from "fastify";
import { ROLES } from "../../users/add-user.ts";
import { dateTime, errorResponses } from "./schemas.ts";
import type { UsersSlice } from "../../users/users-slice.ts";
import { currentUser } from "../auth/current-user.ts";

const role = { type: "string", enum: [...ROLES] } as const;
const user = { type: "object", properties: { email: { type: "string" }, role } } as const;

/** Users and their roles: for admins only, as on /manage/users. */
export function userRoutes(api: FastifyInstance, services: UsersSlice): void {
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
                    createdAt: dateTime,
                    disabledAt: {
                      ...dateTime,
                      nullable: true,
                      description:
                        "When an admin disabled the account (it cannot sign in); null while it can",
                    },
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
      const added = await services.addUser({ ...request.body, actor: currentUser(request).email });
      return reply.code(201).send(added);
    },
  );

  api.patch<{ Params: { email: string }; Body: { role?: string; disabled?: boolean } }>(
    "/users/:email",
    {
      ...ADMIN,
      schema: {
        summary:
          "Give a user another role, or disable their account (no sign-in; sessions and tokens end) or enable it. Postbag always keeps one admin who can sign in",
        tags,
        params: { type: "object", required: ["email"], properties: { email: { type: "string" } } },
        body: {
          type: "object",
          additionalProperties: false,
          minProperties: 1,
          properties: { role, disabled: { type: "boolean" } },
        },
        response: {
          200: { type: "object", properties: { ...user.properties, disabled: { type: "boolean" } } },
          ...errorResponses(403, 404),
        },
      },
    },
    async (request) => {
      const { email } = request.params;
      const actor = currentUser(request).email;
      const { role, disabled } = request.body;
      const changed = role === undefined ? null : await services.changeRole({ email, role, actor });
      const access =
        disabled === undefined ? null : await services.setUserDisabled({ email, disabled, actor });
      return {
        email: (changed ?? access)!.email,
        ...(changed ? { role: changed.role } : {}),
        ...(access ? { disabled: access.disabled } : {}),
      };
    },
  );
}
