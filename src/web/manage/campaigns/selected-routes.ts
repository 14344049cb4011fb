import type { FastifyInstance, FastifyReply } from "fastify";
import { today } from "../../../campaigns/deadlines/iso-date.ts";
import type { RecordsSlice } from "../../../campaigns/records/records-slice.ts";
import type { LettersSlice } from "../../../letters/letters-slice.ts";
import type { MailOutSlice } from "../../../mail-out/mail-out-slice.ts";
import type { Runtime } from "../../../services.ts";
import { currentUser } from "../../auth/current-user.ts";
import { textFields } from "../../forms/form-body.ts";
import { formErrors } from "../../forms/form-errors.ts";
import { campaignPath } from "../paths.ts";
import { approvalPlan, sendingPlan, type SelectedPlan } from "./selected-view.ts";

// Letters selected on the board, approved or sent together: the board's form
// leads to a page that says what will happen to each (how many, and which are
// left out and why), and only its confirm button does it.

type Params = { Params: { campaign: string } };
type Services = RecordsSlice & LettersSlice & MailOutSlice & Pick<Runtime, "config">;

const BASE = "/manage/campaigns/:campaign/selected";

export function selectedRoutes(app: FastifyInstance, services: Services): void {
  // The board's two buttons: each leads to its own confirmation, with the permission its action needs.
  app.post<Params>(
    `${BASE}/approval`,
    { config: { access: "approve", formFields: ["letters"] } },
    async (request, reply) => {
      const { campaign } = request.params;
      const selected = textFields(request.body as Record<string, unknown>, "letters");
      if (selected.length === 0) return nothingSelected(reply, campaign);
      const status = await services.campaignStatus({ campaign, asOf: today() });
      return confirmPage(reply, campaign, approvalPlan(status, selected));
    },
  );

  app.post<Params>(
    `${BASE}/sending`,
    { config: { access: "write", formFields: ["letters"] } },
    async (request, reply) => {
      const { campaign } = request.params;
      const selected = textFields(request.body as Record<string, unknown>, "letters");
      if (selected.length === 0) return nothingSelected(reply, campaign);
      const status = await services.campaignStatus({ campaign, asOf: today() });
      const names = new Map(status.letters.map((letter) => [letter.recipient, letter.name]));
      // A dry run of the same queueing, so the reasons shown are the ones a send gives.
      const dryRun = services.config.smtp.host
        ? await services.enqueueLetters({
            campaign,
            recipients: selected,
            via: "email",
            dryRun: true,
            actor: currentUser(request).email,
          })
        : null;
      return confirmPage(reply, campaign, sendingPlan(dryRun, selected, names));
    },
  );

  app.post<Params>(
    `${BASE}/approve`,
    { config: { access: "approve", formFields: ["letters"] } },
    async (request, reply) => {
      const { campaign } = request.params;
      const recipients = textFields(request.body as Record<string, unknown>, "letters");
      const result = await services.approveLetters({ campaign, recipients, by: currentUser(request).email });
      reply.flash(`${count(result.approved.length)} approved`);
      return reply.redirect(campaignPath(campaign), 303);
    },
  );

  app.post<Params>(
    `${BASE}/send`,
    { config: { access: "write", formFields: ["letters"] } },
    async (request, reply) => {
      const { campaign } = request.params;
      const recipients = textFields(request.body as Record<string, unknown>, "letters");
      const actor = currentUser(request).email;
      if (!services.config.smtp.host) return confirmPage(reply, campaign, sendingPlan(null, recipients));
      const result = await services.enqueueLetters({
        campaign,
        recipients,
        via: "email",
        dryRun: false,
        actor,
      });
      const left = result.skipped.length ? `; ${count(result.skipped.length)} not queued` : "";
      reply.flash(`${count(result.queued.length)} queued to be sent by email${left}`);
      return reply.redirect(campaignPath(campaign), 303);
    },
  );

  function confirmPage(reply: FastifyReply, campaign: string, plan: SelectedPlan | null) {
    return reply.page("manage/campaigns/selected.njk", { base: campaignPath(campaign), plan, errors: null });
  }

  function nothingSelected(reply: FastifyReply, campaign: string) {
    const errors = formErrors([{ field: "letters", message: "Select at least one letter on the board" }]);
    return reply
      .code(400)
      .page("manage/campaigns/selected.njk", { base: campaignPath(campaign), plan: null, errors });
  }
}

function count(n: number): string {
  return `${n} ${n === 1 ? "letter" : "letters"}`;
}
