import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../users/permissions.ts";
import type { SignedInUser } from "../../users/signed-in-user.ts";
import { accessOf, realmOf } from "./access.ts";
import type { UsersSlice } from "../../users/users-slice.ts";

export const SESSION_COOKIE = "postbag_session";

declare module "fastify" {
  interface FastifyRequest {
    user: SignedInUser | null;
  }
}

/**
 * Who is asking, and whether they may: decided once, in onRequest, on the
 * route Fastify matched, before any body is read (multipart included). A
 * route that needs a permission never reaches its handler, nor has its body
 * parsed, without a signed-in user whose role grants it.
 */
export function authenticate(app: FastifyInstance, services: UsersSlice): void {
  app.decorateRequest("user", null);
  app.addHook("onRequest", async (request, reply) => {
    const access = accessOf(request);
    // Public pages, stylesheets, scripts and images are the same for everyone: no session lookup.
    if (access === "public") return;
    const realm = realmOf(request);
    if (access === undefined) {
      request.log.error({ route: request.routeOptions.url }, "route declares no access: refused");
      return refuse(reply, 403, "this address is not open to anyone", realm !== "api");
    }
    request.user = await whoIsAsking(request, services);
    if (access === "open") return;
    if (realm === "public") {
      // Only staff and API routes may need a permission; anything else is a mistake in the code.
      request.log.error({ route: request.routeOptions.url }, "a permission on a public route: refused");
      return refuse(reply, 403, "this address is not open to anyone", true);
    }
    if (!request.user)
      return realm === "staff"
        ? redirectToSignIn(request, reply)
        : refuse(reply, 401, "sign in: send a bearer token");
    if (!can(request.user.role, access)) {
      return refuse(reply, 403, `your role (${request.user.role}) may not ${access}`, realm === "staff");
    }
  });
  // A second look just before the handler, in case a hook above ever lets one through: a handler
  // that needs a permission runs only for a user who has it.
  app.addHook("preHandler", async (request) => {
    const access = accessOf(request);
    if (access === "public" || access === "open") return;
    if (!access || !request.user || !can(request.user.role, access)) {
      throw new Error(`${request.method} ${request.routeOptions.url} reached its handler without ${access}`);
    }
  });
}

async function whoIsAsking(request: FastifyRequest, services: UsersSlice): Promise<SignedInUser | null> {
  if (realmOf(request) === "api") {
    const bearer = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? "")?.[1];
    return bearer ? services.findTokenUser({ token: bearer }) : null;
  }
  const token = request.cookies[SESSION_COOKIE];
  return token ? services.findSessionUser({ token }) : null;
}

function redirectToSignIn(request: FastifyRequest, reply: FastifyReply) {
  const next = request.method === "GET" ? `?next=${encodeURIComponent(request.url)}` : "";
  return reply.redirect(`/sign-in${next}`, 303);
}

async function refuse(reply: FastifyReply, status: 401 | 403, message: string, page = false) {
  if (!page)
    return reply.code(status).send({ error: status === 401 ? "unauthorised" : "forbidden", message });
  return reply.code(status).page("error.njk", { title: "You cannot do that", message });
}
