import { READ } from "../../auth/access.ts";
import type { FastifyInstance } from "fastify";
import { today } from "../../../campaigns/deadlines/iso-date.ts";
import { textField } from "../../forms/form-body.ts";
import { formErrors } from "../../forms/form-errors.ts";
import { actionErrors } from "../letters/action-errors.ts";
import { letterFileRoutes } from "../letters/files.ts";
import type { LetterParams } from "../letters/letter-page.ts";
import { campaignPath, letterPath } from "../paths.ts";
import { dateProblem } from "../letters/date-field.ts";
import { showChaser, showChasers } from "./chaser-page.ts";
import type { LettersSlice } from "../../../letters/letters-slice.ts";
import type { RecordsSlice } from "../../../campaigns/records/records-slice.ts";
import { currentUser } from "../../auth/current-user.ts";
import type { MailOutSlice } from "../../../mail-out/mail-out-slice.ts";
import type { LetterPageServices } from "../letters/letter-page.ts";
import { sendRoutes } from "../letters/send-routes.ts";

const LIST = "/manage/campaigns/:campaign/chasers";

/** Chasers: draft them for overdue letters, see them, approve them. */
export function chasersRoutes(
  app: FastifyInstance,
  services: LettersSlice & RecordsSlice & MailOutSlice & LetterPageServices,
): void {
  app.get<{ Params: { campaign: string } }>(LIST, READ, (request, reply) =>
    showChasers(services, reply, request.params.campaign),
  );

  app.post<{ Params: { campaign: string } }>(
    LIST,
    { config: { access: "write" } },
    async (request, reply) => {
      const { campaign } = request.params;
      // Empty means today; a date lets a test (or a late run) count deadlines as of that day.
      const asOf = textField(request.body as Record<string, unknown>, "as-of").trim();
      const problems = asOf ? dateProblem(asOf, "as-of", "to count deadlines from") : [];
      if (problems.length > 0) {
        return showChasers(services, reply, campaign, {
          status: 400,
          values: { "as-of": asOf },
          errors: formErrors(problems),
        });
      }
      let result: Awaited<ReturnType<typeof services.chaseLetters>>;
      try {
        result = await services.chaseLetters({
          campaign,
          asOf: asOf || today(),
          actor: currentUser(request).email,
        });
      } catch (error) {
        const refused = actionErrors(error, { "as-of": "as-of" }, "generate");
        if (!refused) throw error;
        return showChasers(services, reply, campaign, { ...refused, values: { "as-of": asOf } });
      }
      reply.flash(draftedMessage(result.chasers.length, result.waiting.length));
      return reply.redirect(`${campaignPath(campaign)}/chasers`, 303);
    },
  );

  app.get<{ Params: LetterParams }>(`${LIST}/:recipient`, READ, (request, reply) =>
    showChaser(services, reply, request.params),
  );

  app.post<{ Params: LetterParams }>(
    `${LIST}/:recipient/approve`,
    { config: { access: "approve" } },
    async (request, reply) => {
      const { campaign, recipient } = request.params;
      try {
        await services.approveLetters({
          campaign,
          recipient,
          kind: "chaser",
          by: currentUser(request).email,
        });
      } catch (error) {
        const refused = actionErrors(error, {}, "actions");
        if (!refused) throw error;
        return showChaser(services, reply, request.params, refused);
      }
      reply.flash("Chaser approved");
      return reply.redirect(letterPath(campaign, recipient, "chaser"), 303);
    },
  );

  sendRoutes(app, services, "chaser");
  letterFileRoutes(app, services, "chaser");
}

function draftedMessage(drafted: number, waiting: number): string {
  const letters = (count: number) => `${count} overdue ${count === 1 ? "letter" : "letters"}`;
  const rest = waiting > 0 ? `; ${letters(waiting)} already chased, or with a chaser waiting to be sent` : "";
  if (drafted === 0) return `No chasers drafted${rest || ": no overdue letter needs one"}`;
  return `${drafted} ${drafted === 1 ? "chaser" : "chasers"} drafted${rest}`;
}
