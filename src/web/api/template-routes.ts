import type { FastifyInstance } from "fastify";
import { campaignParams, errorResponses } from "./schemas.ts";
import { check, saveBody, source, sourceBody, sources } from "./template-schemas.ts";
import { importSummary, letterModel } from "./workspace-schemas.ts";
import type { CampaignsSlice } from "../../campaigns/workspace/campaigns-slice.ts";
import { currentUser } from "../auth/current-user.ts";

type OfCampaign<Body = unknown> = { Params: { campaign: string }; Body: Body };

/** The letter template: read it, check or preview a draft, save it. */
export function templateRoutes(api: FastifyInstance, services: CampaignsSlice): void {
  const path = "/campaigns/:campaign/letter";
  const tags = ["editing"];

  api.get<OfCampaign>(
    path,
    {
      config: { access: "read" },
      schema: {
        summary: "The letter template as written, with the recipients file's columns and rows",
        tags,
        params: campaignParams,
        response: { 200: sources, ...errorResponses(404) },
      },
    },
    (request) => services.campaignSources({ campaign: request.params.campaign }),
  );

  api.put<OfCampaign<{ source: string; version: string }>>(
    path,
    {
      config: { access: "write" },
      schema: {
        summary: "Save the letter template; changed letters get a new draft version",
        tags,
        params: campaignParams,
        body: saveBody,
        response: { 200: importSummary, ...errorResponses(403, 404, 409) },
      },
    },
    (request) =>
      services.saveLetterTemplate({
        campaign: request.params.campaign,
        source: request.body.source,
        version: request.body.version,
        actor: currentUser(request).email,
      }),
  );

  api.post<OfCampaign<{ source: string }>>(
    `${path}/check`,
    {
      config: { access: "read" },
      schema: {
        summary: "Check a draft template against the recipients, without saving it",
        tags,
        params: campaignParams,
        body: sourceBody,
        response: { 200: check, ...errorResponses(404) },
      },
    },
    (request) => services.checkTemplate({ campaign: request.params.campaign, source: request.body.source }),
  );

  api.post<OfCampaign<{ source?: string; recipient: string }>>(
    `${path}/preview`,
    {
      config: { access: "read" },
      schema: {
        summary: "One recipient's letter composed from a draft template (or the saved one), without saving",
        tags,
        params: campaignParams,
        body: {
          type: "object",
          additionalProperties: false,
          required: ["recipient"],
          properties: {
            source: { ...source, description: "The draft; default the saved template" },
            recipient: { type: "string" },
          },
        },
        response: { 200: letterModel, ...errorResponses(404) },
      },
    },
    async (request) => {
      const { campaign } = request.params;
      const draft = request.body.source ?? (await services.campaignSources({ campaign })).letter.source;
      return services.previewTemplate({ campaign, source: draft, recipient: request.body.recipient });
    },
  );
}
