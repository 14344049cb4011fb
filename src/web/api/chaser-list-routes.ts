import type { FastifyInstance } from "fastify";
import { campaignParams, dateTime, errorResponses, nullableDate } from "./schemas.ts";
import type { RecordsSlice } from "../../campaigns/records/records-slice.ts";

const chaser = {
  type: "object",
  properties: {
    id: { type: "integer" },
    recipient: { type: "string" },
    name: { type: "string", description: "The recipient's name as the board shows it" },
    state: { type: "string" },
    createdAt: dateTime,
    chases: {
      type: "object",
      description: "The first letter it chases",
      properties: { sentOn: nullableDate, dueOn: nullableDate, state: { type: "string" } },
    },
  },
} as const;

/** GET /api/campaigns/:campaign/chasers: every chaser of a campaign (POST, beside it, drafts them). */
export function chaserListRoutes(api: FastifyInstance, services: RecordsSlice): void {
  api.get<{ Params: { campaign: string } }>(
    "/campaigns/:campaign/chasers",
    {
      config: { access: "read" },
      schema: {
        summary: "Every chaser of a campaign, oldest first, with the letter each chases",
        tags: ["letters"],
        params: campaignParams,
        response: {
          200: {
            type: "object",
            properties: { campaign: { type: "string" }, chasers: { type: "array", items: chaser } },
          },
          ...errorResponses(404),
        },
      },
    },
    async (request) => ({
      campaign: request.params.campaign,
      chasers: await services.listChasers({ campaign: request.params.campaign }),
    }),
  );
}
