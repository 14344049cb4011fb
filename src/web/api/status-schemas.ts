import { isoDate, nullableDate } from "./schemas.ts";

// What GET /api/campaigns/:campaign/status and GET /api/overdue answer: the
// use cases' CampaignStatus and OverdueLetter, property for property (a
// property left out here would never be sent).

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
    organisation: {
      type: "string",
      nullable: true,
      description: "The body written to, when the row names one",
    },
    state: { type: "string" },
    sent: nullableDate,
    due: nullableDate,
    overdue: { type: "boolean" },
    veryOverdue: { type: "boolean" },
    items: { type: "array", items: item },
  },
} as const;

export const campaignStatus = {
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

export const overdueLetter = {
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
