import { WRITE } from "../../auth/access.ts";
import type { FastifyInstance } from "fastify";
import type { CampaignForm } from "../../../campaigns/workspace/campaign-form.ts";
import { textField } from "../../forms/form-body.ts";
import { actorOf, campaignPath, inputErrors, lettersChanged } from "./editing-forms.ts";
import type { CampaignsSlice } from "../../../campaigns/workspace/campaigns-slice.ts";

const TEMPLATE = "manage/editing/new-campaign.njk";

/** Every field of CampaignForm, each an input of the same name and id. */
const FIELDS = [
  "id",
  "title",
  "date",
  "senderName",
  "senderRole",
  "senderAddress",
  "senderPhone",
  "senderEmail",
  "signatoryName",
  "signatoryRole",
  "replyWithin",
  "requests",
] as const satisfies readonly (keyof CampaignForm)[];

/** A new campaign from a form: a folder with a starter letter and one example recipient. */
export function newCampaignRoutes(app: FastifyInstance, services: CampaignsSlice): void {
  app.get("/manage/campaigns/new", WRITE, (_request, reply) =>
    reply.page(TEMPLATE, { values: { replyWithin: "20 working days" } }),
  );

  app.post("/manage/campaigns/new", WRITE, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const form = Object.fromEntries(FIELDS.map((field) => [field, textField(body, field)])) as Record<
      (typeof FIELDS)[number],
      string
    >;
    try {
      const summary = await services.createCampaign({ form, actor: actorOf(request) });
      reply.flash(`Campaign created: ${lettersChanged(summary)}`);
      return reply.redirect(campaignPath(summary.campaign), 303);
    } catch (error) {
      const errors = inputErrors(error, "id", [...FIELDS]);
      return reply.code(400).page(TEMPLATE, { values: form, errors });
    }
  });
}
