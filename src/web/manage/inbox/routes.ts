import { READ } from "../../auth/access.ts";
import type { FastifyInstance, FastifyReply } from "fastify";
import { textField } from "../../forms/form-body.ts";
import { formErrors, formErrorsFrom, type FormErrors } from "../../forms/form-errors.ts";
import { letterPath } from "../paths.ts";
import type { MailInSlice } from "../../../mail-in/mail-in-slice.ts";
import { currentUser } from "../../auth/current-user.ts";

const INBOX = "/manage/inbox";

/**
 * The holding pen: replies nobody could match to a letter, each filed by a
 * person to a campaign's recipient (it becomes that letter's reply) or
 * ignored; and the latest matched replies with the items they seem to answer.
 */
export function inboxRoutes(app: FastifyInstance, services: MailInSlice): void {
  app.get(INBOX, READ, (_request, reply) => showInbox(services, reply));

  app.post<{ Params: { id: string } }>(
    `${INBOX}/:id/file`,
    { config: { access: "write" } },
    async (request, reply) => {
      const id = Number(request.params.id);
      const field = `target-${request.params.id}`;
      const target = textField(request.body as Record<string, unknown>, "target");
      const [campaign, ...rest] = target.split("/");
      const recipient = rest.join("/");
      if (!Number.isInteger(id) || !campaign || !recipient) {
        const errors = formErrors([{ field, message: "Choose the letter this message answers" }]);
        return showInbox(services, reply, { status: 400, errors, values: { [field]: target } });
      }
      try {
        await services.fileHeldMessage({ id, campaign, recipient, actor: currentUser(request).email });
      } catch (error) {
        const errors = formErrorsFrom(error, field);
        if (!errors) throw error;
        return showInbox(services, reply, { status: 400, errors, values: { [field]: target } });
      }
      reply.flash(`Filed as the reply to ${recipient} (${campaign})`);
      return reply.redirect(INBOX, 303);
    },
  );

  app.post<{ Params: { id: string } }>(
    `${INBOX}/:id/ignore`,
    { config: { access: "write" } },
    async (request, reply) => {
      const id = Number(request.params.id);
      try {
        await services.ignoreHeldMessage({ id, actor: currentUser(request).email });
      } catch (error) {
        const errors = formErrorsFrom(error, `ignore-${request.params.id}`);
        if (!errors) throw error;
        return showInbox(services, reply, { status: 400, errors });
      }
      reply.flash("Message ignored: it is kept, and not counted as a reply");
      return reply.redirect(INBOX, 303);
    },
  );
}

async function showInbox(
  services: MailInSlice,
  reply: FastifyReply,
  {
    status = 200,
    errors = null,
    values = {},
  }: { status?: number; errors?: FormErrors | null; values?: Record<string, string> } = {},
) {
  const [held, targets, recent] = await Promise.all([
    services.heldMessages(),
    services.fileTargets(),
    services.recentReplies({ limit: 20 }),
  ]);
  const options = targets.flatMap((campaign) =>
    campaign.recipients.map((recipient) => ({
      value: `${campaign.campaign}/${recipient}`,
      text: `${campaign.title}: ${recipient}`,
    })),
  );
  const replies = recent.map((item) => ({ ...item, href: letterPath(item.campaign, item.recipient) }));
  return reply
    .code(status)
    .page("manage/inbox/inbox.njk", { held, options, recent: replies, errors, values });
}
