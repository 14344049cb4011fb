import { WRITE } from "../../auth/access.ts";
import { uploadRoute } from "../../plugins/body-limits.ts";
import type { FastifyInstance } from "fastify";
import type { Services } from "../../../services.ts";
import { textField, uploadedFiles } from "../../forms/form-body.ts";
import { formErrors } from "../../forms/form-errors.ts";
import { actorOf, campaignPath, inputErrors, lettersChanged, renameFields } from "./editing-forms.ts";

const TEMPLATE = "manage/editing/upload.njk";

/**
 * A campaign folder as a zip: a new campaign, or (with `campaign`) a new
 * version of an existing campaign's folder. The page has one input, so every
 * problem, wherever in the zip, is shown against it.
 */
export function uploadRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Querystring: { campaign?: unknown } }>("/manage/campaigns/upload", WRITE, (request, reply) => {
    const campaign = typeof request.query.campaign === "string" ? request.query.campaign : "";
    return reply.page(TEMPLATE, { campaign });
  });

  app.post("/manage/campaigns/upload", uploadRoute("write", { files: 1 }), async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const campaign = textField(body, "campaign");
    const [file] = uploadedFiles(body, "file");
    if (!file) {
      const errors = formErrors([{ field: "file", message: "Select a .zip file of the campaign folder" }]);
      return reply.code(400).page(TEMPLATE, { campaign, errors });
    }
    try {
      const summary = await services.uploadCampaignZip({
        bytes: file.bytes,
        actor: actorOf(request),
        campaign: campaign || undefined,
      });
      const done = campaign ? "Campaign folder replaced" : "Campaign uploaded";
      reply.flash(`${done}: ${lettersChanged(summary)}`);
      return reply.redirect(campaignPath(summary.campaign), 303);
    } catch (error) {
      // campaign.yaml's id (taken or bad) is the zip's fault too.
      const errors = renameFields(inputErrors(error, "file", ["file", "id"]), () => "file");
      return reply.code(400).page(TEMPLATE, { campaign, errors });
    }
  });
}
