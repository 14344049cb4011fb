import type { FastifyInstance, FastifyReply } from "fastify";
import { SETTINGS_FIELDS, type CampaignSettings } from "../../../campaigns/workspace/campaign-settings.ts";
import type { CampaignsSlice } from "../../../campaigns/workspace/campaigns-slice.ts";
import { can } from "../../../users/permissions.ts";
import { READ, WRITE } from "../../auth/access.ts";
import { currentUser } from "../../auth/current-user.ts";
import { textField } from "../../forms/form-body.ts";
import { formErrors, type FormErrors } from "../../forms/form-errors.ts";
import { isPostbagError } from "../../../errors.ts";
import {
  actorOf,
  campaignPath,
  formStatus,
  inputErrors,
  isEditConflict,
  VERSION_FIELD,
} from "./editing-forms.ts";

type Params = { Params: { campaign: string } };

const PATH = "/manage/campaigns/:campaign/settings";

/** A campaign's title, purpose, requested items, reply window and chase interval, changed in the browser. */
export function settingsRoutes(app: FastifyInstance, services: CampaignsSlice): void {
  app.get<Params>(PATH, READ, async (request, reply) => show(reply, request.params.campaign));

  app.post<Params>(PATH, WRITE, async (request, reply) => {
    const { campaign } = request.params;
    const body = request.body as Record<string, unknown>;
    const settings = Object.fromEntries(
      SETTINGS_FIELDS.map((field) => [field, textField(body, field)]),
    ) as unknown as CampaignSettings;
    try {
      await services.saveCampaignSettings({
        campaign,
        settings,
        version: textField(body, VERSION_FIELD) || undefined,
        actor: actorOf(request),
        mayChangePublicText: can(currentUser(request).role, "publish"),
      });
    } catch (error) {
      // A published campaign's public text, changed by someone who may not publish: said on the form.
      if (isPostbagError(error) && error.code === "forbidden") {
        const errors = formErrors([{ field: "title", message: error.message }]);
        return show(reply, campaign, { status: 403, values: settings, errors });
      }
      const errors = inputErrors(error, "title", [...SETTINGS_FIELDS]);
      // After a clash the form shows what is saved now, so saving again is a choice made knowingly.
      const values = isEditConflict(error) ? undefined : settings;
      return show(reply, campaign, { status: formStatus(error), values, errors });
    }
    reply.flash("Settings saved");
    return reply.redirect(campaignPath(campaign), 303);
  });

  async function show(
    reply: FastifyReply,
    campaign: string,
    state: { status?: number; values?: CampaignSettings | undefined; errors?: FormErrors } = {},
  ) {
    const saved = await services.campaignSettings({ campaign });
    return reply.code(state.status ?? 200).page("manage/editing/settings.njk", {
      base: campaignPath(saved.campaign),
      title: saved.title,
      values: state.values ?? saved,
      version: saved.version,
      errors: state.errors ?? null,
    });
  }
}
