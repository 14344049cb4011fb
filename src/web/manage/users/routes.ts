import { ADMIN } from "../../auth/access.ts";
import type { FastifyInstance, FastifyReply } from "fastify";
import { isPostbagError, PostbagError } from "../../../errors.ts";
import { textField } from "../../forms/form-body.ts";
import { formErrors, formErrorsFrom, type FormErrors } from "../../forms/form-errors.ts";
import { roleRadios, userRows } from "./users-view.ts";
import type { UsersSlice } from "../../../users/users-slice.ts";
import { currentUser } from "../../auth/current-user.ts";

const TEMPLATE = "manage/users/users.njk";
const ADD_FIELDS = ["email", "role", "password"];

/** The users table with a change-role form per user, and the form to add one. */
async function usersPage(
  reply: FastifyReply,
  services: UsersSlice,
  context: { values?: Record<string, string>; errors?: FormErrors | null } = {},
) {
  const users = userRows(await services.listUsers());
  const tokens = await services.listAllApiTokens();
  return reply.page(TEMPLATE, {
    users,
    tokens,
    roleItems: roleRadios(context.values?.role),
    values: {},
    ...context,
  });
}

export function usersRoutes(app: FastifyInstance, services: UsersSlice): void {
  app.get("/manage/users", ADMIN, (_request, reply) => usersPage(reply, services));

  app.post("/manage/users", ADMIN, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const [email, role, password] = ADD_FIELDS.map((name) => textField(body, name));
    // The password is never sent back into the page.
    const values = { email: email?.trim() ?? "", role: role ?? "" };
    const missing = [
      ...(values.email ? [] : [{ field: "email", message: "Enter their email address" }]),
      ...(values.role ? [] : [{ field: "role", message: "Choose a role" }]),
      ...(password ? [] : [{ field: "password", message: "Enter a password for them" }]),
    ];
    if (missing.length > 0)
      return usersPage(reply.code(400), services, { values, errors: formErrors(missing) });
    try {
      const user = await services.addUser({ ...values, password, actor: currentUser(request).email });
      reply.flash(`${user.email} was added as ${user.role}: they can sign in now`);
      return reply.redirect("/manage/users", 303);
    } catch (error) {
      const errors = formErrorsFrom(error, "email", ADD_FIELDS);
      if (!errors) throw error;
      return usersPage(reply.code(400), services, { values, errors });
    }
  });

  // Disable an account (it cannot sign in; its sessions and tokens end at once) or enable it again.
  app.post(
    "/manage/users/access",
    { config: { access: "admin", formFields: ["email", "disabled"] } },
    async (request, reply) => {
      const body = request.body as Record<string, unknown>;
      const email = textField(body, "email");
      const disabled = textField(body, "disabled") === "yes";
      try {
        const user = await services.setUserDisabled({ email, disabled, actor: currentUser(request).email });
        reply.flash(
          user.disabled
            ? `${user.email} was disabled: they were signed out and their API tokens revoked`
            : `${user.email} can sign in again`,
        );
        return reply.redirect("/manage/users", 303);
      } catch (error) {
        if (!isPostbagError(error) || error.code !== "bad_input") throw error;
        const message = error.detail.charAt(0).toUpperCase() + error.detail.slice(1);
        return usersPage(reply.code(400), services, { errors: formErrors([{ field: "users", message }]) });
      }
    },
  );

  // Any user's token, revoked by an admin (a leaked script's, a departed colleague's).
  app.post<{ Params: { id: string } }>(
    "/manage/users/tokens/:id/revoke",
    { config: { access: "admin", formFields: [] } },
    async (request, reply) => {
      const id = Number(request.params.id);
      const token = (await services.listAllApiTokens()).find((candidate) => candidate.id === id);
      if (!token) throw new PostbagError("not_found", `there is no API token ${request.params.id} in use`);
      await services.revokeApiToken({ id, actor: currentUser(request).email });
      reply.flash(`${token.email}'s API token "${token.name}" was revoked: it no longer works`);
      return reply.redirect("/manage/users#tokens", 303);
    },
  );

  app.post("/manage/users/role", ADMIN, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const email = textField(body, "email");
    const role = textField(body, "role");
    try {
      const user = await services.changeRole({ email, role, actor: currentUser(request).email });
      reply.flash(`${user.email} is now ${user.role}`);
      // An admin who gave up their own admin role may no longer see this page.
      const stillAdmin = user.email !== currentUser(request).email || user.role === "admin";
      return reply.redirect(stillAdmin ? "/manage/users" : "/manage", 303);
    } catch (error) {
      if (!isPostbagError(error) || error.code !== "bad_input") throw error;
      // Shown against that user's own role field, whose id is role-<position in the table>.
      const users = await services.listUsers();
      const position = users.findIndex((user) => user.email === email.trim().toLowerCase());
      if (position < 0) throw error;
      const message = error.detail.charAt(0).toUpperCase() + error.detail.slice(1);
      const errors = formErrors([{ field: `role-${position + 1}`, message }]);
      return usersPage(reply.code(400), services, { errors });
    }
  });
}
