import { READ } from "../../auth/access.ts";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { PostbagError } from "../../../errors.ts";
import { SESSION_COOKIE } from "../../auth/authenticate.ts";
import { textField } from "../../forms/form-body.ts";
import { formErrors, formErrorsFrom, type FormErrors } from "../../forms/form-errors.ts";
import type { UsersSlice } from "../../../users/users-slice.ts";
import { currentUser } from "../../auth/current-user.ts";

const TEMPLATE = "manage/account/account.njk";

/** The signed-in user's own page: their password and API tokens. Any role may use it. */
async function accountPage(
  request: FastifyRequest,
  reply: FastifyReply,
  services: UsersSlice,
  context: { values?: Record<string, string>; errors?: FormErrors } = {},
) {
  const tokens = await services.listApiTokens({ email: currentUser(request).email });
  return reply.page(TEMPLATE, { tokens, values: {}, ...context });
}

export function accountRoutes(app: FastifyInstance, services: UsersSlice): void {
  app.get("/manage/account", READ, (request, reply) => accountPage(request, reply, services));

  app.post("/manage/account/password", READ, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const currentPassword = textField(body, "currentPassword");
    const password = textField(body, "password");
    const confirm = textField(body, "confirm");
    const problems = [
      ...(currentPassword ? [] : [{ field: "currentPassword", message: "Enter your current password" }]),
      ...(password ? [] : [{ field: "password", message: "Enter a new password" }]),
      ...(password && confirm !== password
        ? [{ field: "confirm", message: "The passwords are not the same" }]
        : []),
    ];
    if (problems.length > 0) {
      return accountPage(request, reply.code(400), services, { errors: formErrors(problems) });
    }
    let changed;
    try {
      changed = await services.changePassword({
        email: currentUser(request).email,
        currentPassword,
        newPassword: password,
        session: request.cookies[SESSION_COOKIE] ?? "",
      });
    } catch (error) {
      const errors = formErrorsFrom(error, "password", ["password", "currentPassword"]);
      if (!errors) throw error;
      return accountPage(request, reply.code(400), services, { errors });
    }
    const tokens = changed.tokensRevoked;
    reply.flash(
      "Your password was changed. You were signed out everywhere else" +
        (tokens > 0 ? `, and your ${tokens} API token${tokens === 1 ? " was" : "s were"} revoked` : ""),
    );
    return reply.redirect("/manage/account", 303);
  });

  app.post("/manage/account/tokens", READ, async (request, reply) => {
    const name = textField(request.body as Record<string, unknown>, "name");
    try {
      const created = await services.createApiToken({
        email: currentUser(request).email,
        name,
        actor: currentUser(request).email,
      });
      // Shown once, on this page only: never in a cookie, a redirect or a cache.
      reply.header("cache-control", "no-store");
      return reply.page("manage/account/token-created.njk", { created });
    } catch (error) {
      const errors = formErrorsFrom(error, "name", ["name"]);
      if (!errors) throw error;
      return accountPage(request, reply.code(400), services, { values: { name }, errors });
    }
  });

  app.post<{ Params: { id: string } }>("/manage/account/tokens/:id/revoke", READ, async (request, reply) => {
    const id = Number(request.params.id);
    // Only one's own tokens: anyone else's is "not found", so ids of others' tokens are not confirmed.
    const own = await services.listApiTokens({ email: currentUser(request).email });
    const token = own.find((candidate) => candidate.id === id);
    if (!token) throw new PostbagError("not_found", `you have no API token ${request.params.id}`);
    await services.revokeApiToken({ id, actor: currentUser(request).email });
    reply.flash(`The API token "${token.name}" was revoked: it no longer works`);
    return reply.redirect("/manage/account", 303);
  });
}
