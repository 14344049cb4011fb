import { eq } from "drizzle-orm";
import type { CheckContext } from "../../documents/document.ts";
import type { Db, Tx } from "../../store/database.ts";
import { campaigns, contacts, organisations, recipients } from "../../store/schema.ts";
import type { Sender, Signatory } from "../../letters/model.ts";

// What the checks should not flag as personal data: the people written to and
// the directory's contacts (public office-holders), the campaign's own sender,
// signatory and contact (whose address and number replies quote back), and the
// bodies' own postcodes and web or mail domains.

export async function loadCheckContext(db: Db | Tx, campaignId: string): Promise<CheckContext> {
  const people = new Set<string>();
  const postcodes = new Set<string>();
  const domains = new Set<string>();
  const addresses = new Set<string>();
  const phones = new Set<string>();
  const names = new Set<string>();
  const [campaign] = await db
    .select({ sender: campaigns.sender, signatory: campaigns.signatory })
    .from(campaigns)
    .where(eq(campaigns.id, campaignId));
  if (campaign) {
    const sender = campaign.sender as Partial<Sender>;
    const signatory = campaign.signatory as Partial<Signatory>;
    for (const name of [sender.name, signatory.name, personOfAddress(sender.email ?? "")]) {
      if (name) people.add(name);
    }
    if (sender.email) addresses.add(sender.email.toLowerCase());
    if (sender.phone) phones.add(sender.phone);
    for (const line of [sender.role, signatory.role, ...(sender.address ?? [])]) if (line) names.add(line);
    const postcode = (sender.address ?? []).join(" ").match(/[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}/)?.[0];
    if (postcode) postcodes.add(postcode);
  }
  const rows = await db
    .select({ fields: recipients.fields })
    .from(recipients)
    .where(eq(recipients.campaignId, campaignId));
  for (const { fields } of rows) {
    if (fields["name"]) people.add(fields["name"]);
    for (const [column, value] of Object.entries(fields)) {
      if (/^(?:title|organisation|address_line_\d+)$/.test(column) && value) names.add(value);
    }
    if (fields["postcode"]) postcodes.add(fields["postcode"]);
    const email = fields["email"] ?? "";
    if (email.includes("@")) {
      domains.add(email.split("@")[1]!.toLowerCase());
      addresses.add(email.toLowerCase());
    }
  }
  for (const contact of await db.select().from(contacts)) {
    people.add(contact.name);
    if (contact.email.includes("@")) {
      domains.add(contact.email.split("@")[1]!.toLowerCase());
      addresses.add(contact.email.toLowerCase());
    }
  }
  for (const body of await db
    .select({ name: organisations.name, website: organisations.website })
    .from(organisations)) {
    names.add(body.name);
    const host = hostOf(body.website);
    if (host) domains.add(host);
  }
  return {
    publicPeople: [...people],
    publicPostcodes: [...postcodes],
    publicEmailDomains: [...domains],
    publicAddresses: [...addresses],
    publicPhones: [...phones],
    publicNames: [...names],
  };
}

/** "shelley.perera@…" → "Shelley Perera": the person behind the campaign's contact address, when it names one. */
function personOfAddress(address: string): string | null {
  const parts = (address.split("@")[0] ?? "").split(".");
  if (parts.length !== 2 || !parts.every((part) => /^[a-z][a-z'-]+$/i.test(part))) return null;
  return parts.map((part) => part[0]!.toUpperCase() + part.slice(1)).join(" ");
}

function hostOf(website: string): string | null {
  try {
    return new URL(/^https?:\/\//.test(website) ? website : `https://${website}`).hostname.replace(
      /^www\./,
      "",
    );
  } catch {
    return null;
  }
}
