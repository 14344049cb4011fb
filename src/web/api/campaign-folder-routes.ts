import type { FastifyInstance } from "fastify";
import { can } from "../../users/permissions.ts";
import { acceptFiles, bytesOf, fileBody, tooLarge, ZIP } from "./file-bodies.ts";
import { campaignParams, errorResponses } from "./schemas.ts";
import { importSummary } from "./workspace-schemas.ts";
import type { CampaignsSlice } from "../../campaigns/workspace/campaigns-slice.ts";
import { currentUser } from "../auth/current-user.ts";

const { body, validatorCompiler } = fileBody(
  [ZIP],
  "A campaign folder as a zip: campaign.yaml, the letter and the recipients file, at the top or in one folder",
);

/** A whole campaign folder as a zip: checked as a whole (every problem listed), then imported. */
export function campaignFolderRoutes(api: FastifyInstance, services: CampaignsSlice): void {
  // A plugin of its own, so the zip parser and its 20 MB limit apply to these routes only.
  void api.register(async (scope) => {
    acceptFiles(scope, [ZIP]);

    scope.put<{ Params: { campaign: string }; Querystring: { version: string } }>(
      "/campaigns/:campaign/folder",
      {
        config: { access: "write" },
        validatorCompiler,
        schema: {
          summary: "Replace a campaign's folder with a zip; changed letters get a new draft version",
          tags: ["campaigns"],
          params: campaignParams,
          querystring: {
            type: "object",
            required: ["version"],
            properties: {
              version: {
                type: "string",
                description:
                  "The folder's version, as GET /campaigns/{campaign}/letter gives it (optimistic locking): if the campaign changed since, nothing changes (409)",
              },
            },
          },
          body,
          response: { 200: importSummary, ...errorResponses(403, 404, 409), ...tooLarge },
        },
      },
      (request) =>
        services.uploadCampaignZip({
          bytes: bytesOf(request, [ZIP]),
          actor: currentUser(request).email,
          campaign: request.params.campaign,
          mayChangePublicText: can(currentUser(request).role, "publish"),
          version: request.query.version,
        }),
    );

    scope.post(
      "/campaigns/folder",
      {
        config: { access: "write" },
        validatorCompiler,
        schema: {
          summary: "Create a campaign from a zip of its folder (its id from campaign.yaml)",
          tags: ["campaigns"],
          body,
          response: { 201: importSummary, ...errorResponses(403, 409), ...tooLarge },
        },
      },
      async (request, reply) => {
        const summary = await services.uploadCampaignZip({
          bytes: bytesOf(request, [ZIP]),
          actor: currentUser(request).email,
        });
        return reply.code(201).send(summary);
      },
    );
  });
}
