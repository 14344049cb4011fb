import type { FastifyInstance } from "fastify";
import { isPostbagError } from "../../errors.ts";
import { OPEN } from "../auth/access.ts";
import { SESSION_COOKIE } from "../auth/authenticate.ts";
import { textField } from "../forms/form-body.ts";
import { formErrors } from "../forms/form-errors.ts";
import type { UsersSlice } from "../../users/users-slice.ts";

const TEMPLATE = "sign-in/sign-in.njk";

/** Only a path inside the staff app: never an open redirect to another site. */
export function safeNext(next: string): string {
  return /^\/manage(?:[/?]|$)/.test(next) && !next.startsWith("//") ? next : "/manage";
}

export function signInRoutes(app: FastifyInstance, services: UsersSlice): void {
  app.get<{ Querystring: { next?: string } }>("/sign-in", OPEN, (request, reply) => {
    if (request.user) return reply.redirect("/manage", 303);
    return reply.page(TEMPLATE, { next: safeNext(request.query.next ?? ""), values: {} });
  });

  app.post(
    "/sign-in",
    // Tries are limited per address and per account by signIn itself, counted in the database.
    OPEN,
    async (request, reply) => {
      const body = request.body as Record<string, unknown>;
      const email = textField(body, "email").trim();
      const password = textField(body, "password");
      const next = safeNext(textField(body, "next"));
      const missing = [
        ...(email ? [] : [{ field: "email", message: "Enter your email address" }]),
        ...(password ? [] : [{ field: "password", message: "Enter your password" }]),
      ];
      if (missing.length > 0) {
        return reply.code(400).page(TEMPLATE, { next, values: { email }, errors: formErrors(missing) });
      }
      try {
        const session = await services.signIn({ email, password, from: request.ip });
        reply.setCookie(SESSION_COOKIE, session.token, {
          path: "/",
          httpOnly: true,
          sameSite: "lax",
          // Secure whenever the browser's connection is HTTPS, to this server or (POSTBAG_TRUST_PROXY) to its proxy.
          secure: "auto",
          expires: session.expiresAt,
        });
        return reply.redirect(next, 303);
      } catch (error) {
        if (!isPostbagError(error) || !["forbidden", "rate_limited"].includes(error.code)) throw error;
        const message = error.detail.charAt(0).toUpperCase() + error.detail.slice(1);
        const errors = formErrors([{ field: "email", message }]);
        const status = error.code === "rate_limited" ? 429 : 400;
        return reply.code(status).page(TEMPLATE, { next, values: { email }, errors });
      }
    },
  );

  app.post("/sign-out", OPEN, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await services.signOut({ token });
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.redirect("/sign-in", 303);
  });
}
