import type { FastifyInstance } from "fastify";
import { today } from "../../../campaigns/deadlines/iso-date.ts";
import { textField } from "../../forms/form-body.ts";
import { LETTER_PATH, refuse } from "./act.ts";
import { actionErrors } from "./action-errors.ts";
import { showLetter, type LetterPageServices, type LetterParams } from "./letter-page.ts";
import { letterPath } from "../paths.ts";
import { currentUser } from "../../auth/current-user.ts";

// POST …/items: a person confirms one of a reply's suggestions ("Mark … as
// received" or "as not held"). Errors point at the replies, where the buttons are.

const CONFIRMABLE: Record<string, string> = { received: "received", "not-held": "not held" };

export function itemRoute(app: FastifyInstance, services: LetterPageServices): void {
  app.post<{ Params: LetterParams }>(
    `${LETTER_PATH}/items`,
    { config: { access: "write" } },
    async (request, reply) => {
      const body = request.body as Record<string, unknown>;
      const item = textField(body, "item").trim();
      const state = textField(body, "state");
      const said = CONFIRMABLE[state];
      if (!item || !said) {
        return refuse(services, request, reply, [
          { field: "replies", message: "Choose an item and whether it was received or not held" },
        ]);
      }
      try {
        await services.updateItem({ ...request.params, item, state, actor: currentUser(request).email });
      } catch (error) {
        const refused = actionErrors(error, {}, "replies");
        if (!refused) throw error;
        return showLetter(services, reply, request.params, refused);
      }
      // The title for the flash, read after the change (an unknown item was refused above).
      const { items } = await services.letterDetail({ ...request.params, asOf: today() });
      const title = items.find((known) => known.id === item)?.title ?? item;
      reply.flash(`${title} marked ${said}`);
      return reply.redirect(letterPath(request.params.campaign, request.params.recipient), 303);
    },
  );
}
