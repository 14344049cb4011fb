import type { FastifyInstance } from "fastify";
import type { Services } from "../../services.ts";
import { asOfQuery, campaignParams, errorResponses, isoDate, nullableDate, todayUtc } from "./schemas.ts";

const item = {
  type: "object",
  properties: {
    id: { type: "string" },
    state: { type: "string" },
    publicUrl: { type: "string", nullable: true },
  },
} as const;

const letterStatus = {
  type: "object",
  properties: {
    recipient: { type: "string" },
    name: { type: "string" },
    state: { type: "string" },
    sent: nullableDate,
    due: nullableDate,
    overdue: { type: "boolean" },
    veryOverdue: { type: "boolean" },
    items: { type: "array", items: item },
  },
} as const;

const campaignStatus = {
  type: "object",
  properties: {
    campaign: { type: "string" },
    title: { type: "string" },
    asOf: isoDate,
    requests: {
      type: "array",
      items: { type: "object", properties: { id: { type: "string" }, title: { type: "string" } } },
    },
    letters: { type: "array", items: letterStatus },
    totals: {
      type: "object",
      properties: {
        letters: { type: "integer" },
        byState: { type: "object", additionalProperties: { type: "integer" } },
        overdue: { type: "integer" },
        veryOverdue: { type: "integer" },
      },
    },
  },
} as const;

const overdueLetter = {
  type: "object",
  properties: {
    campaign: { type: "string" },
    recipient: { type: "string" },
    name: { type: "string" },
    sent: nullableDate,
    due: isoDate,
    veryOverdue: { type: "boolean" },
  },
} as const;

type AsOf = { Querystring: { asOf?: string } };

/** Reading the records: one campaign's letters, and every overdue letter. */
export function statusRoutes(api: FastifyInstance, services: Services): void {
  api.get<AsOf & { Params: { campaign: string } }>(
    "/campaigns/:campaign/status",
    {
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
