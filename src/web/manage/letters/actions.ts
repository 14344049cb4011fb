import type { FastifyInstance } from "fastify";
import { act, LETTER_PATH } from "./act.ts";
import { sendRoutes } from "./send-routes.ts";
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

/** Approve, send, record sent, withdraw, record a reply, confirm an item: each a form on the letter's page. */
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

  sendRoutes(app, services, "letter");
  replyRoute(app, services);
  itemRoute(app, services);
}
