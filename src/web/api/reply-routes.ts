import type { FastifyInstance } from "fastify";
import { itemInput, itemUpdates, type ItemInput } from "./item-updates.ts";
import { campaignParams, errorResponses, isoDate } from "./schemas.ts";
import type { RecordsSlice } from "../../campaigns/records/records-slice.ts";
import { currentUser } from "../auth/current-user.ts";

interface ReplyBody {
  recipient: string;
  on: string;
  channel?: string;
  items: ItemInput[];
}

/** POST /api/campaigns/:campaign/replies: a reply to a sent letter and what it says of each item. */
export function replyRoutes(api: FastifyInstance, services: RecordsSlice): void {
  api.post<{ Params: { campaign: string }; Body: ReplyBody }>(
    "/campaigns/:campaign/replies",
    {
      config: { access: "write" },
      schema: {
        summary: "Record a reply to a sent letter",
        tags: ["letters"],
        params: campaignParams,
        body: {
          type: "object",
          additionalProperties: false,
          required: ["recipient", "on", "items"],
          properties: {
            recipient: { type: "string" },
            on: { ...isoDate, description: "The day the reply was received" },
            channel: { type: "string", description: "How it came: post (default), email, …" },
            items: {
              type: "array",
              items: itemInput,
              description: "What the reply says of each item; may be empty",
            },
          },
        },
        response: {
          200: {
            type: "object",
            properties: {
              campaign: { type: "string" },
              recipient: { type: "string" },
              reply: { type: "integer" },
            },
          },
          ...errorResponses(403, 404, 409),
        },
      },
    },
    (request) =>
      services.recordReply({
        campaign: request.params.campaign,
        recipient: request.body.recipient,
        on: request.body.on,
        ...(request.body.channel ? { channel: request.body.channel } : {}),
        // Never paths from a client: the use case would read them from this server's disk.
        files: [],
        items: itemUpdates(request.body.items),
        actor: currentUser(request).email,
      }),
  );
}
