import type { FastifyInstance } from "fastify";
import { asOfQuery, campaignParams, errorResponses, isoDate, todayUtc } from "./schemas.ts";
import { campaignStatus, overdueLetter } from "./status-schemas.ts";
import type { RecordsSlice } from "../../campaigns/records/records-slice.ts";

type AsOf = { Querystring: { asOf?: string } };

/** Reading the records: one campaign's letters, and every overdue letter. */
export function statusRoutes(api: FastifyInstance, services: RecordsSlice): void {
  api.get<AsOf & { Params: { campaign: string } }>(
    "/campaigns/:campaign/status",
    {
      config: { access: "read" },
      schema: {
        summary: "Every letter of a campaign, its state, deadlines and items",
        tags: ["campaigns"],
        params: campaignParams,
        querystring: asOfQuery,
        response: { 200: campaignStatus, ...errorResponses(404) },
      },
    },
    (request) =>
      services.campaignStatus({ campaign: request.params.campaign, asOf: request.query.asOf ?? todayUtc() }),
  );

  api.get<AsOf>(
    "/overdue",
    {
      config: { access: "read" },
      schema: {
        summary: "Every letter, in all campaigns, still waiting for its reply after its due date",
        tags: ["campaigns"],
        querystring: asOfQuery,
        response: {
          200: {
            type: "object",
            properties: { asOf: isoDate, letters: { type: "array", items: overdueLetter } },
          },
          ...errorResponses(),
        },
      },
    },
    (request) => services.overdueLetters({ asOf: request.query.asOf ?? todayUtc() }),
  );
}
