// What the editing routes answer: the use cases' ImportSummary and the
// composed Letter, property for property (a property left out here would
// never be sent).

/** What an edit did once imported: the campaign's template version and its letters. */
export const importSummary = {
  type: "object",
  properties: {
    campaign: { type: "string" },
    created: { type: "boolean", description: "Whether the campaign is new" },
    templateVersion: { type: "integer" },
    letters: {
      type: "object",
      properties: {
        created: { type: "integer" },
        revised: { type: "integer", description: "Letters given a new draft version" },
        unchanged: { type: "integer" },
        alreadySent: {
          type: "array",
          items: { type: "string" },
          description: "Recipients whose letter was sent, so is never rewritten",
        },
      },
    },
    departed: {
      type: "object",
      description: "Recipients no longer in the recipients file",
      properties: {
        removed: {
          type: "array",
          items: { type: "string" },
          description: "Removed with their unsent letters",
        },
        kept: { type: "array", items: { type: "string" }, description: "Kept: letters were sent to them" },
      },
    },
  },
} as const;

// Blocks and inlines nest (a list item holds paragraphs): sent as they are, described here.
const blocks = {
  type: "array",
  description:
    "Blocks: { t: p|h, c: inlines }, { t: ul, items: blocks[] }, { t: ol, start, items }, { t: pagebreak }. " +
    "Inlines: { t: text, v }, { t: strong|em, c }, { t: link, href, c }, { t: br }, { t: fnref, n, first }",
  items: { type: "object", additionalProperties: true },
} as const;

const strings = { type: "array", items: { type: "string" } } as const;

/** One recipient's letter as every renderer takes it (src/letters/model.ts). */
export const letterModel = {
  type: "object",
  properties: {
    id: { type: "string", description: "The recipient's id" },
    title: { type: "string" },
    lang: { type: "string" },
    date: { type: "string", description: "As printed, e.g. 13 October 2020" },
    created: {
      type: "object",
      properties: { year: { type: "integer" }, month: { type: "integer" }, day: { type: "integer" } },
    },
    sender: {
      type: "object",
      properties: {
        name: { type: "string" },
        role: { type: "string" },
        address: strings,
        phone: { type: "string" },
        email: { type: "string" },
      },
    },
    signatory: {
      type: "object",
      properties: {
        name: { type: "string" },
        role: { type: "string" },
        signature: {
          type: "object",
          nullable: true,
          properties: {
            bytes: { type: "array", items: { type: "integer" }, description: "The image's bytes" },
            format: { type: "string", enum: ["png", "jpg", "svg"] },
          },
        },
      },
    },
    address: { ...strings, description: "The address block's lines" },
    salutation: { type: "string" },
    sign_off: { type: "string" },
    body: blocks,
    footnotes: {
      type: "array",
      items: {
        type: "object",
        properties: { n: { type: "integer" }, c: { ...blocks, description: "Inlines, as in the body" } },
      },
    },
    source: {
      type: "object",
      properties: {
        file: { type: "string" },
        row: { type: "integer" },
        rowLabel: { type: "string", enum: ["row", "line"] },
        addressColumns: strings,
      },
    },
  },
} as const;
