import type { FastifyInstance } from "fastify";
import { campaignParams, errorResponses, isoDate, noBodyIsEmpty, todayUtc } from "./schemas.ts";
import type { RecordsSlice } from "../../campaigns/records/records-slice.ts";
import { currentUser } from "../auth/current-user.ts";

/** POST /api/campaigns/:campaign/chasers: a draft chaser for each overdue letter. */
export function chaserRoutes(api: FastifyInstance, services: RecordsSlice): void {
  api.post<{ Params: { campaign: string }; Body: { asOf?: string } }>(
    "/campaigns/:campaign/chasers",
    {
      config: { access: "write" },
      preValidation: noBodyIsEmpty,
      schema: {
        summary: "Draft a chaser for every letter overdue on the day, from the campaign's chaser letter",
        tags: ["letters"],
        params: campaignParams,
        body: {
          type: "object",
          additionalProperties: false,
          properties: { asOf: { ...isoDate, description: "Default today (UTC)" } },
        },
        response: {
          200: {
            type: "object",
            properties: {
              campaign: { type: "string" },
              asOf: isoDate,
              chasers: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    recipient: { type: "string" },
                    chases: { ...isoDate, description: "Sent on" },
                  },
                },
              },
            },
          },
          ...errorResponses(403, 404, 409),
        },
      },
    },
    (request) =>
      services.chaseLetters({
        campaign: request.params.campaign,
        asOf: request.body.asOf ?? todayUtc(),
        actor: currentUser(request).email,
      }),
  );
}
