import { apiError } from "./schemas.ts";

// What the letter template routes take and answer: a draft, the use cases'
// CampaignSources and TemplateCheck, property for property.

export const source = {
  type: "string",
  description: "The letter template (Markdown with ((placeholders)))",
} as const;
export const sourceBody = {
  type: "object",
  additionalProperties: false,
  required: ["source"],
  properties: { source },
} as const;

export const version = {
  type: "string",
  description:
    "The version read with GET (optimistic locking): if someone changed it since, the save is refused (409) and nothing changes",
} as const;

/** Saving: the draft and the version of the letter it was started from. */
export const saveBody = {
  type: "object",
  additionalProperties: false,
  required: ["source", "version"],
  properties: { source, version },
} as const;

export const sources = {
  type: "object",
  properties: {
    campaign: { type: "string" },
    title: { type: "string" },
    version: {
      type: "string",
      description: "The whole folder's version: PUT /campaigns/{campaign}/folder must bring it back",
    },
    letter: { type: "object", properties: { file: { type: "string" }, source, version } },
    chaser: {
      type: "object",
      description: "The chaser template; until the campaign has one, the default text (written: false)",
      properties: { file: { type: "string" }, source, version, written: { type: "boolean" } },
    },
    recipients: {
      type: "object",
      properties: {
        file: { type: "string" },
        columns: { type: "array", items: { type: "string" }, description: "As written in the file" },
        list: {
          type: "array",
          items: {
            type: "object",
            properties: {
              id: { type: "string" },
              name: { type: "string" },
              organisation: { type: "string" },
            },
          },
        },
      },
    },
  },
} as const;

export const check = {
  type: "object",
  properties: {
    missing: {
      type: "array",
      description: "Placeholders no recipient column matches, with the line of their first use",
      items: { type: "object", properties: { name: { type: "string" }, line: { type: "integer" } } },
    },
    errors: { ...apiError.properties.problems, description: "Everything else that stops it being saved" },
  },
} as const;
