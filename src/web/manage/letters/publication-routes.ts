import { NO_FIELDS } from "../../forms/known-fields.ts";
import type { FastifyInstance, FastifyReply } from "fastify";
import { PostbagError } from "../../../errors.ts";
import type { PublicationTarget } from "../../../publishing/publication-target.ts";
import { describeChange, publicationErrors } from "../documents/publication-act.ts";
import { LETTER_PATH, type LetterRequest } from "./act.ts";
import { showLetter, type LetterPageServices, type LetterParams } from "./letter-page.ts";
import { letterPath } from "../paths.ts";
import { currentUser } from "../../auth/current-user.ts";

type ReplyParams = LetterParams & { reply: string };

/**
 * The letter page's "Publication" section: publish or unpublish the letter
 * and each reply, and check the replies' documents. Each is one use case,
 * then post-redirect-get with a flash; a refusal (an unsent letter) shows the
 * page again with the error in that section.
 */
export function letterPublicationRoutes(app: FastifyInstance, services: LetterPageServices): void {
  for (const published of [true, false]) {
    const verb = published ? "publish" : "unpublish";
    app.post<{ Params: LetterParams }>(
      `${LETTER_PATH}/${verb}`,
      { config: { access: "publish", ...NO_FIELDS } },
      (request, reply) =>
        change(services, request, reply, { entity: "letter", ...request.params }, published, "Letter"),
    );

    app.post<{ Params: ReplyParams }>(
      `${LETTER_PATH}/replies/:reply/${verb}`,
      { config: { access: "publish", ...NO_FIELDS } },
      async (request, reply) => {
        const { campaign, recipient } = request.params;
        const id = Number(request.params.reply);
        // Only a reply to this very letter, so the page redirected to is the one it is on.
        const { replies } = await services.letterPublication({ campaign, recipient });
        if (!/^\d{1,9}$/.test(request.params.reply) || !replies.some((row) => row.id === id)) {
          throw new PostbagError("not_found", `no reply ${request.params.reply} to ${recipient}`, {
            field: "reply",
          });
        }
        return change(services, request, reply, { entity: "reply", campaign, reply: id }, published, "Reply");
      },
    );
  }

  app.post<{ Params: LetterParams }>(
    `${LETTER_PATH}/check-documents`,
    { config: { access: "publish", ...NO_FIELDS } },
    async (request, reply) => {
      const { checked } = await services.checkLetterDocuments(request.params);
      reply.flash(
        checked === 0
          ? "Every document had been checked already"
          : `Checked ${checked} document${checked === 1 ? "" : "s"}`,
      );
      return reply.redirect(
        `${letterPath(request.params.campaign, request.params.recipient)}#publication`,
        303,
      );
    },
  );
}

async function change(
  services: LetterPageServices,
  request: LetterRequest,
  reply: FastifyReply,
  target: PublicationTarget,
  published: boolean,
  what: string,
) {
  let flash: string;
  try {
    const result = await services.setPublication({ target, published, actor: currentUser(request).email });
    flash = published
      ? `${what} published (${describeChange(result)} made public)`
      : `${what} unpublished (${describeChange(result)} taken off the public site)`;
  } catch (error) {
    const refused = publicationErrors(error, {}, "publication");
    if (!refused) throw error;
    return showLetter(services, reply, request.params, refused);
  }
  reply.flash(flash);
  return reply.redirect(`${letterPath(request.params.campaign, request.params.recipient)}#publication`, 303);
}
