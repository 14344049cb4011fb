import fastifySwagger from "@fastify/swagger";
import type { FastifyInstance } from "fastify";
import { isApiPath, PUBLIC, type Access } from "../auth/access.ts";
import { apiError } from "./schemas.ts";

const WHO_MAY: Record<Access, string> = {
  public: "anyone, without signing in",
  open: "anyone",
  read: "any signed-in role",
  write: "editor or admin",
  approve: "approver or admin",
  publish: "approver or admin",
  admin: "admin",
};

/**
 * The OpenAPI 3 document, made from the routes' own schemas, served at
 * GET /api/docs without sign-in. Must run before any /api route is added:
 * @fastify/swagger only sees routes added after it.
 */
export async function openApi(app: FastifyInstance): Promise<void> {
  app.addSchema(apiError);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "Postbag API",
        version: "1",
        description:
          "Campaign records as JSON. Send an API token (create one at /manage/account) as `Authorization: Bearer pb_…`.",
      },
      components: {
        securitySchemes: {
          bearerToken: {
            type: "http",
            scheme: "bearer",
            description: "An API token from /manage/account; it starts with pb_",
          },
        },
      },
      security: [{ bearerToken: [] }],
    },
    // Shared schemas keep their $id as their name in components.schemas.
    refResolver: {
      buildLocalReference: (json, _base, _fragment, index) => String(json.$id ?? `def-${index}`),
    },
    // Only /api routes are documented, each saying who may call it, so no route file has to.
    transform: ({ schema, url, route }) => {
      if (!isApiPath(url)) return { schema: { ...schema, hide: true }, url };
      const access = route.config?.access ?? "read";
      const who = `Permission: ${access} (${WHO_MAY[access]}).`;
      return {
        schema: { ...schema, description: [schema?.description, who].filter(Boolean).join("\n\n") },
        url,
      };
    },
  });
  app.get("/api/docs", { ...PUBLIC, schema: { hide: true } }, () => app.swagger());
}
