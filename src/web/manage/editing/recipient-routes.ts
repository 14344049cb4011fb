import { WRITE } from "../../auth/access.ts";
import type { FastifyInstance, FastifyReply } from "fastify";
import { textFieldsOf } from "../../forms/form-body.ts";
import type { FormErrors } from "../../forms/form-errors.ts";
import {
  actorOf,
  alreadySent,
  campaignPath,
  formStatus,
  inputErrors,
  VERSION_FIELD,
} from "./editing-forms.ts";
import { errorsByInput, recipientInputs } from "./recipient-form.ts";
import type { CampaignsSlice } from "../../../campaigns/workspace/campaigns-slice.ts";

type Params = { Params: { campaign: string; recipient: string } };

/** One recipient's row of the recipients file, column by column. */
export function recipientRoutes(app: FastifyInstance, services: CampaignsSlice): void {
  const path = "/manage/campaigns/:campaign/recipients/:recipient";

  app.get<Params>(path, WRITE, (request, reply) => showRecipient(services, reply, request.params));

  app.post<Params>(path, WRITE, async (request, reply) => {
    const { campaign, recipient } = request.params;
    const body = request.body as Record<string, unknown>;
    // The version the form was opened at: a save over someone else's newer change is refused.
    const { [VERSION_FIELD]: version, ...fields } = textFieldsOf(body);
    try {
      const summary = await services.editRecipient({
        campaign,
        recipient,
        fields,
        version: version ?? "",
        actor: actorOf(request),
      });
      const changed = summary.letters.revised > 0 ? "the letter is revised" : "the letter is unchanged";
      reply.flash(`Recipient ${recipient} saved: ${changed}${alreadySent(summary.letters.alreadySent)}`);
      return reply.redirect(`${campaignPath(summary.campaign)}/recipients`, 303);
    } catch (error) {
      const saved = await services.recipientFields({ campaign, recipient });
      const columns = saved.map(({ column }) => column);
      const errors = errorsByInput(inputErrors(error, columns[0] ?? "id", columns), columns);
      return showRecipient(services, reply.code(formStatus(error)), request.params, {
        values: fields,
        errors,
      });
    }
  });
}

async function showRecipient(
  services: CampaignsSlice,
  reply: FastifyReply,
  { campaign, recipient }: { campaign: string; recipient: string },
  sent: { values: Record<string, string>; errors: FormErrors } | null = null,
) {
  const sources = await services.campaignSources({ campaign });
  const { fields, version } = await services.recipientRecord({ campaign, recipient });
  const row = sources.recipients.list.find(({ id }) => id === recipient);
  return reply.page("manage/editing/recipient.njk", {
    sources,
    base: campaignPath(sources.campaign),
    recipient,
    who: row?.name || row?.organisation || recipient,
    inputs: recipientInputs(fields, sent?.values ?? null, sent?.errors ?? null),
    version,
    errors: sent?.errors ?? null,
  });
}
