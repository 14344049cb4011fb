import { dateTime, isoDate, nullableDate } from "./schemas.ts";
import { letterModel } from "./workspace-schemas.ts";

// What GET /api/campaigns/:campaign/letters/:recipient answers: the use
// case's LetterDetail, property for property (a property left out here would
// never be sent).

const text = { type: "string" } as const;
const nullableText = { type: "string", nullable: true } as const;
const integer = { type: "integer" } as const;

const version = {
  type: "object",
  properties: {
    number: integer,
    contentHash: text,
    approvedBy: nullableText,
    approvedAt: { ...dateTime, nullable: true },
    createdAt: dateTime,
    formats: {
      type: "array",
      items: text,
      description: "Formats kept for this version (the PDF once approved)",
    },
  },
} as const;

const reply = {
  type: "object",
  properties: {
    id: integer,
    receivedOn: isoDate,
    channel: text,
    sender: text,
    text,
    files: {
      type: "array",
      items: {
        type: "object",
        properties: { name: text, hash: text, size: integer, mediaType: text },
      },
    },
  },
} as const;

export const letterDetail = {
  type: "object",
  properties: {
    campaign: { type: "object", properties: { id: text, title: text } },
    recipient: {
      type: "object",
      properties: {
        key: { ...text, description: "The recipient's id" },
        fields: { type: "object", additionalProperties: text, description: "The recipient's row" },
        nation: text,
        organisation: nullableText,
      },
    },
    letter: {
      type: "object",
      properties: {
        id: integer,
        kind: { type: "string", enum: ["letter", "chaser"] },
        parentLetterId: { ...integer, nullable: true, description: "For a chaser: the letter it chases" },
        state: text,
        sentOn: nullableDate,
        sentVia: nullableText,
        dueOn: nullableDate,
        veryDueOn: nullableDate,
        overdue: { type: "boolean" },
        veryOverdue: { type: "boolean" },
        lockVersion: integer,
        currentVersion: integer,
        withdrawnReason: { ...nullableText, description: "Why a person withdrew it" },
        notToSend: {
          ...nullableText,
          description:
            "A chaser only: why it must not be sent now (the body replied, the letter was withdrawn)",
        },
      },
    },
    versions: { type: "array", items: version },
    content: { ...letterModel, nullable: true, description: "The current version as composed" },
    items: {
      type: "array",
      items: {
        type: "object",
        properties: { id: text, title: text, state: text, publicUrl: nullableText },
      },
    },
    replies: { type: "array", items: reply, description: "Newest first" },
    sends: {
      type: "array",
      description: "Each send by email or Notify, oldest first, with why it failed or came back",
      items: {
        type: "object",
        properties: {
          channel: { type: "string", enum: ["email", "notify"] },
          to: text,
          state: { type: "string", enum: ["queued", "sending", "sent", "failed", "returned"] },
          reason: nullableText,
          queuedAt: dateTime,
          sentAt: { ...dateTime, nullable: true },
        },
      },
    },
    chasers: {
      type: "array",
      items: {
        type: "object",
        properties: { id: integer, recipient: text, state: text, createdAt: dateTime },
      },
    },
  },
} as const;
