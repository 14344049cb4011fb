import { WRITE } from "../../auth/access.ts";
import { uploadRoute } from "../../plugins/body-limits.ts";
import type { FastifyInstance } from "fastify";
import { can } from "../../../users/permissions.ts";
import { textField, uploadedFiles } from "../../forms/form-body.ts";
import { formErrors } from "../../forms/form-errors.ts";
import {
  actorOf,
  campaignPath,
  formStatus,
  inputErrors,
  lettersChanged,
  renameFields,
  VERSION_FIELD,
} from "./editing-forms.ts";
import type { CampaignsSlice } from "../../../campaigns/workspace/campaigns-slice.ts";
import { currentUser } from "../../auth/current-user.ts";

const TEMPLATE = "manage/editing/upload.njk";

/**
 * A campaign folder as a zip: a new campaign, or (with `campaign`) a new
 * version of an existing campaign's folder. The page has one input, so every
 * problem, wherever in the zip, is shown against it.
 */
export function uploadRoutes(app: FastifyInstance, services: CampaignsSlice): void {
  app.get<{ Querystring: { campaign?: unknown } }>(
    "/manage/campaigns/upload",
    WRITE,
    async (request, reply) => {
      const campaign = typeof request.query.campaign === "string" ? request.query.campaign : "";
      // Replacing a folder: the form carries the version it replaces, so a change made since is not lost.
      const version = campaign ? (await services.campaignSources({ campaign })).version : "";
      return reply.page(TEMPLATE, { campaign, version });
    },
  );

  app.post("/manage/campaigns/upload", uploadRoute("write", { files: 1 }), async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const campaign = textField(body, "campaign");
    const version = textField(body, VERSION_FIELD);
    const [file] = uploadedFiles(body, "file");
    if (!file) {
      const errors = formErrors([{ field: "file", message: "Select a .zip file of the campaign folder" }]);
      return reply.code(400).page(TEMPLATE, { campaign, version, errors });
    }
    try {
      const summary = await services.uploadCampaignZip({
        bytes: file.bytes,
        actor: actorOf(request),
        campaign: campaign || undefined,
        mayChangePublicText: can(currentUser(request).role, "publish"),
        version: campaign ? version : undefined,
      });
      const done = campaign ? "Campaign folder replaced" : "Campaign uploaded";
      reply.flash(`${done}: ${lettersChanged(summary)}`);
      return reply.redirect(campaignPath(summary.campaign), 303);
    } catch (error) {
      // campaign.yaml's id (taken or bad) is the zip's fault too.
      const errors = renameFields(inputErrors(error, "file", ["file", "id", "version"]), () => "file");
      // After a conflict the form carries the version now current: uploading again is a choice made knowingly.
      const current = campaign
        ? (await services.campaignSources({ campaign }).catch(() => null))?.version
        : "";
      return reply.code(formStatus(error)).page(TEMPLATE, { campaign, version: current ?? version, errors });
    }
  });
}
