import type { FastifyInstance } from "fastify";
import { parseItemUpdate, type ItemUpdate } from "../../campaigns/records/record-reply.ts";
import { PostbagError } from "../../errors.ts";
import type { Services } from "../../services.ts";
import { campaignParams, errorResponses, isoDate } from "./schemas.ts";

interface ItemInput {
  id: string;
  state: string;
  url?: string;
}

interface ReplyBody {
  recipient: string;
  on: string;
  channel?: string;
  items: ItemInput[];
}

const itemInput = {
  type: "object",
  additionalProperties: false,
  required: ["id", "state"],
  properties: {
    id: { type: "string", description: "The request's id in the campaign, e.g. needs-assessment" },
    state: { type: "string", enum: ["received", "declined", "not-held", "public"] },
    url: { type: "string", description: "Where it is published: required when the state is public" },
  },
} as const;

/** The API's items as the use case's updates, through the same rules as the command line's `id=state`. */
export function itemUpdates(items: ItemInput[]): ItemUpdate[] {
  return items.map(({ id, state, url }, index) => {
    if (state === "public" && !url) {
      throw new PostbagError("bad_input", `item "${id}" is public: give its url`, {
        field: `items.${index}.url`,
      });
    }
    try {
      return parseItemUpdate(state === "public" ? `${id}=public:${url}` : `${id}=${state}`);
    } catch (error) {
      if (!(error instanceof PostbagError)) throw error;
      throw new PostbagError(error.code, error.detail, { field: `items.${index}` });
    }
  });
}

/** POST /api/campaigns/:campaign/replies: a reply to a sent letter and what it says of each item. */
export function replyRoutes(api: FastifyInstance, services: Services): void {
  api.post<{ Params: { campaign: string }; Body: ReplyBody }>(
    "/campaigns/:campaign/replies",
    {
      config: { permission: "write" },
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
        actor: request.user!.email,
      }),
  );
}
