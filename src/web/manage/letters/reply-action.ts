import type { FastifyInstance } from "fastify";
import { today } from "../../../campaigns/deadlines/iso-date.ts";
import { textFieldsOf } from "../../forms/form-body.ts";
import { uploadRoute } from "../../plugins/body-limits.ts";
import { act, LETTER_PATH, refuse } from "./act.ts";
import type { LetterPageServices, LetterParams } from "./letter-page.ts";
import { parseReplyForm } from "./reply-form.ts";
import { currentUser } from "../../auth/current-user.ts";

/** POST …/reply: a multipart form (its files arrive as bytes), recorded in one transaction. */
export function replyRoute(app: FastifyInstance, services: LetterPageServices): void {
  app.post<{ Params: LetterParams }>(
    `${LETTER_PATH}/reply`,
    // A reply's files: up to 20, each up to 20 MB, 100 MB in all.
    uploadRoute("write", { files: 20, totalBytes: 100 * 1024 * 1024 }),
    async (request, reply) => {
      // The letter's items, for their titles in error messages.
      const { items } = await services.letterDetail({ ...request.params, asOf: today() });
      const titles = new Map(items.map((item) => [item.id, item.title]));
      const body = request.body as Record<string, unknown>;
      const form = parseReplyForm(body, items.length, titles);
      if (form.errors.length > 0) return refuse(services, request, reply, form.errors);
      const actor = currentUser(request).email;
      return act(
        services,
        request,
        reply,
        () => services.recordReply({ ...request.params, ...form.reply, actor }),
        {
          flash: "Reply recorded",
          fields: { on: "received-on" },
          values: textFieldsOf(body),
        },
      );
    },
  );
}
