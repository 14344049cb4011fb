import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Services } from "../../services.ts";
import { can, type Permission } from "../../users/permissions.ts";
import type { SignedInUser } from "../../users/signed-in-user.ts";

export const SESSION_COOKIE = "postbag_session";

declare module "fastify" {
  interface FastifyRequest {
    user: SignedInUser | null;
  }
  interface FastifyContextConfig {
    /** What the signed-in user must be allowed to do; every /manage and /api route needs "read" at least. */
    permission?: Permission;
  }
}

/** Staff pages sign in with a session cookie; the API with a bearer token, never a cookie (so no CSRF there). */
export function isStaffPath(url: string): boolean {
  return url === "/manage" || url.startsWith("/manage/") || url.startsWith("/manage?");
}

export function isApiPath(url: string): boolean {
  return url.startsWith("/api/") && !url.startsWith("/api/docs");
}

/** The public site and its assets: everything but the staff app, the API and signing in and out. */
export function isPublicPath(url: string): boolean {
  return !/^\/(manage|api|sign-in|sign-out)(\/|\?|$)/.test(url);
}

/**
 * Who is asking, and whether they may. Runs before every route: a /manage or
 * /api route without a signed-in user, or whose permission the user's role
 * lacks, never reaches its handler.
 */
export function authenticate(app: FastifyInstance, services: Services): void {
  app.decorateRequest("user", null);
  app.addHook("onRequest", async (request) => {
    // Public pages, stylesheets, scripts and images are the same for everyone: no session lookup.
    if (isPublicPath(request.url)) return;
    request.user = await whoIsAsking(request, services);
  });
  // Before validation: a request nobody may make is refused as such, not for a bad body.
  app.addHook("preValidation", async (request, reply) => {
    const staff = isStaffPath(request.url);
    if (!staff && !isApiPath(request.url)) return;
    const permission = request.routeOptions.config.permission ?? "read";
    if (!request.user)
      return staff ? redirectToSignIn(request, reply) : refuse(reply, 401, "sign in: send a bearer token");
    if (!can(request.user.role, permission)) {
      return refuse(reply, 403, `your role (${request.user.role}) may not ${permission}`, staff);
    }
  });
}

async function whoIsAsking(request: FastifyRequest, services: Services): Promise<SignedInUser | null> {
  if (isApiPath(request.url)) {
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
