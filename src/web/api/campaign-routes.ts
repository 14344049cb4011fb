import type { FastifyInstance } from "fastify";
import { SEND_CHANNELS } from "../../campaigns/records/record-sent.ts";
import {
  campaignParams,
  errorResponses,
  isoDate,
  letterKind as kind,
  noBodyIsEmpty,
  nullableDate,
} from "./schemas.ts";
import type { LettersSlice } from "../../letters/letters-slice.ts";
import type { RecordsSlice } from "../../campaigns/records/records-slice.ts";
import { currentUser } from "../auth/current-user.ts";
import type { LetterKind } from "../../campaigns/queries/find-letter.ts";

const recipient = { type: "string", description: "One recipient's id; leave out for every letter that can" };
type OfCampaign<Body> = { Params: { campaign: string }; Body: Body };

/** Moving letters on: approve, record as sent. Replies and chasers have files of their own. */
export function campaignRoutes(api: FastifyInstance, services: LettersSlice & RecordsSlice): void {
  api.post<OfCampaign<{ recipient?: string; recipients?: string[]; kind: LetterKind }>>(
    "/campaigns/:campaign/approve",
    {
      config: { access: "approve" },
      preValidation: noBodyIsEmpty,
      schema: {
        summary: "Approve draft letters: freezes the version to send and keeps its PDF",
        tags: ["letters"],
        params: campaignParams,
        body: {
          type: "object",
          additionalProperties: false,
          properties: {
            recipient,
            recipients: {
              type: "array",
              items: { type: "string" },
              description: "Only these recipients' drafts",
            },
            kind,
          },
        },
        response: {
          200: {
            type: "object",
            properties: {
              campaign: { type: "string" },
              approved: { type: "array", items: { type: "string" } },
            },
          },
          ...errorResponses(403, 404, 409),
        },
      },
    },
    (request) =>
      services.approveLetters({
        campaign: request.params.campaign,
        ...request.body,
        by: currentUser(request).email,
      }),
  );

  api.post<OfCampaign<{ recipient?: string; on: string; via: string; kind: LetterKind }>>(
    "/campaigns/:campaign/sent",
    {
      config: { access: "write" },
      schema: {
        summary: "Record approved letters as sent, which sets their reply deadlines",
        tags: ["letters"],
        params: campaignParams,
        body: {
          type: "object",
          additionalProperties: false,
          required: ["on", "via"],
          properties: { recipient, on: isoDate, via: { type: "string", enum: [...SEND_CHANNELS] }, kind },
        },
        response: {
          200: {
            type: "object",
            properties: {
              campaign: { type: "string" },
              sent: {
                type: "array",
                items: { type: "object", properties: { recipient: { type: "string" }, due: nullableDate } },
              },
            },
          },
          ...errorResponses(403, 404, 409),
        },
      },
    },
    (request) =>
      services.recordSent({
        campaign: request.params.campaign,
        recipient: request.body.recipient,
        on: request.body.on,
        via: request.body.via,
        kind: request.body.kind,
        actor: currentUser(request).email,
      }),
  );
}
