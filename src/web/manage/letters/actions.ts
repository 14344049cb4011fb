import type { FastifyInstance } from "fastify";
import { SEND_CHANNELS } from "../../../campaigns/records/record-sent.ts";
import { PostbagError } from "../../../errors.ts";
import { textField } from "../../forms/form-body.ts";
import { act, LETTER_PATH, refuse } from "./act.ts";
import { dateProblem } from "./date-field.ts";
import type { LetterParams } from "./letter-page.ts";
import { itemRoute } from "./item-action.ts";
import { replyRoute } from "./reply-action.ts";
import type { LettersSlice } from "../../../letters/letters-slice.ts";
import type { MailOutSlice } from "../../../mail-out/mail-out-slice.ts";
import type { RecordsSlice } from "../../../campaigns/records/records-slice.ts";
import type { Runtime } from "../../../services.ts";
import type { MailInSlice } from "../../../mail-in/mail-in-slice.ts";
import type { PublishingSlice } from "../../../publishing/publishing-slice.ts";
import { currentUser } from "../../auth/current-user.ts";

/** Approve, record sent, record a reply, confirm an item: each a form on the letter's page. */
export function letterActionRoutes(
  app: FastifyInstance,
  services: LettersSlice & MailInSlice & MailOutSlice & PublishingSlice & RecordsSlice & Runtime,
): void {
  app.post<{ Params: LetterParams }>(
    `${LETTER_PATH}/approve`,
    { config: { access: "approve" } },
    (request, reply) => {
      const by = currentUser(request).email;
      return act(services, request, reply, () => services.approveLetters({ ...request.params, by }), {
        flash: "Letter approved",
      });
    },
  );

  app.post<{ Params: LetterParams }>(
    `${LETTER_PATH}/sent`,
    { config: { access: "write" } },
    (request, reply) => {
      const body = request.body as Record<string, unknown>;
      const on = textField(body, "sent-on").trim();
      const via = textField(body, "sent-via");
      const problems = dateProblem(on, "sent-on", "the letter was sent");
      if (!(SEND_CHANNELS as readonly string[]).includes(via)) {
        problems.push({ field: "sent-via", message: "Choose how the letter was sent" });
      }
      if (problems.length > 0) return refuse(services, request, reply, problems);
      const actor = currentUser(request).email;
      return act(services, request, reply, () => services.recordSent({ ...request.params, on, via, actor }), {
        flash: "Letter recorded as sent",
        fields: { on: "sent-on", via: "sent-via" },
        values: { "sent-on": on, "sent-via": via },
      });
    },
  );

  // Send by email: queues the letter (one job); the worker started by `postbag serve` sends it.
  app.post<{ Params: LetterParams }>(
    `${LETTER_PATH}/send`,
    { config: { access: "write" } },
    (request, reply) => {
      const actor = currentUser(request).email;
      return act(
        services,
        request,
        reply,
        async () => {
          if (!services.config.smtp.host) {
            throw new PostbagError(
              "bad_input",
              "Email is not set up here (POSTBAG_SMTP_HOST): record the letter as sent instead",
              {
                field: "actions",
              },
            );
          }
          const result = await services.enqueueLetters({
            ...request.params,
            via: "email",
            dryRun: false,
            actor,
          });
          const [skipped] = result.skipped;
          if (result.queued.length === 0 && skipped) {
            throw new PostbagError("bad_input", `The letter was not queued: ${skipped.reason}`, {
              field: "actions",
            });
          }
        },
        { flash: "Letter queued to be sent by email" },
      );
    },
  );

  replyRoute(app, services);
  itemRoute(app, services);
}
