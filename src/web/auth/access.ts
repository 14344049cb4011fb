import type { FastifyRequest } from "fastify";
import type { Permission } from "../../users/permissions.ts";

/**
 * Who may reach a route, declared by every route in its config:
 * - "public": the public site and its assets, the same for everyone; no session is read;
 * - "open": no sign-in needed, but the session is read (signing in and out);
 * - a permission: a signed-in user whose role grants it (a session on /manage, a bearer token on /api).
 * A route that declares nothing is refused (and the app will not start with one).
 */
export type Access = "public" | "open" | Permission;

declare module "fastify" {
  interface FastifyContextConfig {
    access?: Access;
  }
}

export const PUBLIC = { config: { access: "public" } } as const;
export const OPEN = { config: { access: "open" } } as const;
export const READ = { config: { access: "read" } } as const;
export const WRITE = { config: { access: "write" } } as const;
export const APPROVE = { config: { access: "approve" } } as const;
export const PUBLISH = { config: { access: "publish" } } as const;
export const ADMIN = { config: { access: "admin" } } as const;

/** Staff pages sign in with a session cookie; the API with a bearer token, never a cookie (so no CSRF there). */
export function isStaffPath(path: string): boolean {
  return path === "/manage" || path.startsWith("/manage/") || path.startsWith("/manage?");
}

export function isApiPath(path: string): boolean {
  return path.startsWith("/api/") && !path.startsWith("/api/docs");
}

export type Realm = "staff" | "api" | "public";

/**
 * Which side of the app a request reached, from the route Fastify matched
 * (its pattern, which the router compared with the decoded path), never from
 * the raw URL: "/%61pi/users" is routed to "/api/users" and is the API's.
 * A request no route matched is the public side's (its "not found" page).
 */
export function realmOf(request: FastifyRequest): Realm {
  const pattern = request.is404 ? undefined : request.routeOptions.url;
  if (pattern === undefined) return "public";
  if (isApiPath(pattern)) return "api";
  return isStaffPath(pattern) ? "staff" : "public";
}

/** The route's declared access; undefined for a route that declared none (refused) or no route at all. */
export function accessOf(request: FastifyRequest): Access | undefined {
  return request.is404 ? "public" : request.routeOptions.config.access;
}
