import type { FastifyInstance } from "fastify";
import { today } from "../../../campaigns/deadlines/iso-date.ts";
import { textField, textFieldsOf } from "../../forms/form-body.ts";
import { LETTER_PATH, refuse } from "./act.ts";
import { actionErrors } from "./action-errors.ts";
import { showLetter, type LetterPageServices, type LetterParams } from "./letter-page.ts";
import { letterPath } from "../paths.ts";
import { currentUser } from "../../auth/current-user.ts";

// POST …/items: a person confirms one of a reply's suggestions ("Mark … as
// received" or "as not held"), or, from the form under the items
// (form=direct), sets an item with no reply at all: already public at its web
// address, received, declined or not held, with a note kept for staff only.
// Errors point at the form they came from.

const CONFIRMABLE: Record<string, string> = { received: "received", "not-held": "not held" };
const DIRECT: Record<string, string> = { ...CONFIRMABLE, public: "already public", declined: "declined" };
/** The use case's fields as the direct form's controls (_item-change.njk). */
const DIRECT_FIELDS = {
  item: "change-item",
  state: "change-state",
  publicUrl: "change-url",
  note: "change-note",
};

export function itemRoute(app: FastifyInstance, services: LetterPageServices): void {
  app.post<{ Params: LetterParams }>(
    `${LETTER_PATH}/items`,
    { config: { access: "write" } },
    async (request, reply) => {
      const body = request.body as Record<string, unknown>;
      const direct = textField(body, "form") === "direct";
      const where = direct ? "change-item" : "replies";
      const item = textField(body, "item").trim();
      const state = textField(body, "state");
      const said = (direct ? DIRECT : CONFIRMABLE)[state];
      if (!item || !said) {
        const message = direct
          ? "Choose an item and what is now known of it"
          : "Choose an item and whether it was received or not held";
        const field = direct ? (item ? "change-state" : "change-item") : "replies";
        return refuse(services, request, reply, [{ field, message }]);
      }
      const fields = direct
        ? { publicUrl: textField(body, "url").trim(), note: textField(body, "note") }
        : {};
      try {
        await services.updateItem({
          ...request.params,
          item,
          state,
          ...fields,
          actor: currentUser(request).email,
        });
      } catch (error) {
        const refused = actionErrors(error, direct ? DIRECT_FIELDS : {}, where);
        if (!refused) throw error;
        // The direct form comes back as it was filled in (_item-change.njk reads these values).
        return showLetter(services, reply, request.params, { ...refused, values: textFieldsOf(body) });
      }
      // The title for the flash, read after the change (an unknown item was refused above).
      const { items } = await services.letterDetail({ ...request.params, asOf: today() });
      const title = items.find((known) => known.id === item)?.title ?? item;
      reply.flash(`${title} marked ${said}`);
      return reply.redirect(letterPath(request.params.campaign, request.params.recipient), 303);
    },
  );
}
