import type { FastifyInstance } from "fastify";
import type { LetterKind } from "../../../campaigns/queries/find-letter.ts";
import { SEND_CHANNELS } from "../../../campaigns/records/record-sent.ts";
import { PostbagError } from "../../../errors.ts";
import type { MailOutSlice } from "../../../mail-out/mail-out-slice.ts";
import { currentUser } from "../../auth/current-user.ts";
import { textField } from "../../forms/form-body.ts";
import { act, PATHS, refuse } from "./act.ts";
import { dateProblem } from "./date-field.ts";
import type { LetterPageServices, LetterParams } from "./letter-page.ts";

const WORD: Record<LetterKind, { one: string; title: string }> = {
  letter: { one: "letter", title: "Letter" },
  chaser: { one: "chaser", title: "Chaser" },
};

/**
 * What sends a letter or a chaser, and what stops it: send by email (queued,
 * the worker started by `postbag serve` sends it), record as sent another
 * way, withdraw with a reason. The same forms on both pages.
 */
export function sendRoutes(
  app: FastifyInstance,
  services: LetterPageServices & MailOutSlice,
  kind: LetterKind,
): void {
  const base = PATHS[kind];
  const { one, title } = WORD[kind];

  app.post<{ Params: LetterParams }>(`${base}/sent`, { config: { access: "write" } }, (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const on = textField(body, "sent-on").trim();
    const via = textField(body, "sent-via");
    const problems = dateProblem(on, "sent-on", `the ${one} was sent`);
    if (!(SEND_CHANNELS as readonly string[]).includes(via)) {
      problems.push({ field: "sent-via", message: `Choose how the ${one} was sent` });
    }
    if (problems.length > 0) return refuse(services, request, reply, problems, kind);
    const actor = currentUser(request).email;
    return act(
      services,
      request,
      reply,
      () => services.recordSent({ ...request.params, on, via, actor, kind }),
      {
        flash: `${title} recorded as sent`,
        fields: { on: "sent-on", via: "sent-via" },
        values: { "sent-on": on, "sent-via": via },
        kind,
      },
    );
  });

  app.post<{ Params: LetterParams }>(`${base}/send`, { config: { access: "write" } }, (request, reply) => {
    const actor = currentUser(request).email;
    const queue = async () => {
      if (!services.config.smtp.host) {
        throw new PostbagError(
          "bad_input",
          `Email is not set up here (POSTBAG_SMTP_HOST): record the ${one} as sent instead`,
          { field: "actions" },
        );
      }
      const result = await services.enqueueLetters({
        ...request.params,
        via: "email",
        dryRun: false,
        actor,
        kind,
      });
      const [skipped] = result.skipped;
      if (result.queued.length === 0 && skipped) {
        throw new PostbagError("bad_input", `The ${one} was not queued: ${skipped.reason}`, {
          field: "actions",
        });
      }
    };
    return act(services, request, reply, queue, { flash: `${title} queued to be sent by email`, kind });
  });

  app.post<{ Params: LetterParams }>(
    `${base}/withdraw`,
    { config: { access: "write" } },
    (request, reply) => {
      const reason = textField(request.body as Record<string, unknown>, "reason");
      if (reason.trim() === "") {
        const problem = { field: "reason", message: `Say why the ${one} is withdrawn` };
        return refuse(services, request, reply, [problem], kind);
      }
      const actor = currentUser(request).email;
      return act(
        services,
        request,
        reply,
        () => services.withdrawLetter({ ...request.params, kind, reason, actor }),
        { flash: `${title} withdrawn`, fields: { reason: "reason" }, values: { reason }, kind },
      );
    },
  );
}
