import type { FastifyInstance } from "fastify";
import { campaignParams, errorResponses } from "./schemas.ts";
import { version } from "./template-schemas.ts";
import { importSummary } from "./workspace-schemas.ts";
import type { CampaignsSlice } from "../../campaigns/workspace/campaigns-slice.ts";
import { currentUser } from "../auth/current-user.ts";

type Params = { campaign: string; recipient: string };

const recipientParams = {
  type: "object",
  required: ["campaign", "recipient"],
  properties: {
    ...campaignParams.properties,
    recipient: { type: "string", description: "The id column's value" },
  },
} as const;

/** One recipient's values, to read and to edit, as on its page. */
export function recipientRoutes(api: FastifyInstance, services: CampaignsSlice): void {
  const one = "/campaigns/:campaign/recipients/:recipient";

  api.get<{ Params: Params }>(
    one,
    {
      config: { access: "read" },
      schema: {
        summary: "One recipient's values, column by column in the file's order",
        tags: ["editing"],
        params: recipientParams,
        response: {
          200: {
            type: "object",
            properties: {
              campaign: { type: "string" },
              recipient: { type: "string" },
              version,
              fields: {
                type: "array",
                items: {
                  type: "object",
                  properties: { column: { type: "string" }, value: { type: "string" } },
                },
              },
            },
          },
          ...errorResponses(404),
        },
      },
    },
    async (request) => ({ ...request.params, ...(await services.recipientRecord(request.params)) }),
  );

  api.patch<{ Params: Params; Body: { fields: Record<string, string>; version: string } }>(
    one,
    {
      config: { access: "write" },
      schema: {
        summary: "Change some of one recipient's values (not its id); their letter gets a new draft version",
        tags: ["editing"],
        params: recipientParams,
        body: {
          type: "object",
          additionalProperties: false,
          required: ["fields", "version"],
          properties: {
            fields: {
              type: "object",
              additionalProperties: { type: "string" },
              description: 'New values by column name, e.g. { "salutation": "Dear Paddy" }',
            },
            version,
          },
        },
        response: { 200: importSummary, ...errorResponses(403, 404, 409) },
      },
    },
    (request) =>
      services.editRecipient({
        ...request.params,
        fields: request.body.fields,
        version: request.body.version,
        actor: currentUser(request).email,
      }),
  );
}
