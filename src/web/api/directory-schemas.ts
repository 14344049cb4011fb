import { isoDate } from "./schemas.ts";

// What the directory routes take and answer: the use cases' inputs and their
// DirectoryEntry, SavedOrganisation and SavedContact, property for property.

const text = { type: "string" } as const;
const id = { type: "integer" } as const;
export const idParams = {
  type: "object",
  required: ["id"],
  properties: { id: { ...id, description: "The organisation's id" } },
};

export const organisationFields = {
  name: text,
  kind: { ...text, description: "e.g. Police and Crime Commissioner" },
  nation: {
    ...text,
    nullable: true,
    description: "england, wales, scotland or northern-ireland; empty for none",
  },
  website: { ...text, description: "http(s) address, or empty" },
} as const;
export const contactFields = { name: text, role: text, email: { ...text, description: "Or empty" } } as const;

const organisation = { type: "object", properties: { id, ...organisationFields } } as const;
const saved = (fields: object) => ({
  type: "object",
  properties: { ...fields, created: { type: "boolean", description: "Added rather than changed" } },
});
export const savedOrganisation = saved(organisation.properties);
export const savedContact = saved({ id, organisationId: id, ...contactFields });

export const entry = {
  type: "object",
  properties: {
    ...organisation.properties,
    contacts: { type: "array", items: { type: "object", properties: { id, ...contactFields } } },
    campaigns: {
      type: "array",
      description: "Campaigns in which it is a recipient, newest first",
      items: { type: "object", properties: { id: text, title: text, date: isoDate } },
    },
  },
} as const;
