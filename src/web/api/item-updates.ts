import { parseItemUpdate, type ItemUpdate } from "../../campaigns/records/record-reply.ts";
import { PostbagError } from "../../errors.ts";

export interface ItemInput {
  id: string;
  state: string;
  url?: string;
}

export const itemInput = {
  type: "object",
  additionalProperties: false,
  required: ["id", "state"],
  properties: {
    id: { type: "string", description: "The request's id in the campaign, e.g. needs-assessment" },
    state: { type: "string", enum: ["received", "declined", "not-held", "public"] },
    url: {
      type: "string",
      description: "Where it is published: required when the state is public, else ignored",
    },
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
