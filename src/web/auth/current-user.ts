import type { FastifyRequest } from "fastify";
import type { SignedInUser } from "../../users/signed-in-user.ts";

/**
 * The signed-in user of a request to a route that needs one. authenticate.ts
 * refuses such a request without a user before its handler runs, so a
 * missing user here is a route declared with the wrong access: a fault of
 * Postbag, reported as one rather than read as undefined.
 */
export function currentUser(request: FastifyRequest): SignedInUser {
  if (!request.user) {
    throw new Error(
      `${request.routeOptions.url ?? request.url} reads the signed-in user but is open to anyone`,
    );
  }
  return request.user;
}
