import { campaignParams, dateTime } from "./schemas.ts";

// JSON schemas of the publication API: what is public, what a publish or
// unpublish changed, and each document's review (findings, redactions).

export const replyParams = {
  type: "object",
  required: ["campaign", "reply"],
  properties: { ...campaignParams.properties, reply: { type: "integer", description: "The reply's id" } },
} as const;

export const documentParams = {
  type: "object",
  required: ["campaign", "document"],
  properties: {
    ...campaignParams.properties,
    document: { type: "integer", description: "The document's id (from the letter's publication)" },
  },
} as const;

const entityRef = {
  type: "object",
  properties: {
    entity: { type: "string", description: "campaign, letter, reply or document" },
    id: { type: "string" },
  },
} as const;

export const publicationChange = {
  type: "object",
  description: "What a publish or unpublish changed",
  properties: {
    campaign: { type: "string" },
    published: { type: "array", items: entityRef },
    unpublished: { type: "array", items: entityRef },
    blocked: {
      type: "array",
      description: "Documents a campaign-wide publish left out, and why",
      items: {
        type: "object",
        properties: { document: { type: "integer" }, reason: { type: "string" } },
      },
    },
    withheld: {
      type: "array",
      description:
        "What a campaign-wide publish left off because someone unpublished it on its own (publish it to put it back)",
      items: entityRef,
    },
  },
} as const;

export const campaignPublication = {
  type: "object",
  properties: {
    published: { type: "boolean", description: "Whether the campaign page is public" },
    letters: { type: "integer", description: "How many letters are public" },
    documents: { type: "integer", description: "How many documents are public" },
  },
} as const;

const nullableDateTime = { ...dateTime, nullable: true } as const;
const nullableString = { type: "string", nullable: true } as const;

const finding = {
  type: "object",
  properties: {
    id: { type: "integer" },
    code: { type: "string" },
    severity: { type: "string", description: "block (hidden content) or review (personal data)" },
    message: { type: "string" },
    location: { type: "string" },
    current: { type: "boolean", description: "Still found in the public copy" },
    resolvedBy: nullableString,
    resolvedAt: nullableDateTime,
    resolution: nullableString,
  },
} as const;

const redaction = {
  type: "object",
  properties: {
    id: { type: "integer" },
    kind: { type: "string", description: "text, pattern or box" },
    spec: { type: "object", additionalProperties: true },
    reason: { type: "string" },
    createdBy: { type: "string" },
    createdAt: dateTime,
  },
} as const;

const documentReview = {
  type: "object",
  properties: {
    id: { type: "integer" },
    replyId: { type: "integer" },
    source: { type: "string", description: "body (the reply's text) or file" },
    name: { type: "string" },
    mediaType: { type: "string" },
    published: { type: "boolean" },
    readiness: {
      type: "object",
      properties: { ready: { type: "boolean" }, reason: { type: "string" } },
    },
    metadataRemoved: { type: "array", items: { type: "string" } },
    publicHash: nullableString,
    findings: { type: "array", items: finding },
    redactions: { type: "array", items: redaction },
  },
} as const;

export const letterPublication = {
  type: "object",
  properties: {
    campaignPublished: { type: "boolean" },
    letterPublished: { type: "boolean" },
    letterSent: { type: "boolean" },
    replies: {
      type: "array",
      items: {
        type: "object",
        properties: {
          id: { type: "integer" },
          receivedOn: { type: "string", format: "date" },
          published: { type: "boolean" },
          documents: { type: "array", items: documentReview },
        },
      },
    },
  },
} as const;

export const resolveBody = {
  type: "object",
  additionalProperties: false,
  required: ["finding", "reason"],
  properties: {
    finding: { type: "integer", description: "The finding's id" },
    reason: { type: "string", description: "Why it may be published: recorded" },
  },
} as const;

// Numbers; a string holding one is coerced by the validator, anything else is refused naming the field.
const numberOrString = { type: "number" } as const;

export const redactBody = {
  type: "object",
  additionalProperties: false,
  required: ["kind", "reason"],
  properties: {
    kind: { type: "string", enum: ["text", "pattern", "box"] },
    text: { type: "string", description: "kind text: the exact text to remove" },
    pattern: { type: "string", description: "kind pattern: email, phone, ni-number or postcode" },
    page: { ...numberOrString, description: "kind box (PDF only): the page, from 1" },
    x: { ...numberOrString, description: "kind box: points from the left of the page" },
    y: { ...numberOrString, description: "kind box: points from the top of the page" },
    width: { ...numberOrString, description: "kind box: in points" },
    height: { ...numberOrString, description: "kind box: in points" },
    reason: { type: "string", description: "Why: recorded" },
  },
} as const;
